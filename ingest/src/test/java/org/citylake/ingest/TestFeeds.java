package org.citylake.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Feed lines and ref files the ingest ITs write: Aarhus, road segments 100 and 101. */
final class TestFeeds {

    private TestFeeds() {}

    /**
     * A keyValues TrafficFlowObserved reading of an Aarhus segment; {@code extra} ends the object.
     */
    static String traffic(String segment, String from, String to, String extra) {
        return "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:aarhus:"
                + segment
                + "\",\"type\":\"TrafficFlowObserved\",\"refRoadSegment\":\""
                + segment
                + "\",\"dateObservedFrom\":\""
                + from
                + "\",\"dateObservedTo\":\""
                + to
                + "\""
                + extra
                + "}";
    }

    /** Registers Aarhus and its road segments 100 and 101 under {@code feeds}. */
    static void aarhusRef(Path feeds) throws Exception {
        write(
                feeds.resolve("aarhus/ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"aarhus\",\"name\":\"Aarhus\",\"time_zone\":\"Europe/Copenhagen\","
                                + "\"lon\":10.2,\"lat\":56.16}"));
        write(
                feeds.resolve("aarhus/ref/road_segments.jsonl"),
                List.of(
                        "{\"city\":\"aarhus\",\"id\":\"100\",\"length_m\":1000.0,\"free_flow_time_s\":60.0}",
                        "{\"city\":\"aarhus\",\"id\":\"101\",\"length_m\":800.0,\"free_flow_time_s\":50.0}"));
    }

    static void write(Path file, List<String> lines) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
