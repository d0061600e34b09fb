package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cities in one ingest, one hours behind the other: each city's readings are flagged late
 * against its own watermark only, each commit records both cities' watermarks, and a day of the
 * lagging city is not complete (its traffic run refused) while the leading city's is.
 *
 * <pre>
 *   aarhus  (+02:00)  segment 100 every 5 min 00:00..23:55, then segment 101 at 06:00  ← late
 *   beijing (+08:00)  segment B1 every 5 min 00:00..10:00, then B2 at 09:57 (on time),
 *                     then B2 at 08:00                                                 ← late
 * </pre>
 *
 * Under one watermark for both cities, either city's readings would be hours behind the other's.
 */
class CityWatermarksIT {

    @TempDir Path dir;

    @Test
    void eachCityIsLateAndCompleteByItsOwnClockOnly() throws Exception {
        CliLake lake = new CliLake(dir);
        Path feeds = lake.lakeDir().resolve("feeds");
        List<String> aarhus = new ArrayList<>();
        for (int m = 0; m < 24 * 60; m += 5) {
            aarhus.add(traffic("aarhus", "100", "2014-08-18", m, "+02:00"));
        }
        aarhus.add(traffic("aarhus", "101", "2014-08-18", 6 * 60, "+02:00"));
        List<String> beijing = new ArrayList<>();
        for (int m = 0; m <= 10 * 60; m += 5) {
            beijing.add(traffic("beijing", "B1", "2014-08-18", m, "+08:00"));
        }
        beijing.add(traffic("beijing", "B2", "2014-08-18", 9 * 60 + 57, "+08:00"));
        beijing.add(traffic("beijing", "B2", "2014-08-18", 8 * 60, "+08:00"));
        write(feeds.resolve("aarhus/traffic.jsonl"), aarhus);
        write(feeds.resolve("beijing/traffic.jsonl"), beijing);
        write(
                feeds.resolve("aarhus/ref/road_segments.jsonl"),
                List.of(segment("aarhus", "100"), segment("aarhus", "101")));
        write(
                feeds.resolve("beijing/ref/road_segments.jsonl"),
                List.of(segment("beijing", "B1"), segment("beijing", "B2")));
        write(
                feeds.resolve("aarhus/ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"aarhus\",\"name\":\"Aarhus\",\"time_zone\":\"Europe/Copenhagen\","
                                + "\"lon\":10.2,\"lat\":56.16}"));
        write(
                feeds.resolve("beijing/ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"beijing\",\"name\":\"Beijing\",\"time_zone\":\"Asia/Shanghai\","
                                + "\"lon\":116.4,\"lat\":39.9}"));

        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--feed", "traffic", "--no-progress");

        // late: exactly the two readings behind their own city's newest one
        Map<String, Boolean> late = new TreeMap<>();
        try (Lake opened = Lake.open(lake.config());
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(opened.table("clean.traffic_flow"))
                                .select("source_position", "is_late")
                                .build()) {
            rows.forEach(
                    r ->
                            late.put(
                                    (String) r.getField("source_position"),
                                    (Boolean) r.getField("is_late")));
        }
        assertThat(late).hasSize(aarhus.size() + beijing.size());
        assertThat(late.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder(
                        "aarhus/traffic.jsonl:" + aarhus.size(),
                        "beijing/traffic.jsonl:" + beijing.size());

        // each city's watermark is its own newest reading (a finished replay is complete up to it)
        try (Lake opened = Lake.open(lake.config())) {
            assertThat(SnapshotSummary.cityWatermarks(opened.table("clean.traffic_flow")))
                    .containsExactly(
                            Map.entry("aarhus", Instant.parse("2014-08-18T21:55:00Z")),
                            Map.entry("beijing", Instant.parse("2014-08-18T02:00:00Z")));
        }

        // aarhus's Monday is complete; beijing's is not, whatever aarhus reached
        lake.cli("run", "traffic", "--from", "2014-08-18", "--city", "aarhus");
        assertThat(
                        CityLakeCli.execute(
                                "run",
                                "traffic",
                                "--from",
                                "2014-08-18",
                                "--city",
                                "beijing",
                                "--data-dir",
                                lake.lakeDir().toString()))
                .as("not complete yet: a scheduler retries later")
                .isEqualTo(org.citylake.analytics.job.IncompleteInputsException.EXIT_NOT_YET);
        try (Lake opened = Lake.open(lake.config());
                CloseableIterable<Record> runs =
                        IcebergGenerics.read(opened.table("ops.job_runs")).build()) {
            List<String> outcomes = new ArrayList<>();
            runs.forEach(r -> outcomes.add(r.getField("city") + " " + r.getField("status")));
            assertThat(outcomes).containsExactlyInAnyOrder("aarhus SUCCEEDED", "beijing FAILED");
            runs.forEach(
                    r -> {
                        if ("beijing".equals(r.getField("city"))) {
                            assertThat((String) r.getField("detail"))
                                    .contains(
                                            "complete for beijing up to 2014-08-18T02:00:00Z",
                                            "2014-08-18T15:55:00Z");
                        }
                    });
        }
    }

    private static String traffic(
            String city, String segment, String day, int minute, String offset) {
        OffsetDateTime from = OffsetDateTime.parse(day + "T00:00:00" + offset).plusMinutes(minute);
        OffsetDateTime to = from.plusMinutes(5);
        return "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:"
                + city
                + ":"
                + segment
                + "\",\"type\":\"TrafficFlowObserved\",\"refRoadSegment\":\""
                + segment
                + "\",\"dateObservedFrom\":\""
                + from
                + "\",\"dateObservedTo\":\""
                + to
                + "\",\"intensity\":10,\"averageVehicleSpeed\":50.0}";
    }

    private static String segment(String city, String id) {
        return "{\"city\":\""
                + city
                + "\",\"id\":\""
                + id
                + "\",\"length_m\":1000.0,\"free_flow_time_s\":60.0}";
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
