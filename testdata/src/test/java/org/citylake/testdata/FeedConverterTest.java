package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FeedConverter#convertAll} over the bundled {@code test-data/}: layout and contracts. */
class FeedConverterTest {

    @TempDir static Path out;

    private static List<ConvertedFile> written;

    @BeforeAll
    static void convertAll() throws IOException {
        written = FeedConverter.convertAll(TestData.root(), out);
    }

    @Test
    void writesOneFeedAndOneRefFilePerDataset() {
        assertThat(written)
                .extracting(
                        ConvertedFile::city,
                        ConvertedFile::kind,
                        ConvertedFile::table,
                        ConvertedFile::lines)
                .containsExactly(
                        tuple("aarhus", "traffic", "traffic", 129_679L),
                        tuple("aarhus", "ref", "ref.road_segments", 449L),
                        tuple("aarhus", "parking", "parking", 55_264L),
                        tuple("aarhus", "ref", "ref.parking_lots", 8L),
                        tuple("beijing", "air", "air", 43_824L),
                        tuple("beijing", "ref", "ref.air_stations", 1L),
                        tuple("edinburgh", "waste", "waste", 20_000L),
                        tuple("edinburgh", "ref", "ref.waste_containers", 334L),
                        tuple("aarhus", "ref", "ref.districts", 24L),
                        tuple("aarhus", "ref", "ref.cities", 1L),
                        tuple("beijing", "ref", "ref.cities", 1L),
                        tuple("edinburgh", "ref", "ref.cities", 1L),
                        // registered by data: test-data/osm-monaco/cities.jsonl
                        tuple("monaco", "ref", "ref.cities", 1L));
        assertThat(written)
                .extracting(f -> out.relativize(f.path()).toString().replace('\\', '/'))
                .containsExactly(
                        "aarhus/traffic.jsonl",
                        "aarhus/ref/road_segments.jsonl",
                        "aarhus/parking.jsonl",
                        "aarhus/ref/parking_lots.jsonl",
                        "beijing/air.jsonl",
                        "beijing/ref/air_stations.jsonl",
                        "edinburgh/waste.jsonl",
                        "edinburgh/ref/waste_containers.jsonl",
                        "aarhus/ref/districts.jsonl",
                        "aarhus/ref/cities.jsonl",
                        "beijing/ref/cities.jsonl",
                        "edinburgh/ref/cities.jsonl",
                        "monaco/ref/cities.jsonl");
    }

    @Test
    void reportedLineCountsAreTheFilesLineCounts() throws IOException {
        for (ConvertedFile f : written) {
            try (var lines = Files.lines(f.path())) {
                assertThat(lines.count()).as(f.path().toString()).isEqualTo(f.lines());
            }
        }
    }

    @Test
    void everyFeedLineIsAnEntityOfItsFeedSortedByObservationTime() {
        for (ConvertedFile f : written) {
            if (f.isRef()) {
                continue;
            }
            Set<String> types = new HashSet<>();
            Feed.of(f.kind()).entityTypes().forEach(t -> types.add(t.ngsiType()));
            List<JsonNode> entities = TestData.jsonLines(f.path());
            assertThat(
                            entities.stream()
                                    .filter(
                                            e ->
                                                    !e.isObject()
                                                            || !e.path("id").isTextual()
                                                            || e.get("id").asText().isEmpty()
                                                            || !types.contains(
                                                                    e.path("type").asText()))
                                    .limit(5)
                                    .toList())
                    .as(f.path().toString())
                    .isEmpty();
            assertThat(entities.stream().map(TestData::observedAt).toList())
                    .as(f.path().toString())
                    .isSorted();
        }
    }

    @Test
    void refRowKeysAreTheRefTableColumns() {
        for (ConvertedFile f : written) {
            if (!f.isRef()) {
                continue;
            }
            Set<String> columns = new HashSet<>();
            for (NestedField field : TableRegistry.get().table(f.table()).schema().columns()) {
                columns.add(field.name());
            }
            List<JsonNode> rows = TestData.jsonLines(f.path());
            Set<String> ids = new HashSet<>();
            for (JsonNode row : rows) {
                List<String> keys = new ArrayList<>();
                row.fieldNames().forEachRemaining(keys::add);
                assertThat(columns).as(f.table()).containsAll(keys);
                assertThat(row.get("city").asText()).isEqualTo(f.city());
                // Asset tables are keyed by id; districts by district_id; cities by city.
                String key =
                        columns.contains("id")
                                ? "id"
                                : columns.contains("district_id") ? "district_id" : "city";
                assertThat(row.get(key).asText()).isNotEmpty();
                ids.add(row.get(key).asText());
            }
            assertThat(ids).as("unique ids in " + f.table()).hasSize(rows.size());
        }
    }

