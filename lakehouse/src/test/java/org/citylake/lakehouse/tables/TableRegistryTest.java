package org.citylake.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableRegistryTest {

    @TempDir Path dir;

    @Test
    void registryHoldsEveryNamespaceAndTable() {
        List<String> names = TableRegistry.get().all().stream().map(TableDef::name).toList();
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "raw.traffic",
                        "raw.air",
                        "raw.lighting",
                        "raw.waste",
                        "raw.parking",
                        "clean.traffic_flow",
                        "clean.air_quality",
                        "clean.streetlight",
                        "clean.streetlight_cabinet",
                        "clean.waste_container",
                        "clean.waste_collection",
                        "clean.parking",
                        "ref.road_segments",
                        "ref.air_stations",
                        "ref.parking_lots",
                        "ref.waste_containers",
                        "ref.streetlights",
                        "ref.streetlight_cabinets",
                        "ref.districts",
                        "ref.segment_districts",
                        "gold.segment_congestion",
                        "gold.congestion_ranking",
                        "gold.parking_occupancy",
                        "gold.parking_daily",
                        "gold.parking_forecast",
                        "gold.parking_forecast_skill",
                        "ops.dead_letter",
                        "ops.job_runs");
    }

    @Test
    void everyTableHasCityAndEveryColumnIsDocumented() {
        for (TableDef def : TableRegistry.get().all()) {
            List<String> columns = def.schema().columns().stream().map(NestedField::name).toList();
            if (!def.name().equals(TableRegistry.JOB_RUNS)) {
                assertThat(columns).as(def.name()).contains("city");
            }
            for (NestedField field : def.schema().columns()) {
                assertThat(field.doc()).as(def.name() + "." + field.name()).isNotBlank();
            }
        }
    }

    @Test
    void everyEntityTypeHasItsSensorColumnAndRefTable() {
        for (EntityType type : EntityType.values()) {
            TableDef clean = TableRegistry.get().table(type.cleanTable());
            assertThat(clean.schema().findField(type.sensorColumn())).as(type.name()).isNotNull();
            assertThat(clean.schema().findField(type.sensorColumn()).isRequired()).isTrue();
            assertThat(TableRegistry.get().find(type.refTable())).as(type.refTable()).isPresent();
            assertThat(clean.spec().fields())
                    .extracting(f -> f.name())
                    .containsExactly(
                            "city",
                            type == EntityType.TRAFFIC_FLOW_OBSERVED
                                            || type == EntityType.STREETLIGHT
                                    ? "observed_at_day"
                                    : "observed_at_month");
        }
    }

    @Test
    void createAllIsIdempotentAndKeepsProperties() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            List<String> first = lake.init();
            List<String> second = lake.init();
            assertThat(first).hasSize(TableRegistry.get().all().size());
            assertThat(second).isEmpty();
            Table clean = lake.catalog().loadTable(TableIdentifier.parse("clean.traffic_flow"));
            assertThat(clean.properties())
                    .containsEntry("write.parquet.compression-codec", "zstd")
                    .containsKey("comment");
            assertThat(clean.schema().findField("avg_speed_kmh").doc()).contains("km/h");
        }
    }

    @Test
    void rawTablesSkipDictionariesAndOlderTablesAreBroughtInLine() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            lake.init();
            TableIdentifier id = TableIdentifier.parse("raw.traffic");
            assertThat(lake.catalog().loadTable(id).properties())
                    .containsEntry("parquet.enable.dictionary", "false");
            assertThat(
                            lake.catalog()
                                    .loadTable(TableIdentifier.parse("clean.traffic_flow"))
                                    .properties())
                    .doesNotContainKey("parquet.enable.dictionary");

            // A table created before the property existed gets it on the next init, once.
            lake.catalog()
                    .loadTable(id)
                    .updateProperties()
                    .remove("parquet.enable.dictionary")
                    .commit();
            int metadataBefore = metadataVersions(lake.catalog().loadTable(id));
            assertThat(lake.init()).isEmpty();
            Table raw = lake.catalog().loadTable(id);
            assertThat(raw.properties()).containsEntry("parquet.enable.dictionary", "false");
            assertThat(metadataVersions(raw)).isEqualTo(metadataBefore + 1);
            lake.init();
            assertThat(metadataVersions(lake.catalog().loadTable(id)))
                    .isEqualTo(metadataBefore + 1);
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

    private static int metadataVersions(Table table) {
        return ((org.apache.iceberg.HasTableOperations) table)
                        .operations()
                        .current()
                        .previousFiles()
                        .size()
                + 1;
    }

    @Test
    void feedsRouteToTheirEntityTypes() {
        assertThat(Feed.WASTE.entityTypes())
                .containsExactly(EntityType.WASTE_CONTAINER, EntityType.WASTE_COLLECTION);
        assertThat(Feed.of(" Traffic ").topic()).isEqualTo("city.traffic");
        assertThat(EntityType.ofNgsiType("OffStreetParking"))
                .contains(EntityType.OFF_STREET_PARKING);
    }
}
