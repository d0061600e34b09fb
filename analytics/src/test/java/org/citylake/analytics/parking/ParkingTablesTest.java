package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParkingTablesTest {

    @TempDir Path dir;

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
                                    : def.name().endsWith("busiest")
                                            ? "period_from"
                                            : "local_date");
            assertThat(def.schema().columns()).allMatch(c -> c.doc() != null && !c.doc().isBlank());
            assertThat(TableRegistry.get().find(def.name())).isPresent();
        }
    }

    @Test
    void initRenamesFormerColumnsInPlaceKeepingEveryRow() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            lake.init();
            // As an older version left it: the pairs column still called n, holding one row.
            Table skill = lake.table(ParkingTables.FORECAST_SKILL);
            skill.updateSchema().renameColumn(ParkingTables.FORECAST_PAIRS, "n").commit();
            org.apache.iceberg.data.Record row =
                    org.apache.iceberg.data.GenericRecord.create(skill.schema());
            row.setField("city", "aarhus");
            row.setField("test_start", java.time.LocalDate.of(2014, 10, 27));
            row.setField("test_end", java.time.LocalDate.of(2014, 11, 2));
            row.setField("train_start", java.time.LocalDate.of(2014, 9, 29));
            row.setField("train_end", java.time.LocalDate.of(2014, 10, 26));
            row.setField("lot_id", "ALL");
            row.setField("model", "naive");
            row.setField("horizon_minutes", 60);
            row.setField("n", 42L);
            org.citylake.lakehouse.RefTableWriter.append(skill, List.of(row));
            long snapshotBefore = skill.currentSnapshot().snapshotId();

            lake.init();

            Table upgraded = lake.table(ParkingTables.FORECAST_SKILL);
            assertThat(upgraded.schema().findField("n")).isNull();
            assertThat(upgraded.schema().findField(ParkingTables.FORECAST_PAIRS)).isNotNull();
            assertThat(upgraded.currentSnapshot().snapshotId()).isEqualTo(snapshotBefore);
            List<Object> pairs = new java.util.ArrayList<>();
            try (var rows = org.apache.iceberg.data.IcebergGenerics.read(upgraded).build()) {
                rows.forEach(r -> pairs.add(r.getField(ParkingTables.FORECAST_PAIRS)));
            }
            assertThat(pairs).containsExactly(42L);
        }
    }
}
