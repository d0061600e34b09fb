package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed full of bad messages: the job keeps running, every bad line lands in ops.dead_letter with
 * the right reason code, every good line in clean, every line in raw.
 */
class BadInputIT {

    @TempDir Path dir;

    private static String traffic(String segment, String from, String to, String extra) {
        return TestFeeds.traffic(segment, from, to, extra);
    }

    private static String air(String at, String pm25) {
        return "{\"id\":\"urn:ngsi-ld:AirQualityObserved:beijing:us-embassy\",\"type\":\"AirQualityObserved\","
                + "\"refPointOfInterest\":\"beijing-us-embassy\",\"dateObserved\":\""
                + at
                + "\",\"pm25\":"
                + pm25
                + "}";
    }

    @Test
    void everyBadLineIsDeadLetteredWithItsReasonAndEveryGoodLineIsClean() throws Exception {
        String t0 = "2014-08-18T08:00:00+02:00";
        String t1 = "2014-08-18T08:05:00+02:00";
        String t2 = "2014-08-18T08:10:00+02:00";
        Map<String, String> trafficLines =
                new LinkedHashMap<>(); // line → expected reason (null = clean)
        trafficLines.put(
                traffic("100", t0, t1, ",\"intensity\":12,\"averageVehicleSpeed\":48.5"), null);
        trafficLines.put(traffic("101", t0, t1, ",\"intensity\":0"), null);
        trafficLines.put("{\"id\": \"urn:x\", \"type\": ", "MALFORMED_JSON");
        trafficLines.put(
                traffic("100", t1, t2, ",\"intensity\":3,\"averageVehicleSpeed\":NaN"),
                "NOT_A_NUMBER");
        trafficLines.put(traffic("101", t1, t2, ",\"intensity\":-3"), "OUT_OF_RANGE");
        trafficLines.put(
                traffic(
                        "100",
                        t2,
                        "2014-08-18T08:15:00+02:00",
                        ",\"intensity\":2,\"averageVehicleSpeed\":412"),
                "OUT_OF_RANGE");
        trafficLines.put(traffic("999", t0, t1, ",\"intensity\":5"), "UNKNOWN_ENTITY");
        trafficLines.put(
                traffic("101", "2099-01-01T00:00:00Z", "2099-01-01T00:05:00Z", ",\"intensity\":5"),
                "FUTURE_TIMESTAMP");
        trafficLines.put(
                traffic("100", t0, t1, ",\"intensity\":12,\"averageVehicleSpeed\":48.5 "),
                "DUPLICATE");
        trafficLines.put(
                "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:aarhus:100\",\"type\":\"TrafficFlowObserved\","
                        + "\"refRoadSegment\":{\"type\":\"Relationship\",\"object\":\"100\"},"
                        + "\"dateObservedFrom\":{\"type\":\"Property\",\"value\":{\"@type\":\"DateTime\",\"@value\":\""
                        + t1
                        + "\"}},"
                        + "\"intensity\":{\"type\":\"Property\",\"value\":7}}",
                null);
        trafficLines.put("[1, 2, 3]", "MALFORMED_JSON");
        trafficLines.put(air(t0, "10"), "UNKNOWN_TYPE");
        trafficLines.put(
                "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:aarhus:100\",\"type\":\"TrafficFlowObserved\",\"dateObservedFrom\":\""
                        + t2
                        + "\",\"intensity\":4}",
                "MISSING_FIELD");
        trafficLines.put(traffic("101", "yesterday", t1, ",\"intensity\":5"), "BAD_TIMESTAMP");
        trafficLines.put(
                traffic("101", t2, "2014-08-18T08:15:00+02:00", ",\"intensity\":\"many\""),
                "WRONG_TYPE");
        // no offset: read in the city's registered zone, Europe/Copenhagen (+02:00 in August)
        trafficLines.put(
                traffic("101", "2014-08-18T08:20:00", "2014-08-18T08:25:00", ",\"intensity\":9"),
                null);

        Map<String, String> airLines = new LinkedHashMap<>();
        airLines.put(air("2014-01-01T00:00:00+08:00", "80"), null);
        airLines.put(air("2014-01-01T01:00:00+08:00", "-4"), "OUT_OF_RANGE");
        airLines.put(air("2014-01-01T02:00:00+08:00", "95.5"), null);

        // A city nobody registered: its readings wait in the dead letters for a replay.
        List<String> osloLines = List.of(traffic("100", t0, t1, ",\"intensity\":1"));

        Path feeds = dir.resolve("feeds");
        write(feeds.resolve("aarhus/traffic.jsonl"), new ArrayList<>(trafficLines.keySet()));
        write(feeds.resolve("oslo/traffic.jsonl"), osloLines);
        TestFeeds.aarhusRef(feeds);
        write(
                feeds.resolve("beijing/ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"beijing\",\"name\":\"Beijing\",\"time_zone\":\"Asia/Shanghai\","
                                + "\"lon\":116.4,\"lat\":39.9}"));
        write(feeds.resolve("beijing/air.jsonl"), new ArrayList<>(airLines.keySet()));
        write(
                feeds.resolve("beijing/ref/air_stations.jsonl"),
                List.of(
                        "{\"city\":\"beijing\",\"id\":\"beijing-us-embassy\",\"lon\":116.47,\"lat\":39.95}"));

        LakeFixture lake = new LakeFixture(dir.resolve("lake"));
        lake.loadRef(feeds);
        lake.run(
                lake.plan(
                        Map.of(
                                Feed.TRAFFIC.id(),
                                List.of(
                                        ReplayFile.of(
                                                "aarhus", feeds.resolve("aarhus/traffic.jsonl")),
                                        ReplayFile.of("oslo", feeds.resolve("oslo/traffic.jsonl"))),
                                Feed.AIR.id(),
                                List.of(
                                        ReplayFile.of(
                                                "beijing", feeds.resolve("beijing/air.jsonl")))),
                        0,
                        Duration.ofSeconds(1),
                        null));

        Map<String, String> expected = new LinkedHashMap<>();
        expectReasons(expected, "aarhus/traffic.jsonl", trafficLines);
        expectReasons(expected, "beijing/air.jsonl", airLines);
        expected.put("oslo/traffic.jsonl:1", "UNKNOWN_CITY");
        assertThat(lake.deadLetterReasons()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(
                        lake.read(
                                "ops.dead_letter",
                                r -> r.getField("city") + " " + r.getField("detail"),
                                "city",
                                "detail",
                                "reason"))
                .filteredOn(text -> ((String) text).startsWith("oslo"))
                .singleElement()
                .asString()
                .contains("city 'oslo' at oslo/traffic.jsonl:1 is not registered in ref.cities")
                .contains("citylake city add oslo");

        assertThat(lake.count("raw.traffic")).isEqualTo(trafficLines.size() + osloLines.size());
        assertThat(lake.count("raw.air")).isEqualTo(airLines.size());
        assertThat(
                        lake.read(
                                "clean.traffic_flow",
                                r -> r.getField("source_position"),
                                "source_position"))
                .containsExactlyInAnyOrder(
                        "aarhus/traffic.jsonl:1",
                        "aarhus/traffic.jsonl:2",
                        "aarhus/traffic.jsonl:10",
                        "aarhus/traffic.jsonl:16");
        assertThat(
                        lake.read(
                                "clean.traffic_flow",
                                r -> r.getField("observed_at").toString(),
                                "observed_at",
                                "intensity"))
                .contains("2014-08-18T06:20Z");
        assertThat(lake.read("clean.air_quality", r -> r.getField("pm25"), "pm25"))
                .containsExactlyInAnyOrder(80.0, 95.5);
        assertThat(
                        lake.read(
                                "clean.traffic_flow",
                                r -> r.getField("intensity"),
                                "intensity",
                                "entity_id"))
                .containsExactlyInAnyOrder(12L, 0L, 7L, 9L);

        // Readings of a finished replay are complete up to the last one: the watermark says so.
        try (var opened = org.citylake.lakehouse.Lake.open(lake.config)) {
            assertThat(SnapshotSummary.latestWatermark(opened.table("clean.air_quality")))
                    .contains(
                            java.time.OffsetDateTime.parse("2014-01-01T02:00:00+08:00")
                                    .toInstant());
        }
    }

    private static void expectReasons(
            Map<String, String> expected, String file, Map<String, String> lines) {
        int n = 0;
        for (String reason : lines.values()) {
            n++;
            if (reason != null) {
                expected.put(file + ":" + n, reason);
            }
        }
    }

    private static void write(Path file, List<String> lines) throws Exception {
        TestFeeds.write(file, lines);
    }
}
