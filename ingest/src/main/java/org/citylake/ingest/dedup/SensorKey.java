package org.citylake.ingest.dedup;

import java.time.Instant;

/** The key deduplication state is kept under: one sensor of one city. */
final class SensorKey {

    private SensorKey() {}

    static String of(String city, String entityId) {
        return city + '\u0001' + entityId;
    }

    /** Observation time in epoch microseconds, the precision of the lake's timestamps. */
    static long micros(Instant t) {
        return Math.addExact(
                Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
