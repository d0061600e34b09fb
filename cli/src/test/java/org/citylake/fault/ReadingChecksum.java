package org.citylake.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * An order-independent content checksum of traffic readings: the wrapping sum of a 64-bit hash of
 * each reading's key (city, segment, observation time) and values (intensity, speed). Equal sums
 * from the generator and from {@code clean.traffic_flow}, with equal counts, mean the same rows: a
 * lost, duplicated or altered row changes the sum.
 */
public final class ReadingChecksum {

    private ReadingChecksum() {}

    public static long of(
            String city, String segment, Instant observedAt, Long intensity, Double speedKmh) {
        String text =
                city
                        + '\u0001'
                        + segment
                        + '\u0001'
                        + observedAt.getEpochSecond()
                        + '.'
                        + observedAt.getNano()
                        + '\u0001'
                        + intensity
                        + '\u0001'
                        + (speedKmh == null ? "null" : Double.toString(speedKmh));
        return hash(text);
    }

    /** Count and checksum of every row of a {@code clean.traffic_flow} table. */
    public static long[] ofCleanTraffic(Table table) {
        long count = 0;
        long sum = 0;
        table.refresh();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .select("city", "segment_id", "observed_at", "intensity", "avg_speed_kmh")
                        .build()) {
            for (Record row : rows) {
                count++;
                sum +=
                        of(
                                (String) row.getField("city"),
                                (String) row.getField("segment_id"),
                                ((OffsetDateTime) row.getField("observed_at")).toInstant(),
                                (Long) row.getField("intensity"),
                                (Double) row.getField("avg_speed_kmh"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {count, sum};
    }

    /** 64-bit FNV-1a with a final avalanche. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
