package org.citylake.ingest.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * The observation times already committed to a clean table, per sensor, so a replay of data the
 * lake already holds is recognised as duplicate even by a brand-new job. Only readings observed
 * after {@code watermark − lookback} are loaded; older ones are outside the deduplication horizon.
 * Each sensor's times are handed over once, to seed its state on first use.
 */
final class CommittedKeys {

    private final Map<String, long[]> timesBySensor;

    private CommittedKeys(Map<String, long[]> timesBySensor) {
        this.timesBySensor = timesBySensor;
    }

    /** Loads the sensors for which {@code mine} is true (this subtask's key groups). */
    static CommittedKeys load(
            Table table, Duration lookback, String keyColumn, Predicate<String> mine) {
        Optional<Instant> watermark = SnapshotSummary.latestWatermark(table);
        IcebergGenerics.ScanBuilder scan =
                IcebergGenerics.read(table)
                        .select(TableRegistry.CITY, keyColumn, TableRegistry.OBSERVED_AT);
        if (watermark.isPresent()) {
            long fromMicros = watermark.get().minus(lookback).toEpochMilli() * 1000;
            scan =
                    scan.where(
                            Expressions.greaterThanOrEqual(TableRegistry.OBSERVED_AT, fromMicros));
        }
        Map<String, LongList> times = new HashMap<>();
        try (CloseableIterable<Record> rows = scan.build()) {
            for (Record row : rows) {
                String sensor =
                        SensorKey.of(
                                (String) row.getField(TableRegistry.CITY),
                                (String) row.getField(keyColumn));
                LongList list = times.get(sensor);
                if (list == null) {
                    if (!mine.test(sensor)) {
                        continue;
                    }
                    list = new LongList();
                    times.put(sensor, list);
                }
                OffsetDateTime observedAt =
                        (OffsetDateTime) row.getField(TableRegistry.OBSERVED_AT);
                list.add(SensorKey.micros(observedAt.toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keys of " + table.name(), e);
        }
        Map<String, long[]> bySensor = new HashMap<>();
        times.forEach((sensor, list) -> bySensor.put(sensor, list.toArray()));
        return new CommittedKeys(bySensor);
    }

    /** The committed times of {@code sensor}, once; later calls return nothing. */
    long[] take(String sensor) {
        long[] times = timesBySensor.remove(sensor);
        return times == null ? new long[0] : times;
    }

    /** A growable list of longs, for loading without boxing. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
