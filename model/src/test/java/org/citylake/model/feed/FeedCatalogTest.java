package org.citylake.model.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCatalogTest {

    @TempDir Path dir;

    @Test
    void builtInFeedsAreTheFiveWithTheirTablesSensorsAndRefs() {
        FeedCatalog catalog = FeedCatalog.builtIn();
        assertThat(catalog.ids()).containsExactly("traffic", "air", "lighting", "waste", "parking");
        assertThat(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable()).isEqualTo("clean.traffic_flow");
        assertThat(EntityType.TRAFFIC_FLOW_OBSERVED.refTable()).isEqualTo("ref.road_segments");
        assertThat(EntityType.AIR_QUALITY_OBSERVED.sensorColumn()).isEqualTo("station_id");
        assertThat(EntityType.OFF_STREET_PARKING.cleanTable()).isEqualTo("clean.parking");
        assertThat(EntityType.WASTE_COLLECTION.refTable()).isEqualTo("ref.waste_containers");
        for (Feed feed : Feed.values()) {
            assertThat(feed.descriptor().entityTypes())
                    .containsExactlyElementsOf(
                            feed.entityTypes().stream().map(EntityType::ngsiType).toList());
        }
        assertThat(catalog.entity("OffStreetParking").orElseThrow().column("occupancy"))
                .get()
                .extracting(ColumnSpec::derive)
                .isEqualTo("occupied_spots / total_spots");
    }

    @Test
    void aLakeFolderAddsAFeedAndReplacesOneOfTheSameId() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(folder.resolve("noise.feed.json"), noise("LAeq"));
        FeedCatalog catalog = FeedCatalog.forDataDir(dir);
        assertThat(catalog.ids()).endsWith("noise");
        FeedDescriptor noise = catalog.feed("noise");
        assertThat(noise.source()).endsWith("noise.feed.json");
        assertThat(noise.entities().get(0).columns())
                .extracting(ColumnSpec::name)
                .containsExactly("laeq");
        assertThat(catalog.feedOf("NoiseLevelObserved")).contains(noise);
    }

    @Test
    void badDescriptorsAreRefusedNamingTheFileAndWhatToChange() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("feeds.d"));
        Path file = folder.resolve("noise.feed.json");
        Files.writeString(file, noise("LAeq").replace("\"double\"", "\"decimal\""));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown column type 'decimal'");

        Files.writeString(file, noise("LAeq").replace("\"laeq\"", "\"observed_at\""));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .hasMessageContaining("column observed_at is a column every clean table has");

        Files.writeString(file, noise("LAeq").replace("NoiseLevelObserved", "TrafficFlowObserved"));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .hasMessageContaining(
                        "entity type TrafficFlowObserved is already carried by feed 'traffic'");

        Files.writeString(
                file, noise("LAeq").replace("\"min\": 0", "\"min\": 0, \"values\": [\"x\"]"));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .hasMessageContaining(
                        "column laeq: \"values\" and \"list\" apply to text columns only");

        Files.writeString(file, noise("LAeq").replace("\"noise\"", "\"sound\""));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .hasMessageContaining("must be named sound.feed.json");

        Files.writeString(file, noise("LAeq").replace("\"attribute\"", "\"attrib\""));
        assertThatThrownBy(() -> FeedCatalog.forDataDir(dir))
                .hasMessageContaining("not a valid feed descriptor")
                .hasMessageContaining("attrib");
    }

    @Test
    void aDerivationMustUseNumericColumnsOfTheSameType() {
        String json =
                noise("LAeq")
                        .replace(
                                "\"comment\": \"A\"",
                                "\"comment\": \"A\", \"derive\": \"laeq - nothing\"");
        assertThatThrownBy(() -> FeedCatalog.parse(json, "x"))
                .hasMessageContaining("\"derive\" uses nothing, which is not a numeric column");
    }

    @Test
    void unknownFeedErrorSaysHowToAddOne() {
        assertThatThrownBy(() -> FeedCatalog.builtIn().feed("noise"))
                .hasMessageContaining("known: traffic, air, lighting, waste, parking")
                .hasMessageContaining("feeds.d");
        assertThat(List.of(FeedCatalog.SUFFIX)).containsExactly(".feed.json");
    }

    static String noise(String attribute) {
        return """
                {"feed": "noise", "version": 1, "description": "street noise",
                 "entities": [{"type": "NoiseLevelObserved", "table": "noise_level",
                   "sensor": {"column": "sensor_id", "attributes": ["refDevice", "id"]},
                   "observedAt": {"from": "dateObservedFrom", "to": "dateObservedTo"},
                   "columns": [{"name": "laeq", "attribute": "%s", "type": "double", "min": 0,
                                "unit": "2N", "comment": "A"}]}]}
                """
                .formatted(attribute);
    }
}
