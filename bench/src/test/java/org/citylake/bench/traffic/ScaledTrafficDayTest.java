package org.citylake.bench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaled traffic day from the bundled real day: counts, uniqueness, determinism. */
class ScaledTrafficDayTest {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path work;
    static ScaledTrafficDay day;

    @BeforeAll
    static void load() throws Exception {
        day = ScaledTrafficDay.fromTestData(TEST_DATA, work, 7);
    }

    @Test
    void theBaseIsTheRealDayWithoutDuplicates() {
        // 129,679 source rows, of which 1,067 repeat a (segment, interval) seen before.
        assertThat(day.baseReadings()).isEqualTo(128_612);
        assertThat(day.baseSegments()).isEqualTo(449);
    }

    @Test
    void givesExactlyTheCountAskedUniquePerEntityAndTimeInTimeOrder() throws Exception {
        long count = 300_000; // three replicas of the network
        assertThat(day.replicasFor(count)).isEqualTo(3);
        Set<String> keys = new HashSet<>();
        Set<String> segments = new HashSet<>();
        String previous = "";
        long n = 0;
        for (Iterator<String> it = day.readings(count, "aarhus"); it.hasNext(); ) {
            JsonNode e = JSON.readTree(it.next());
            String from = e.get("dateObservedFrom").asText();
            assertThat(keys.add(e.get("id").asText() + "/" + from)).isTrue();
            segments.add(e.get("refRoadSegment").asText());
            assertThat(java.time.OffsetDateTime.parse(from).toInstant().toString())
                    .isGreaterThanOrEqualTo(previous);
            previous = java.time.OffsetDateTime.parse(from).toInstant().toString();
            n++;
        }
        assertThat(n).isEqualTo(count);
        assertThat(segments).hasSize(3 * 449).contains("158324", "158324-1", "158324-2");
    }

    @Test
    void sameSeedSameReadingsOtherSeedOtherValuesReplicaZeroIsReal() throws Exception {
        ScaledTrafficDay again = ScaledTrafficDay.fromFeeds(work.resolve("base-feeds"), 7);
        ScaledTrafficDay other = day.withSeed(8);
        List<String> first = take(day.readings(400_000, "aarhus"), 20_000);
        assertThat(take(again.readings(400_000, "aarhus"), 20_000)).isEqualTo(first);
        List<String> otherSeed = take(other.readings(400_000, "aarhus"), 20_000);
        assertThat(otherSeed).isNotEqualTo(first).hasSize(first.size());

        // Replica 0 is the real day in both; the scaled replicas differ somewhere.
        int replica0 = 0;
        int differing = 0;
        for (int i = 0; i < first.size(); i++) {
            JsonNode a = JSON.readTree(first.get(i));
            JsonNode b = JSON.readTree(otherSeed.get(i));
            assertThat(a.get("id")).isEqualTo(b.get("id"));
            if (!a.get("refRoadSegment").asText().contains("-")) {
                assertThat(a).isEqualTo(b);
                replica0++;
            } else if (!a.equals(b)) {
                differing++;
            }
        }
        assertThat(replica0).isPositive();
        assertThat(differing).isPositive();

        // The same reading whatever count is asked: with 3 instead of 4 replicas, every reading
        // of the smaller set is in the larger one unchanged.
        Set<String> larger = new HashSet<>(first);
        List<String> smaller = take(day.readings(300_000, "aarhus"), 10_000);
        assertThat(smaller).allMatch(larger::contains);
    }

    @Test
    void roadSegmentsForEveryReplicaPlusTheMarker() throws Exception {
        Path feeds = work.resolve("scaled");
        assertThat(day.writeRoadSegments(feeds, "bench", 2)).isEqualTo(2 * 449 + 1);
        List<String> lines =
                Files.readAllLines(
                        feeds.resolve("bench").resolve("ref").resolve("road_segments.jsonl"));
        assertThat(lines).hasSize(2 * 449 + 1);
        assertThat(JSON.readTree(lines.get(449)).get("id").asText()).endsWith("-1");
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("id").asText())
                .isEqualTo(ScaledTrafficDay.MARKER_SEGMENT);
        assertThat(lines).allMatch(l -> l.contains("\"city\":\"bench\""));
    }

    private static List<String> take(Iterator<String> it, int n) {
        List<String> out = new ArrayList<>();
        while (it.hasNext() && out.size() < n) {
            out.add(it.next());
        }
        return out;
    }
}
