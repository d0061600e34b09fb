package org.citylake.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables are created with their column docs and table comment, and {@code lakehouse init} brings
 * the docs of an existing table in line in place (as Trino's DESCRIBE then shows them).
 */
class ColumnDocsUpgradeTest {

    @TempDir Path dir;

    @Test
    void initCreatesDocsAndRewritesStaleOnesInPlace() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        String pm25 =
                TableRegistry.get().table("clean.air_quality").schema().findField("pm25").doc();
        try (Lake lake = Lake.open(config)) {
            lake.init();
            Table air = lake.table("clean.air_quality");
            assertThat(air.schema().findField("pm25").doc())
                    .isEqualTo(pm25)
                    .isEqualTo("PM2.5, µg/m³ (FIWARE AirQualityObserved.pm25)");
            assertThat(air.properties()).containsKey("comment");
            air.updateSchema().updateColumnDoc("pm25", "PM2.5").commit();
            air.updateProperties().remove("comment").commit();
        }
        try (Lake lake = Lake.open(config)) {
            List<String> changes = new ArrayList<>();
            assertThat(lake.init(changes::add)).isEmpty();
            assertThat(changes).containsExactly("clean.air_quality: documented pm25");
            Table air = lake.table("clean.air_quality");
            assertThat(air.schema().findField("pm25").doc()).isEqualTo(pm25);
            assertThat(air.properties().get("comment"))
                    .isEqualTo(lake.registry().table("clean.air_quality").description());
        }
    }
}
