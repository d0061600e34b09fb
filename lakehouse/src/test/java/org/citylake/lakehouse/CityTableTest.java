package org.citylake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;
import org.citylake.model.CityRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityTableTest {

    @TempDir Path dir;

    static final City SYDNEY =
            City.of("sydney", "Sydney", "AU", "Australia/Sydney", 151.2093, -33.8688, null, null);
    static final City AARHUS =
            City.of("aarhus", "Aarhus", "DK", "Europe/Copenhagen", 10.2039, 56.1629, null, null);

    @Test
    void anEmptyLakeKnowsNoCity() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            assertThat(CityTable.read(lake)).isEqualTo(CityRegistry.empty()); // no table yet
            lake.init();
            assertThat(CityTable.read(lake).size()).isZero();
        }
    }

    @Test
    void upsertAddsUpdatesAndLeavesAnUnchangedCityAlone() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            lake.init();
            assertThat(CityTable.upsert(lake, SYDNEY)).isEqualTo(CityTable.Change.ADDED);
            assertThat(CityTable.upsert(lake, AARHUS)).isEqualTo(CityTable.Change.ADDED);
            Table table = lake.table(TableRegistry.CITIES);
            long snapshot = table.currentSnapshot().snapshotId();

            assertThat(CityTable.upsert(lake, SYDNEY)).isEqualTo(CityTable.Change.UNCHANGED);
            table.refresh();
            assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);

            City weekendPeaks = SYDNEY.withPolicy(CityPolicy.parse("SAT-SUN", "10-14", null));
            assertThat(CityTable.upsert(lake, weekendPeaks)).isEqualTo(CityTable.Change.UPDATED);

            CityRegistry registry = CityTable.read(lake);
            assertThat(registry.ids()).containsExactly("aarhus", "sydney");
            assertThat(registry.require("sydney")).isEqualTo(weekendPeaks);
            assertThat(registry.require("sydney").crs()).isEqualTo("EPSG:32756");
            assertThat(registry.require("aarhus")).isEqualTo(AARHUS);
        }
    }

    @Test
    void rowsHoldTheRegistryAsText() {
        Record row =
                CityTable.toRecord(
                        TableRegistry.get().table(TableRegistry.CITIES).schema(), SYDNEY);
        assertThat(row.getField("time_zone")).isEqualTo("Australia/Sydney");
        assertThat(row.getField("crs")).isEqualTo("EPSG:32756");
        assertThat(row.getField("peak_days")).isEqualTo("MON-FRI");
        assertThat(row.getField("peak_hours")).isEqualTo("06-10,15-19");
        assertThat(row.getField("night_hours")).isEqualTo("22-05");
        assertThat(CityTable.fromRecord(row)).isEqualTo(SYDNEY);

        row.setField("time_zone", "Australia/Sidney");
        assertThatThrownBy(() -> CityTable.fromRecord(row))
                .hasMessageContaining("ref.cities row of city 'sydney' is not valid")
                .hasMessageContaining("'Australia/Sidney' is not an IANA time zone id");
        assertThat(List.of(SYDNEY.summary()))
                .containsExactly("Sydney (AU), Australia/Sydney, EPSG:32756");
    }
}
