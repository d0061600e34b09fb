package org.citylake.bench.cityday;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.citylake.bench.lighting.StreetlightDay;
import org.citylake.ingest.parse.ParseOutcome;
import org.citylake.ingest.parse.ReadingParser;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;
import org.citylake.testdata.FeedConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated city-day: counts per feed as DESIGN §7 gives them, every message valid for the
 * product's parser and naming a sensor of the generated ref rows, unique per sensor and time, and
 * the same bytes for the same seed.
 */
class CityDayTest {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final double SCALE = 0.01;

    @TempDir static Path work;
    static Path baseFeeds;
    static CityDay day;
    static Path feeds;
    static Map<EntityType, Long> written;

    @BeforeAll
    static void generate() throws Exception {
        day = CityDay.fromTestData(TEST_DATA, work, SCALE, 7);
        baseFeeds = work.resolve("base-feeds");
        feeds = work.resolve("feeds");
        written = day.write(feeds);
    }

    @Test
    void fullScaleCountsAreThoseOfDesignSeven() throws Exception {
        CityDay full = CityDay.fromFeeds(baseFeeds, 1.0, 7);
        Map<EntityType, String> sensors = new LinkedHashMap<>();
        full.feeds()
                .forEach(
                        f ->
                                sensors.put(
                                        f.entityType(),
                                        f.sensors() + " × " + f.readingsPerSensor()));
        assertThat(sensors)
                .containsExactly(
                        Map.entry(EntityType.TRAFFIC_FLOW_OBSERVED, "10000 × 1440"),
                        Map.entry(EntityType.STREETLIGHT, "56000 × 96"),
                        Map.entry(EntityType.AIR_QUALITY_OBSERVED, "1000 × 1440"),
                        Map.entry(EntityType.WASTE_CONTAINER, "10000 × 24"),
                        Map.entry(EntityType.OFF_STREET_PARKING, "300 × 288"));
        assertThat(full.readingsByType())
                .containsExactly(
                        Map.entry(EntityType.TRAFFIC_FLOW_OBSERVED, 14_400_000L),
                        Map.entry(EntityType.STREETLIGHT, 5_376_000L),
                        Map.entry(EntityType.AIR_QUALITY_OBSERVED, 1_440_000L),
                        Map.entry(EntityType.WASTE_CONTAINER, 240_000L),
                        Map.entry(EntityType.OFF_STREET_PARKING, 86_400L));
        assertThat(full.readings()).isEqualTo(21_542_400L);
    }

    @Test
    void smallScaleWritesEveryReadingOfItsSensors() throws Exception {
        assertThat(written)
                .containsExactly(
                        Map.entry(EntityType.TRAFFIC_FLOW_OBSERVED, 100L * 1440),
                        Map.entry(EntityType.STREETLIGHT, 560L * 96),
                        Map.entry(EntityType.AIR_QUALITY_OBSERVED, 10L * 1440),
                        Map.entry(EntityType.WASTE_CONTAINER, 100L * 24),
                        Map.entry(EntityType.OFF_STREET_PARKING, 3L * 288));
        for (CityDayFeed f : day.feeds()) {
            Path file = FeedConverter.feedPath(feeds, f.city(), f.entityType().feed());
            try (var lines = Files.lines(file)) {
                assertThat(lines.count()).as(file.toString()).isEqualTo(f.readings());
            }
            Path ref = FeedConverter.refPath(feeds, f.city(), f.entityType().refTable());
            try (var lines = Files.lines(ref)) {
                assertThat(lines.count()).as(ref.toString()).isEqualTo(f.sensors());
            }
        }
    }

