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
    void registryHoldsEveryNamespaceAndTableOfTheLakehouse() {
        // gold tables join from the analytics jobs (TableSet), absent from this module's tests
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
                        "ref.cities",
                        "ref.road_segments",
                        "ref.air_stations",
                        "ref.parking_lots",
                        "ref.waste_containers",
                        "ref.waste_vehicles",
                        "ref.waste_depots",
                        "ref.disposal_sites",
                        "ref.streetlights",
                        "ref.streetlight_cabinets",
                        "ref.lit_segments",
                        "ref.districts",
                        "ref.segment_districts",
                        "ops.dead_letter",
                        "ops.job_runs");
    }

    @Test
    void theTrafficTableKeepsTheColumnOrderOfTheHandWrittenExtractorEra() {
        // the interval length is placed among the descriptor's columns, after lane_id
        assertThat(
                        TableRegistry.get().table("clean.traffic_flow").schema().columns().stream()
                                .map(NestedField::name)
                                .toList())
                .containsExactly(
                        "city",
                        "entity_id",
                        "observed_at",
                        "segment_id",
                        "lane_id",
                        "interval_s",
                        "intensity",
                        "avg_speed_kmh",
                        "avg_travel_time_s",
                        "median_travel_time_s",
                        "occupancy",
                        "congested",
                        "is_late",
                        "source_position",
                        "ingested_at");
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