    @Test
    void refTablesAreTheOnesTheEntityTypesCheckAgainst() {
        assertThat(written.stream().filter(ConvertedFile::isRef).map(ConvertedFile::table))
                .containsExactly(
                        EntityType.TRAFFIC_FLOW_OBSERVED.refTable(),
                        EntityType.OFF_STREET_PARKING.refTable(),
                        EntityType.AIR_QUALITY_OBSERVED.refTable(),
                        EntityType.WASTE_CONTAINER.refTable(),
                        "ref.districts",
                        "ref.cities",
                        "ref.cities",
                        "ref.cities",
                        "ref.cities");
    }

    @Test
    void everyConvertedCityIsRegisteredWithItsZoneAndCentroid() {
        List<String> lines = new ArrayList<>();
        for (String city : List.of("aarhus", "beijing", "edinburgh")) {
            TestData.jsonLines(out.resolve(city + "/ref/cities.jsonl"))
                    .forEach(row -> lines.add(row.toString()));
        }
        assertThat(lines)
                .containsExactly(
                        "{\"city\":\"aarhus\",\"name\":\"Aarhus\",\"country\":\"DK\","
                                + "\"time_zone\":\"Europe/Copenhagen\",\"lon\":10.2039,\"lat\":56.1629}",
                        "{\"city\":\"beijing\",\"name\":\"Beijing\",\"country\":\"CN\","
                                + "\"time_zone\":\"Asia/Shanghai\",\"lon\":116.4074,\"lat\":39.9042}",
                        "{\"city\":\"edinburgh\",\"name\":\"Edinburgh\",\"country\":\"GB\","
                                + "\"time_zone\":\"Europe/London\",\"lon\":-3.1883,\"lat\":55.9533}");
    }

    @Test
    void datasetsWithoutAFolderAreSkipped(@TempDir Path source, @TempDir Path target)
            throws IOException {
        copyFolder(TestData.root().resolve("uci-beijing-pm25"), source.resolve("uci-beijing-pm25"));
        List<ConvertedFile> files = FeedConverter.convertAll(source, target);
        assertThat(files).extracting(ConvertedFile::city).containsOnly("beijing");
        assertThat(target.resolve("aarhus")).doesNotExist();
    }

    @Test
    void plainAndGzippedSourcesGiveTheSameFeed(@TempDir Path source, @TempDir Path target)
            throws IOException {
        Path gz = TestData.file("uci-beijing-pm25", "PRSA_data_2010.1.1-2014.12.31.csv.gz");
        Path plainDir = Files.createDirectories(source.resolve("uci-beijing-pm25"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, plainDir.resolve("PRSA_data_2010.1.1-2014.12.31.csv"));
        }
        FeedConverter.convertAll(source, target);
        Path fromGz = out.resolve("beijing/air.jsonl");
        Path fromPlain = target.resolve("beijing/air.jsonl");
        assertThat(Files.mismatch(fromGz, fromPlain)).isEqualTo(-1L);
    }

    @Test
    void missingSourceDirectoryIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        assertThatThrownBy(() -> FeedConverter.convertAll(missing, dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such-folder")
                .hasMessageContaining("source directory of the data sets does not exist");
    }

    @Test
    void datasetFolderWithoutItsFilesIsRefused(@TempDir Path source, @TempDir Path target)
            throws IOException {
        Files.createDirectories(source.resolve("edinburgh-litter-bin-sensors"));
        assertThatThrownBy(() -> FeedConverter.convertAll(source, target))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("edinburgh_litter_bin_collections*.csv");
    }

    @Test
    void outputLayout() {
        Path root = Path.of("feeds");
        assertThat(FeedConverter.feedPath(root, "aarhus", Feed.TRAFFIC))
                .isEqualTo(Path.of("feeds", "aarhus", "traffic.jsonl"));
        assertThat(FeedConverter.refPath(root, "aarhus", "ref.road_segments"))
                .isEqualTo(Path.of("feeds", "aarhus", "ref", "road_segments.jsonl"));
        assertThat(FeedConverter.datasetFolders())
                .containsExactly(
                        "citypulse-aarhus-traffic",
                        "citypulse-aarhus-parking",
                        "uci-beijing-pm25",
                        "edinburgh-litter-bin-sensors",
                        "aarhus-districts");
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