    @Test
    void everyMessageParsesAsValidUniqueAndNamesAGeneratedSensor() throws Exception {
        for (CityDayFeed f : day.feeds()) {
            Feed feed = f.entityType().feed();
            Set<String> known = refIds(f);
            ReadingParser parser =
                    new ReadingParser(
                            feed.descriptor(),
                            org.citylake.model.feed.FeedCatalog.builtIn(),
                            ZoneId.of("UTC"),
                            Duration.ofMinutes(5));
            Path file = FeedConverter.feedPath(feeds, f.city(), feed);
            Set<String> keys = new HashSet<>();
            Map<String, Integer> perSensor = new HashMap<>();
            Instant previous = Instant.MIN;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    ParseOutcome outcome =
                            parser.parse(line, Instant.parse("2026-01-01T00:00:00Z"));
                    assertThat(outcome)
                            .as("%s line %d: %s", file.getFileName(), lineNo, line)
                            .isInstanceOf(ParseOutcome.Accepted.class);
                    var reading = ((ParseOutcome.Accepted) outcome).reading();
                    assertThat(reading.type()).isEqualTo(f.entityType().descriptor());
                    assertThat(known)
                            .as("line %d names a known sensor", lineNo)
                            .contains(reading.sensorId());
                    assertThat(keys.add(reading.sensorId() + "|" + reading.observedAt()))
                            .as("line %d is unique per sensor and time", lineNo)
                            .isTrue();
                    assertThat(reading.observedAt()).isAfterOrEqualTo(previous);
                    previous = reading.observedAt();
                    perSensor.merge(reading.sensorId(), 1, Integer::sum);
                }
            }
            assertThat(perSensor).hasSize(f.sensors());
            assertThat(new HashSet<>(perSensor.values())).containsExactly(f.readingsPerSensor());
        }
    }

    /**
     * At this scale the traffic detectors and parking lots are all real ones (replica 0: the real
     * values, whatever the seed); lamps, air stations and bins draw from the seed from the first.
     */
    @Test
    void sameSeedSameBytesOtherSeedOtherValues() throws Exception {
        Path again = work.resolve("again");
        Path other = work.resolve("other");
        CityDay.fromFeeds(baseFeeds, SCALE, 7).write(again);
        CityDay.fromFeeds(baseFeeds, SCALE, 8).write(other);
        for (CityDayFeed f : day.feeds()) {
            Feed feed = f.entityType().feed();
            byte[] first = Files.readAllBytes(FeedConverter.feedPath(feeds, f.city(), feed));
            assertThat(Files.readAllBytes(FeedConverter.feedPath(again, f.city(), feed)))
                    .as(feed.id())
                    .isEqualTo(first);
            byte[] otherSeed = Files.readAllBytes(FeedConverter.feedPath(other, f.city(), feed));
            if (feed == Feed.TRAFFIC || feed == Feed.PARKING) {
                assertThat(otherSeed).as(feed.id()).isEqualTo(first);
            } else {
                assertThat(otherSeed).as(feed.id()).isNotEqualTo(first);
            }
        }
    }

    @Test
    void lampsAreOnFromSunsetToSunriseAndDimmedAfterMidnight() throws Exception {
        StreetlightDay lamps = new StreetlightDay(SCALE, 7);
        // Aarhus, 18 August 2014 (56.15° N): solar noon about 11:23 UTC, about 14 h 55 min
        // from sunrise to sunset (NOAA equation).
        assertThat(lamps.sunrise())
                .isBetween(
                        Instant.parse("2014-08-18T03:50:00Z"),
                        Instant.parse("2014-08-18T04:02:00Z"));
        assertThat(lamps.sunset())
                .isBetween(
                        Instant.parse("2014-08-18T18:44:00Z"),
                        Instant.parse("2014-08-18T18:56:00Z"));
        Map<String, Set<String>> statesAt = new HashMap<>();
        Path file = FeedConverter.feedPath(feeds, "aarhus", Feed.LIGHTING);
        for (String line : Files.readAllLines(file)) {
            if (line.contains("\"status\":\"ok\"")) {
                String at = line.replaceAll(".*\"dateObserved\":\"([^\"]+)\".*", "$1");
                String state = line.replaceAll(".*\"powerState\":\"([^\"]+)\".*", "$1");
                statesAt.computeIfAbsent(at, k -> new HashSet<>()).add(state);
            }
        }
        assertThat(statesAt.get("2014-08-18T02:00:00+02:00")).containsExactly("low");
        assertThat(statesAt.get("2014-08-18T12:00:00+02:00")).containsExactly("off");
        assertThat(statesAt.get("2014-08-18T22:00:00+02:00")).containsExactly("on");
        // Photocells switch within ten minutes of sunset: all on after, all off before.
        long sunset = lamps.sunset().getEpochSecond();
        long after = (sunset + 600 + 899) / 900 * 900;
        long before = (sunset - 600) / 900 * 900;
        assertThat(statesAt.get(local(after))).containsExactly("on");
        assertThat(statesAt.get(local(before))).containsExactly("off");
    }

    private static String local(long epochSecond) {
        return LocalTimes.format(
                Instant.ofEpochSecond(epochSecond)
                        .atZone(ZoneId.of("Europe/Copenhagen"))
                        .toOffsetDateTime());
    }

    private static Set<String> refIds(CityDayFeed f) throws Exception {
        Set<String> ids = new HashSet<>();
        Path ref = FeedConverter.refPath(feeds, f.city(), f.entityType().refTable());
        for (String line : Files.readAllLines(ref)) {
            ids.add(line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        }
        assertThat(ids).hasSize(f.sensors());
        return ids;
    }
}
