package org.citylake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
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
 * Hashes of the reading keys already committed to a clean table, so a replay of data the lake
 * already holds is recognised as duplicate even by a brand-new job. Only readings observed after
 * {@code watermark − lookback} are loaded; older ones are outside the deduplication horizon.
 */
final class CommittedKeys {

    private final long[] sortedHashes;

    private CommittedKeys(long[] sortedHashes) {
        this.sortedHashes = sortedHashes;
    }

    static CommittedKeys empty() {
        return new CommittedKeys(new long[0]);
    }

    /** Loads the keys for which {@code mine} is true (this subtask's key groups). */
    static CommittedKeys load(Table table, Duration lookback, Predicate<String> mine) {
        Optional<Instant> watermark = SnapshotSummary.latestWatermark(table);
        IcebergGenerics.ScanBuilder scan =
                IcebergGenerics.read(table)
                        .select(
                                TableRegistry.CITY,
                                TableRegistry.ENTITY_ID,
                                TableRegistry.OBSERVED_AT);
        if (watermark.isPresent()) {
            long fromMicros = watermark.get().minus(lookback).toEpochMilli() * 1000;
            scan =
                    scan.where(
                            Expressions.greaterThanOrEqual(TableRegistry.OBSERVED_AT, fromMicros));
        }
        long[] hashes = new long[1024];
        int n = 0;
        try (CloseableIterable<Record> rows = scan.build()) {
            for (Record row : rows) {
                Instant observedAt =
                        ((OffsetDateTime) row.getField(TableRegistry.OBSERVED_AT)).toInstant();
                String key =
                        DedupKeys.key(
                                (String) row.getField(TableRegistry.CITY),
                                (String) row.getField(TableRegistry.ENTITY_ID),
                                observedAt);
                if (mine.test(key)) {
                    if (n == hashes.length) {
                        hashes = Arrays.copyOf(hashes, n * 2);
                    }
                    hashes[n++] = DedupKeys.hash(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keys of " + table.name(), e);
        }
        long[] sorted = Arrays.copyOf(hashes, n);
        Arrays.sort(sorted);
        return new CommittedKeys(sorted);
    }

    boolean contains(String key) {
        return Arrays.binarySearch(sortedHashes, DedupKeys.hash(key)) >= 0;
    }

    int size() {
        return sortedHashes.length;
    }
}
