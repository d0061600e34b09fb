package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.citylake.model.City;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor-driven generator on the repository's own descriptors (feeds/water, feeds/noise):
 * deterministic, every reason seeded, the oracle consistent with the files it wrote. Whether the
 * ingest job agrees is the ingest and CLI tests' business.
 */
class FeedGeneratorTest {

    static final Path PROJECT_FEEDS = Path.of("..", "feeds");
    static final FeedCatalog CATALOG = FeedCatalog.load(List.of(PROJECT_FEEDS));
    private static final ObjectMapper LENIENT =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir Path dir;

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherOnes() throws IOException {
        FeedGenerator.Settings settings = FeedGenerator.Settings.defaults().withSeed(42);
        FeedGenerator.generate(CATALOG, "water", FeedGenerator.WUHAN, settings, dir.resolve("a"));
        FeedGenerator.generate(CATALOG, "water", FeedGenerator.WUHAN, settings, dir.resolve("b"));
        FeedGenerator.generate(
                CATALOG, "water", FeedGenerator.WUHAN, settings.withSeed(43), dir.resolve("c"));
        assertThat(files(dir.resolve("a"))).isEqualTo(files(dir.resolve("b")));
        assertThat(Files.readString(dir.resolve("a/wuhan/water.jsonl")))
                .isNotEqualTo(Files.readString(dir.resolve("c/wuhan/water.jsonl")));
    }

