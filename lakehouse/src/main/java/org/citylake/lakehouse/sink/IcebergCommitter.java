package org.citylake.lakehouse.sink;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.io.WriteResult;

/**
 * Commits the files of every completed checkpoint to the table in one Iceberg append, and records
 * the event-time watermark in the snapshot summary ({@link SnapshotSummary#WATERMARK}).
 *
 * <p>Exactly once: files are kept in operator state per checkpoint and committed only when the
 * checkpoint completes. Each commit records the job id, this operator's id and the checkpoint id;
 * after a restore, files of checkpoints the table already has are skipped, the rest committed. A
 * bounded input's last files are committed by the final checkpoint, never outside a checkpoint.
 *
 * <p>Runs with parallelism 1, so its input watermark is the minimum over all writer subtasks. Each
 * city's own watermark ({@link SnapshotSummary#CITY_WATERMARK}) is the newest reading of that city
 * in the files committed so far minus the allowed lateness: a lagging or idle city neither holds
 * the others back nor is declared complete by their progress. When a bounded input ends, every city
 * this job committed is complete up to its newest reading, whichever commit carried it.
 */
final class IcebergCommitter extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<WrittenFiles, Void>, BoundedOneInput {

    private final CatalogLoader catalogLoader;
    private final String tableName;
    private transient TableLoader tableLoader;
    private final String operatorId;
    private final long watermarkOnlyCommitIntervalMs;
    private final long cityLagMs;

    private transient Table table;
    private transient ListState<byte[]> checkpointedState;
    private transient PendingCommits pending;
    private transient long currentWatermark;

    IcebergCommitter(
            CatalogLoader catalogLoader,
            String tableName,
            String operatorId,
            Duration watermarkOnlyCommitInterval,
            Duration cityLag) {
        this.catalogLoader = catalogLoader;
        this.tableName = tableName;
        this.operatorId = operatorId;
        this.watermarkOnlyCommitIntervalMs = watermarkOnlyCommitInterval.toMillis();
        this.cityLagMs = cityLag.toMillis();
    }

    /** What survives a failure: files per checkpoint not yet known to be committed. */
    static final class PendingCommits implements Serializable {
        private static final long serialVersionUID = 1L;
        String jobId;
        final TreeMap<Long, List<byte[]>> filesByCheckpoint = new TreeMap<>();
        final TreeMap<Long, Long> watermarkByCheckpoint = new TreeMap<>();
        long maxEventTime = Long.MIN_VALUE;
        long lastRecordedWatermark = Long.MIN_VALUE;

        /** Per checkpoint: the largest event time per city of the files written up to it. */
        TreeMap<Long, Map<String, Long>> cityMaxByCheckpoint = new TreeMap<>();

        /** Per city: the watermark recorded last (never goes back), epoch milliseconds. */
        TreeMap<String, Long> cityWatermarks = new TreeMap<>();

