package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that carry several entities, as FIWARE brokers and clients send them (subscription
 * notifications in NGSI-v2 and NGSI-LD, NGSI-v2 batch updates, NGSI-LD batches): every entity is a
 * reading of its own, accepted, deduplicated or dead-lettered on its own, with {@code
 * <position>#<n>} as its source position and its own bytes as its payload. The message itself is
 * one raw row.
 */
class NotificationsIT {

    @TempDir Path dir;

    private static final String T0 = "2014-08-18T08:00:00+02:00";
    private static final String T1 = "2014-08-18T08:05:00+02:00";
    private static final String T2 = "2014-08-18T08:10:00+02:00";

    /** A keyValues reading of a road segment. */
    private static String kv(String segment, String from, String to, int intensity) {
        return TestFeeds.traffic(segment, from, to, ",\"intensity\":" + intensity);
    }

    /** The same reading, NGSI-v2 normalized. */
    private static String normalized(String segment, String from, String to, int intensity) {
        return "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:aarhus:"
                + segment
                + "\",\"type\":\"TrafficFlowObserved\","
                + "\"refRoadSegment\":{\"type\":\"Relationship\",\"value\":\""
                + segment
                + "\",\"metadata\":{}},"
                + "\"dateObservedFrom\":{\"type\":\"DateTime\",\"value\":\""
                + from
                + "\",\"metadata\":{}},"
                + "\"dateObservedTo\":{\"type\":\"DateTime\",\"value\":\""
                + to
                + "\",\"metadata\":{}},"
                + "\"intensity\":{\"type\":\"Number\",\"value\":"
                + intensity
                + ",\"metadata\":{}}}";
    }

    @Test
    void everyEntityOfANotificationOrBatchIsAReadingOfItsOwn() throws Exception {
        String badIntensity = kv("101", T1, T2, -3);
        String unknownSegment = kv("999", T0, T1, 4);
        List<String> lines =
                List.of(
                        // 1: NGSI-v2 notification, normalized entities
                        "{\"subscriptionId\":\"57458eb60962ef754e7c0998\",\"data\":["
                                + normalized("100", T0, T1, 12)
                                + ","
                                + normalized("101", T0, T1, 7)
                                + "]}",
                        // 2: NGSI-LD notification: one good, one out of range, one unknown segment
                        "{\"id\":\"urn:ngsi-ld:Notification:1\",\"type\":\"Notification\","
                                + "\"subscriptionId\":\"urn:ngsi-ld:Subscription:traffic\","
                                + "\"notifiedAt\":\"2014-08-18T06:10:05Z\",\"data\":["
                                + kv("100", T1, T2, 9)
                                + ","
                                + badIntensity
                                + ","
                                + unknownSegment
                                + "]}",
                        // 3: NGSI-LD batch: a duplicate of line 1's first entity, and a new one
                        "["
                                + kv("100", T0, T1, 12)
                                + ","
                                + kv("101", T2, T2.replace(":10:", ":15:"), 5)
                                + "]",
                        // 4: NGSI-v2 batch update
                        "{\"actionType\":\"append\",\"entities\":["
                                + kv("100", T2, T2.replace(":10:", ":15:"), 3)
                                + "]}",
                        // 5: a notification without entities
                        "{\"subscriptionId\":\"57458eb60962ef754e7c0998\",\"data\":[]}",
                        // 6: one plain entity, as before
                        kv("101", T1, T2, 8),
                        // 7: an array that is not entities stays malformed, as a whole
                        "[1, 2, 3]");

        Path feeds = dir.resolve("feeds");
        TestFeeds.aarhusRef(feeds);
        TestFeeds.write(feeds.resolve("aarhus/traffic.jsonl"), lines);

        LakeFixture lake = new LakeFixture(dir.resolve("lake"));
        lake.loadRef(feeds);
        lake.run(
                lake.plan(
                        Map.of(
                                Feed.TRAFFIC.id(),
                                List.of(
                                        ReplayFile.of(
                                                "aarhus", feeds.resolve("aarhus/traffic.jsonl")))),
                        0,
                        Duration.ofSeconds(1),
                        null));

        String f = "aarhus/traffic.jsonl:";
        assertThat(lake.count("raw.traffic")).isEqualTo(lines.size());
        assertThat(
                        lake.read(
                                "clean.traffic_flow",
                                r -> r.getField("source_position") + " " + r.getField("intensity"),
                                "source_position",
                                "intensity"))
                .containsExactlyInAnyOrder(
                        f + "1#1 12",
                        f + "1#2 7",
                        f + "2#1 9",
                        f + "3#2 5",
                        f + "4#1 3",
                        f + "6 8");
        assertThat(lake.deadLetterReasons())
                .containsOnly(
                        Map.entry(f + "2#2", "OUT_OF_RANGE"),
                        Map.entry(f + "2#3", "UNKNOWN_ENTITY"),
                        Map.entry(f + "3#1", "DUPLICATE"),
                        Map.entry(f + "5", "MISSING_FIELD"),
                        Map.entry(f + "7", "MALFORMED_JSON"));
        // a dead-lettered entity keeps its own bytes, ready to be sent again on its own
        assertThat(
                        lake.read(
                                "ops.dead_letter",
                                r -> r.getField("source_position") + " " + r.getField("payload"),
                                "source_position",
                                "payload"))
                .contains(f + "2#2 " + badIntensity, f + "2#3 " + unknownSegment);
    }
}