    @Test
    void everyReasonIsSeededAndTheOracleAddsUp() throws IOException {
        for (String feed : List.of("water", "noise")) {
            Path out = dir.resolve(feed);
            GeneratedFeed expected =
                    FeedGenerator.generate(
                            CATALOG,
                            feed,
                            FeedGenerator.WUHAN,
                            FeedGenerator.Settings.defaults().withBadPerReason(2),
                            out);
            assertThat(expected.deadLetters().keySet())
                    .as(feed)
                    .containsExactlyInAnyOrderElementsOf(
                            Arrays.stream(SeededReason.values()).map(Enum::name).toList());
            assertThat(expected.deadLetters().values()).allMatch(n -> n == 2);
            assertThat(expected.clean()).hasSize(1).containsValue(200L);
            List<String> lines = Files.readAllLines(out.resolve("wuhan/" + feed + ".jsonl"));
            List<String> elsewhere = Files.readAllLines(out.resolve("nowhere/" + feed + ".jsonl"));
            assertThat(expected.files())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(
                                    "wuhan/" + feed + ".jsonl", (long) lines.size(),
                                    "nowhere/" + feed + ".jsonl", (long) elsewhere.size()));
            assertThat((long) lines.size() + elsewhere.size())
                    .isEqualTo(expected.cleanTotal() + expected.deadLetterTotal())
                    .isEqualTo(expected.raw().get("raw." + feed));
            assertThat(expected.badLines()).hasSize((int) expected.deadLetterTotal());
            assertThat(GeneratedFeed.read(GeneratedFeed.path(out, "wuhan", feed)))
                    .isEqualTo(expected);

            // a duplicate is an exact repeat of a line before it; malformed lines do not parse
            expected.badLines()
                    .forEach(
                            (position, reason) -> {
                                int n =
                                        Integer.parseInt(
                                                position.substring(position.indexOf(':') + 1));
                                if (!position.startsWith("wuhan/")) {
                                    return;
                                }
                                String line = lines.get(n - 1);
                                if (reason.equals("DUPLICATE")) {
                                    assertThat(lines.subList(0, n - 1)).contains(line);
                                }
                                if (reason.equals("MALFORMED_JSON")) {
                                    assertThatThrownBy(() -> LENIENT.readTree(line))
                                            .isInstanceOf(IOException.class);
                                }
                            });
        }
    }

    @Test
    void validReadingsStayInRangeRegisterTheCityAndReferToListedSensors() throws IOException {
        GeneratedFeed expected =
                FeedGenerator.generate(
                        CATALOG,
                        "water",
                        FeedGenerator.WUHAN,
                        FeedGenerator.Settings.defaults(),
                        dir);
        EntityDescriptor water = CATALOG.feed("water").entities().get(0);
        List<String> lines = Files.readAllLines(dir.resolve("wuhan/water.jsonl"));
        Set<String> sensors = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("wuhan/ref/water_stations.jsonl"))) {
            JsonNode row = LENIENT.readTree(line);
            sensors.add(row.get("id").asText());
            assertThat(row.get("city").asText()).isEqualTo("wuhan");
            assertThat(row.get("lon").asDouble()).isBetween(114.25, 114.36);
            assertThat(row.get("lat").asDouble()).isBetween(30.54, 30.65);
            assertThat(row.has("name") && row.has("water_body")).isTrue();
        }
        assertThat(sensors).hasSize(4);
        assertThat(expected.ref())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ref.cities", 1L, "ref.water_stations", 4L));
        JsonNode city = LENIENT.readTree(Files.readString(dir.resolve("wuhan/ref/cities.jsonl")));
        assertThat(city.get("time_zone").asText()).isEqualTo("Asia/Shanghai");

        int normalized = 0;
        Map<String, Long> values = new TreeMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            if (expected.badLines().containsKey("wuhan/water.jsonl:" + n)) {
                continue;
            }
            JsonNode reading = LENIENT.readTree(lines.get(n - 1));
            assertThat(reading.get("type").asText()).isEqualTo("WaterQualityObserved");
            assertThat(sensors).contains(bare(reading.get("refPointOfInterest")).asText());
            OffsetDateTime at = OffsetDateTime.parse(bare(reading.get("dateObserved")).asText());
            assertThat(at.getOffset().getId()).isEqualTo("+08:00");
            assertThat(at.getYear()).isEqualTo(2024);
            if (reading.get("dateObserved").isObject()) {
                normalized++;
            }
            for (ColumnSpec column : water.columns()) {
                JsonNode value = reading.get(column.attribute());
                if (value == null) {
                    continue;
                }
                values.merge(column.name(), 1L, Long::sum);
                boolean converted =
                        value.isObject()
                                && value.has("metadata")
                                && !value.at("/metadata/unitCode/value")
                                        .asText()
                                        .equals(column.unit());
                if (column.type().numeric() && !converted) {
                    double v = bare(value).asDouble();
                    if (column.min() != null) {
                        assertThat(v).as(column.name()).isGreaterThanOrEqualTo(column.min());
                    }
                    if (column.max() != null) {
                        assertThat(v).as(column.name()).isLessThanOrEqualTo(column.max());
                    }
                }
            }
        }
        assertThat(normalized).isEqualTo(200 / 5);
        Map<String, Long> oracle = new TreeMap<>();
        expected.columns()
                .get("clean.water_quality")
                .forEach((column, o) -> oracle.put(column, o.values()));
        assertThat(values).isEqualTo(oracle);
        assertThat(oracle.values()).allMatch(n -> n > 150 && n <= 200);
    }

    @Test
    void withoutBadLinesEveryLineIsAValidReading() throws IOException {
        GeneratedFeed expected =
                FeedGenerator.generate(
                        CATALOG,
                        "noise",
                        FeedGenerator.WUHAN,
                        FeedGenerator.Settings.defaults().withBadPerReason(0).withReadings(12),
                        dir);
        assertThat(expected.deadLetters()).isEmpty();
        assertThat(expected.unregisteredCity()).isNull();
        assertThat(Files.readAllLines(dir.resolve("wuhan/noise.jsonl"))).hasSize(12);
        assertThat(dir.resolve("nowhere")).doesNotExist();
        assertThat(expected.columns().get("clean.noise_level").get("interval_s"))
                .isEqualTo(new GeneratedFeed.ColumnOracle(12, 12 * 900.0));
    }

    @Test
    void anyCityCanBeGeneratedFor() throws IOException {
        City lyon = City.of("lyon", "Lyon", "FR", "Europe/Paris", 4.8357, 45.764, null, null);
        FeedGenerator.generate(CATALOG, "noise", lyon, FeedGenerator.Settings.defaults(), dir);
        assertThat(Files.readString(dir.resolve("lyon/noise.jsonl"))).contains("+02:00");
        assertThat(FeedGenerator.knownCity("wuhan")).contains(FeedGenerator.WUHAN);
        assertThat(FeedGenerator.knownCity("lyon")).isEmpty();
        assertThatThrownBy(
                        () ->
                                FeedGenerator.generate(
                                        CATALOG,
                                        "noise",
                                        lyon,
                                        FeedGenerator.Settings.defaults()
                                                .withUnregisteredCity("lyon"),
                                        dir))
                .hasMessageContaining("unregistered city must not be lyon");
    }

    @Test
    void itNamesTheFilesItWritesAndKeepsARegistrationAlreadyThere() throws IOException {
        Path cities = dir.resolve("wuhan/ref/cities.jsonl");
        Files.createDirectories(cities.getParent());
        String registration =
                "{\"city\":\"wuhan\",\"name\":\"Wuhan\",\"time_zone\":\"Asia/Shanghai\","
                        + "\"lon\":114.3,\"lat\":30.6,\"peak_hours\":\"07-09\"}\n";
        Files.writeString(cities, registration);
        FeedGenerator.Settings settings = FeedGenerator.Settings.defaults();
        List<Path> targets =
                FeedGenerator.targets(CATALOG, "water", FeedGenerator.WUHAN, settings, dir);
        assertThat(targets)
                .containsExactly(
                        dir.resolve("wuhan/water.jsonl"),
                        dir.resolve("nowhere/water.jsonl"),
                        dir.resolve("wuhan/ref/water_stations.jsonl"));
        assertThat(targets).noneMatch(Files::exists);
        FeedGenerator.generate(CATALOG, "water", FeedGenerator.WUHAN, settings, dir);
        assertThat(targets).allMatch(Files::exists);
        assertThat(Files.readString(cities)).isEqualTo(registration);
    }

    private static JsonNode bare(JsonNode attribute) {
        return attribute.isObject() && attribute.has("value") ? attribute.get("value") : attribute;
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(f).toString(), Files.readString(f));
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }
}
