package org.citylake.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.iceberg.PartitionField;
import org.junit.jupiter.api.Test;

class ParkingTablesTest {

    @Test
    void goldParkingTablesArePartitionedByIdentityColumnsSoARunReplacesWholePartitions() {
        for (TableDef def : ParkingTables.all()) {
            List<String> sources =
                    def.spec().fields().stream()
                            .map(PartitionField::sourceId)
                            .map(id -> def.schema().findColumnName(id))
                            .toList();
            assertThat(def.spec().fields())
                    .as(def.name())
                    .allMatch(f -> f.transform().isIdentity());
            assertThat(sources)
                    .as(def.name())
                    .containsExactly(
                            "city",
                            def.name().endsWith("forecast") || def.name().endsWith("skill")
                                    ? "test_start"
                                    : "local_date");
            assertThat(def.schema().columns()).allMatch(c -> c.doc() != null && !c.doc().isBlank());
            assertThat(TableRegistry.get().find(def.name())).isPresent();
        }
    }
}
