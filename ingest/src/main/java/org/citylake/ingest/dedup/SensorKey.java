package org.citylake.ingest.dedup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.StringData;

/** The key deduplication state is kept under: one sensor of one city. */
final class SensorKey {

    private SensorKey() {}

    static String of(String city, String entityId) {
        return city + SEPARATOR + entityId;
    }

    private static final char SEPARATOR = '\u0001';

    /**
     * The same key as {@link #of(String, String)}, from the row's UTF-8 strings: the two byte
     * sequences joined by the separator's one byte and decoded once by the JDK, instead of each
     * decoded by Flink's decoder and then concatenated (UTF-8 decodes piecewise: whole code points
     * on each side of an ASCII byte). Runs for every reading, on both sides of the shuffle.
     */
    static String of(StringData city, StringData entityId) {
        byte[] c = city.toBytes();
        byte[] e = entityId.toBytes();
        byte[] key = new byte[c.length + 1 + e.length];
        System.arraycopy(c, 0, key, 0, c.length);
        key[c.length] = (byte) SEPARATOR;
        System.arraycopy(e, 0, key, c.length + 1, e.length);
        return new String(key, StandardCharsets.UTF_8);
    }

    /** Observation time in epoch microseconds, the precision of the lake's timestamps. */
    static long micros(Instant t) {
        return Math.addExact(
                Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