        /**
         * Per city: the largest event time in the files this job committed so far. The end of a
         * bounded input declares each city complete up to it, whichever commit carried its files.
         */
        TreeMap<String, Long> cityMaxCommitted = new TreeMap<>();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        // The loader owns the catalog's connection pool: keep it open while the table is used.
        tableLoader = TableLoader.fromCatalog(catalogLoader, TableIdentifier.parse(tableName));
        tableLoader.open();
        table = tableLoader.loadTable();
        checkpointedState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "pending-commits", BytePrimitiveArraySerializer.INSTANCE));
        currentWatermark = Long.MIN_VALUE;
        pending = new PendingCommits();
        String jobId = getRuntimeContext().getJobInfo().getJobId().toString();
        if (context.isRestored()) {
            for (byte[] bytes : checkpointedState.get()) {
                pending =
                        InstantiationUtil.deserializeObject(
                                bytes, getRuntimeContext().getUserCodeClassLoader());
            }
            if (pending.cityMaxByCheckpoint == null) {
                // restored from a checkpoint of a version without per-city watermarks
                pending.cityMaxByCheckpoint = new TreeMap<>();
                pending.cityWatermarks = new TreeMap<>();
            }
            if (pending.cityMaxCommitted == null) {
                // restored from a checkpoint of a version that did not keep it
                pending.cityMaxCommitted = new TreeMap<>();
            }
            table.refresh();
            pending.lastRecordedWatermark =
                    Math.max(
                            pending.lastRecordedWatermark,
                            SnapshotSummary.lastWatermarkOf(table, operatorId));
            if (pending.jobId != null) {
                // Commit what the failed attempt left behind, under its job id, unless it landed.
                long committed =
                        SnapshotSummary.maxCommittedCheckpoint(table, pending.jobId, operatorId);
                pending.filesByCheckpoint.headMap(committed, true).clear();
                if (!pending.filesByCheckpoint.isEmpty()) {
                    commitUpTo(pending.filesByCheckpoint.lastKey(), pending.jobId);
                }
            }
        }
        if (!context.isRestored()) {
            pending.lastRecordedWatermark = SnapshotSummary.lastWatermarkOf(table, operatorId);
        }
        // Per-city watermarks never go back, across jobs too.
        SnapshotSummary.cityWatermarks(table)
                .forEach(
                        (city, at) ->
                                pending.cityWatermarks.merge(city, at.toEpochMilli(), Math::max));
        pending.jobId = jobId;
    }

    @Override
    public void processElement(StreamRecord<WrittenFiles> element) {
        WrittenFiles files = element.getValue();
        pending.filesByCheckpoint
                .computeIfAbsent(files.checkpointId, id -> new ArrayList<>())
                .add(files.writeResult);
        pending.maxEventTime = Math.max(pending.maxEventTime, files.maxEventTime);
        Map<String, Long> cities =
                pending.cityMaxByCheckpoint.computeIfAbsent(
                        files.checkpointId, id -> new TreeMap<>());
        for (int i = 0; i < files.cities.length; i++) {
            cities.merge(files.cities[i], files.cityMaxEventTimes[i], Math::max);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        currentWatermark = mark.getTimestamp();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        // Files flushed at the end of the input belong to the first checkpoint after it.
        List<byte[]> endOfInput = pending.filesByCheckpoint.remove(Long.MAX_VALUE);
        if (endOfInput != null) {
            pending.filesByCheckpoint
                    .computeIfAbsent(context.getCheckpointId(), id -> new ArrayList<>())
                    .addAll(endOfInput);
        }
        Map<String, Long> endCities = pending.cityMaxByCheckpoint.remove(Long.MAX_VALUE);
        if (endCities != null) {
            Map<String, Long> cities =
                    pending.cityMaxByCheckpoint.computeIfAbsent(
                            context.getCheckpointId(), id -> new TreeMap<>());
            endCities.forEach((city, max) -> cities.merge(city, max, Math::max));
        }
        pending.watermarkByCheckpoint.put(context.getCheckpointId(), currentWatermark);
        checkpointedState.update(List.of(InstantiationUtil.serializeObject(pending)));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        commitUpTo(checkpointId, pending.jobId);
    }

    /**
     * With checkpoints, the last files wait for the final checkpoint Flink takes after the end of
     * the input (the task finishes only when it completes): committing them here, outside any
     * checkpoint, would commit them a second time if the job failed before that checkpoint, since a
     * restore replays the input from the previous one. Without checkpoints (batch) there is no
     * restore, and this is the commit.
     */
    @Override
    public void endInput() throws Exception {
        if (getOperatorConfig().isCheckpointingEnabled()) {
            return;
        }
        pending.watermarkByCheckpoint.put(Long.MAX_VALUE, currentWatermark);
        commitUpTo(Long.MAX_VALUE, pending.jobId);
    }

    private void commitUpTo(long checkpointId, String jobId) throws Exception {
        Map<Long, List<byte[]>> due = pending.filesByCheckpoint.headMap(checkpointId, true);
        Map.Entry<Long, Long> wmEntry = pending.watermarkByCheckpoint.floorEntry(checkpointId);
        long watermark = wmEntry == null ? Long.MIN_VALUE : wmEntry.getValue();
        if (watermark == Long.MAX_VALUE) {
            // End of a bounded input: complete up to the last reading, not "forever".
            watermark = pending.maxEventTime;
        }
        boolean watermarkAdvanced =
                watermark != Long.MIN_VALUE
                        && watermark
                                >= safeAdd(
                                        pending.lastRecordedWatermark,
                                        watermarkOnlyCommitIntervalMs);
        // Each city's watermark: its newest reading in the files committed so far, minus the lag;
        // at the end of a bounded input, its newest reading (complete up to the last one). The
        // end counts for every city this job committed, not only those of the last files: with
        // several writers, one writer's last files can be committed by a checkpoint taken before
        // the others finished, while the input watermark was still low.
        boolean endOfInput = wmEntry != null && wmEntry.getValue() == Long.MAX_VALUE;
        Map<Long, Map<String, Long>> dueCities =
                pending.cityMaxByCheckpoint.headMap(checkpointId, true);
        TreeMap<String, Long> dueMax = new TreeMap<>();
        for (Map<String, Long> cities : dueCities.values()) {
            cities.forEach((city, max) -> dueMax.merge(city, max, Math::max));
        }
        TreeMap<String, Long> cityMaxCommitted = new TreeMap<>(pending.cityMaxCommitted);
        dueMax.forEach((city, max) -> cityMaxCommitted.merge(city, max, Math::max));
        TreeMap<String, Long> cityWatermarks = new TreeMap<>(pending.cityWatermarks);
        if (endOfInput) {
            cityMaxCommitted.forEach((city, max) -> cityWatermarks.merge(city, max, Math::max));
        } else {
            dueMax.forEach((city, max) -> cityWatermarks.merge(city, max - cityLagMs, Math::max));
        }
        if (due.isEmpty() && !watermarkAdvanced && cityWatermarks.equals(pending.cityWatermarks)) {
            pending.watermarkByCheckpoint.headMap(checkpointId, false).clear();
            return;
        }
        AppendFiles append = table.newAppend();
        int files = 0;
        for (List<byte[]> results : due.values()) {
            for (byte[] bytes : results) {
                WriteResult result =
                        InstantiationUtil.deserializeObject(
                                bytes, getRuntimeContext().getUserCodeClassLoader());
                for (DataFile file : result.dataFiles()) {
                    append.appendFile(file);
                    files++;
                }
            }
        }
        append.set(SnapshotSummary.JOB_ID, jobId)
                .set(SnapshotSummary.OPERATOR_ID, operatorId)
                .set(SnapshotSummary.MAX_COMMITTED_CHECKPOINT, String.valueOf(checkpointId));
        long recorded = Math.max(watermark, pending.lastRecordedWatermark);
        if (recorded != Long.MIN_VALUE) {
            append.set(SnapshotSummary.WATERMARK, Instant.ofEpochMilli(recorded).toString());
        }
        cityWatermarks.forEach(
                (city, at) ->
                        append.set(
                                SnapshotSummary.CITY_WATERMARK + city,
                                Instant.ofEpochMilli(at).toString()));
        append.commit();
        LOG.info(
                "committed {} data files to {} up to checkpoint {} (watermark {})",
                files,
                tableName,
                checkpointId,
                recorded == Long.MIN_VALUE ? "none" : Instant.ofEpochMilli(recorded));
        pending.lastRecordedWatermark = recorded;
        pending.cityWatermarks.clear();
        pending.cityWatermarks.putAll(cityWatermarks);
        pending.cityMaxCommitted = cityMaxCommitted;
        dueCities.clear();
        due.clear();
        pending.watermarkByCheckpoint.headMap(checkpointId, false).clear();
    }

    @Override
    public void close() throws Exception {
        if (tableLoader != null) {
            tableLoader.close();
        }
        super.close();
    }

    private static long safeAdd(long a, long b) {
        return a == Long.MIN_VALUE ? Long.MIN_VALUE : a + b;
    }
}
