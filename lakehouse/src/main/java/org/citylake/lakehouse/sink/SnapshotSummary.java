package org.citylake.lakehouse.sink;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Keys CityLake writes into Iceberg snapshot summaries, and readers for them.
 *
 * <p>{@value #WATERMARK} is the ingest job's event-time watermark when the snapshot was committed:
 * every reading observed before it that will ever arrive on time is in the table. Batch jobs and
 * the scheduler ask it "is this hour complete?".
 */
public final class SnapshotSummary {

    public static final String WATERMARK = "citylake.watermark";

    /**
     * Prefix of the per-city watermarks: {@code citylake.city-watermark.<city>} is the city's
     * event-time watermark, its newest reading committed so far minus the allowed lateness. Every
     * commit of a clean table records every city's, so the newest snapshot holding any holds all.
     */
    public static final String CITY_WATERMARK = "citylake.city-watermark.";

    public static final String JOB_ID = "flink.job-id";
    public static final String OPERATOR_ID = "flink.operator-id";
    public static final String MAX_COMMITTED_CHECKPOINT = "flink.max-committed-checkpoint-id";

    private SnapshotSummary() {}

    /**
     * Every city's watermark as of the newest snapshot that records any (empty for a table written
     * before per-city watermarks, or never by ingest).
     */
    public static java.util.Map<String, Instant> cityWatermarks(Table table) {
        java.util.Map<String, Instant> cities = new java.util.TreeMap<>();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return cities;
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            summary(snapshot)
                    .forEach(
                            (key, value) -> {
                                if (key.startsWith(CITY_WATERMARK)) {
                                    cities.put(
                                            key.substring(CITY_WATERMARK.length()),
                                            Instant.parse(value));
                                }
                            });
            if (!cities.isEmpty()) {
                return cities;
            }
        }
        return cities;
    }

    /**
     * One city's watermark: its own when the table records per-city watermarks (absent: nothing of
     * the city is complete, whatever the other cities reached), else the table's single watermark
     * of older versions.
     */
    public static Optional<Instant> cityWatermark(Table table, String city) {
        java.util.Map<String, Instant> cities = cityWatermarks(table);
        return cities.isEmpty() ? latestWatermark(table) : Optional.ofNullable(cities.get(city));
    }

    /** The newest watermark recorded on the table's current branch, if any. */
    public static Optional<Instant> latestWatermark(Table table) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            String value = summary(snapshot).get(WATERMARK);
            if (value != null) {
                return Optional.of(Instant.parse(value));
            }
        }
        return Optional.empty();
    }

    /**
     * The highest checkpoint a given job's committer already committed, or -1. Used on restore so
     * files from a checkpoint are never committed twice.
     */
    public static long maxCommittedCheckpoint(Table table, String jobId, String operatorId) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return -1L;
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            Map<String, String> summary = summary(snapshot);
            if (jobId.equals(summary.get(JOB_ID)) && operatorId.equals(summary.get(OPERATOR_ID))) {
                String value = summary.get(MAX_COMMITTED_CHECKPOINT);
                if (value != null) {
                    return Long.parseLong(value);
                }
            }
        }
        return -1L;
    }

    /**
     * The newest watermark a given sink operator recorded on the table, as epoch millis, or {@code
     * Long.MIN_VALUE}. A committer starts from it so the table's watermark never goes back, neither
     * after a restore (Flink watermarks are not checkpointed and restart low) nor when a later job
     * with the same operator replays older data.
     */
    public static long lastWatermarkOf(Table table, String operatorId) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Long.MIN_VALUE;
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            Map<String, String> summary = summary(snapshot);
            String value = summary.get(WATERMARK);
            if (value != null && operatorId.equals(summary.get(OPERATOR_ID))) {
                return Instant.parse(value).toEpochMilli();
            }
        }
        return Long.MIN_VALUE;
    }

    private static Map<String, String> summary(Snapshot snapshot) {
        return snapshot.summary() == null ? Map.of() : snapshot.summary();
    }
}
