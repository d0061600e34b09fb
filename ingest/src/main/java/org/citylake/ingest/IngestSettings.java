package org.citylake.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Tunables of the ingest workflow.
 *
 * @param futureTolerance readings observed further ahead of the wall clock are refused
 * @param maxOutOfOrderness how far behind the newest reading a reading may arrive and still be on
 *     time (event-time watermark lag)
 * @param idleness a source partition silent this long no longer holds the watermark back
 * @param dedupLookback the duplicate-detection horizon: how far behind a sensor's newest reading
 *     its observation times are remembered, and how far before the lake's recorded watermark
 *     already-committed readings are loaded when a job starts
 * @param parallelism parallelism of parsing, deduplication and writing
 * @param cityZones time zone per city, for timestamps sent without an offset (default UTC)
 */
public record IngestSettings(
        Duration futureTolerance,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration dedupLookback,
        int parallelism,
        Map<String, ZoneId> cityZones)
        implements Serializable {

    public static IngestSettings defaults(Map<String, ZoneId> cityZones) {
        return new IngestSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofDays(14),
                1,
                Map.copyOf(cityZones));
    }

    public IngestSettings withParallelism(int p) {
        return new IngestSettings(
                futureTolerance, maxOutOfOrderness, idleness, dedupLookback, p, cityZones);
    }

    public ZoneId zoneOf(String city) {
        return cityZones.getOrDefault(city, ZoneId.of("UTC"));
    }
}
