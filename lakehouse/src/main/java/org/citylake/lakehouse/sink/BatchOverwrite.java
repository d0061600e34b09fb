package org.citylake.lakehouse.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.WriteResult;
import org.citylake.lakehouse.Lake;

/**
 * The output tables of one batch run, written all or nothing. In the job, each table's rows go to
 * Parquet files, one writer subtask per partition; the job hands the files' descriptions to the
 * driver and commits nothing. Only once the job has succeeded does the driver commit, one commit
 * per table that replaces the partitions the run wrote ({@link ReplacePartitions}), in the order
 * the tables were added.
 *
 * <pre>
 *   rows of table 1 ─► by partition ─► write table 1 ─┐
 *   rows of table 2 ─► by partition ─► write table 2 ─┴─► collect ─► driver, after the job
 *                                                                   succeeded: commit 1, 2
 * </pre>
 *
 * <p>A job that fails anywhere, even after every file is written, commits nothing: every table
 * keeps its current snapshot. Iceberg has no commit across tables, so the commits come one after
 * the other: if one fails, the tables already committed by this run are set back to the snapshot
 * they had before it, so that readers find the run in no table. Only if that rollback fails too
 * (the catalog gone between two commits) do the tables disagree; the error says which, and a
 * re-run, which replaces the same partitions, repairs them. Files written by a failed run are left
 * in the table's folder, referenced by no snapshot.
 */
public final class BatchOverwrite {

    /**
     * Where a fault test can make a run fail; production runs use {@link #NONE}. {@code files} sees
     * the written files on their way to the driver (throwing there fails the job after its files
     * are written), {@code beforeCommit} is called with each table's name just before its commit.
     */
    public record FailurePoints(
            UnaryOperator<DataStream<TableFiles>> files, Consumer<String> beforeCommit) {
        public static final FailurePoints NONE =
                new FailurePoints(UnaryOperator.identity(), table -> {});
    }

    private final Lake lake;
    private final Map<String, String> snapshotProperties;
    private final FailurePoints failurePoints;
    private final Map<String, DataStream<TableFiles>> tables = new LinkedHashMap<>();

    /**
     * @param snapshotProperties written into every commit's snapshot summary (job, run id, period)
     */
    public BatchOverwrite(
            Lake lake, Map<String, String> snapshotProperties, FailurePoints failurePoints) {
        this.lake = lake;
        this.snapshotProperties = Map.copyOf(snapshotProperties);
        this.failurePoints = failurePoints;
    }

    /** Writes {@code rows} to {@code table}'s files; committed by {@link #execute}. */
    public void add(String table, DataStream<RowData> rows) {
        if (tables.containsKey(table)) {
            throw new IllegalArgumentException(table + " is written twice in one run");
        }
        Table t = lake.table(table);
        DataStream<TableFiles> files =
                // Partitioned, not keyed: a keyed input would be sorted first in batch mode,
                // and the fan-out writer needs no order.
                rows.partitionCustom(
                                new PartitionHash.ToWriter(),
                                new PartitionHash(t.schema(), t.spec()))
                        .transform(
                                "write " + table,
                                TypeInformation.of(WrittenFiles.class),
                                new IcebergFileWriter(lake.catalogLoader(), table))
                        .uid("write-" + table)
                        .map(new TagTable(table))
                        .name("files of " + table)
                        .uid("files-" + table);
        tables.put(table, files);
    }

    /**
     * Runs the job, waits for it and, if it succeeded, commits every table.
     *
     * @return rows committed per table, in the order the tables were added
     * @throws IllegalStateException if the job or a commit failed; then no table holds this run
     *     unless the message says otherwise
     */
    public Map<String, Long> execute(StreamExecutionEnvironment env, String jobName)
            throws Exception {
        if (tables.isEmpty()) {
            throw new IllegalStateException(jobName + ": no table to write");
        }
        List<DataStream<TableFiles>> all = new ArrayList<>(tables.values());
        DataStream<TableFiles> files = all.get(0);
        if (all.size() > 1) {
            files = files.union(all.subList(1, all.size()).toArray(DataStream[]::new));
        }
        Map<String, List<DataFile>> written = new LinkedHashMap<>();
        tables.keySet().forEach(table -> written.put(table, new ArrayList<>()));
        try (CloseableIterator<TableFiles> results =
                failurePoints.files().apply(files).collectAsync()) {
            JobClient job = env.executeAsync(jobName);
            try {
                while (results.hasNext()) {
                    TableFiles result = results.next();
                    WriteResult writeResult =
                            InstantiationUtil.deserializeObject(
                                    result.writeResult, getClass().getClassLoader());
                    written.get(result.table).addAll(List.of(writeResult.dataFiles()));
                }
                job.getJobExecutionResult().get();
            } catch (Exception e) {
                throw new IllegalStateException(
                        jobName
                                + " failed, nothing committed, every table keeps its snapshot: "
                                + rootMessage(e),
                        e);
            }
        }
        return commit(jobName, written);
    }

    private Map<String, Long> commit(String jobName, Map<String, List<DataFile>> written) {
        Map<String, Long> rows = new LinkedHashMap<>();
        // table -> its snapshot before this run (null: it had none), for tables already committed
        Map<String, Snapshot> committed = new LinkedHashMap<>();
        Map<String, Long> ours = new LinkedHashMap<>();
        for (var entry : written.entrySet()) {
            String name = entry.getKey();
            List<DataFile> dataFiles = entry.getValue();
            long count = dataFiles.stream().mapToLong(DataFile::recordCount).sum();
            rows.put(name, count);
            if (dataFiles.isEmpty()) {
                continue;
            }
            Snapshot before;
            long committedId;
            try {
                Table table = lake.table(name);
                table.refresh();
                before = table.currentSnapshot();
                failurePoints.beforeCommit().accept(name);
                ReplacePartitions replace = table.newReplacePartitions();
                dataFiles.forEach(replace::addFile);
                snapshotProperties.forEach(replace::set);
                replace.commit();
                committedId = table.currentSnapshot().snapshotId();
            } catch (RuntimeException e) {
                String undone = rollBack(committed, ours);
                throw new IllegalStateException(
                        jobName
                                + ": commit to "
                                + name
                                + " failed ("
                                + rootMessage(e)
                                + "); "
                                + undone,
                        e);
            }
            committed.put(name, before);
            ours.put(name, committedId);
        }
        return rows;
    }

    /** Sets the tables this run committed back to their snapshots before it; says how it went. */
    private String rollBack(Map<String, Snapshot> committed, Map<String, Long> ours) {
        if (committed.isEmpty()) {
            return "nothing committed, every table keeps its snapshot";
        }
        List<String> failed = new ArrayList<>();
        for (var entry : committed.entrySet()) {
            String name = entry.getKey();
            try {
                Table table = lake.table(name);
                table.refresh();
                if (table.currentSnapshot().snapshotId() != ours.get(name)) {
                    failed.add(name + " (written by another commit since)");
                    continue;
                }
                Snapshot before = entry.getValue();
                if (before == null) {
                    table.newDelete().deleteFromRowFilter(Expressions.alwaysTrue()).commit();
                } else {
                    table.manageSnapshots().setCurrentSnapshot(before.snapshotId()).commit();
                }
            } catch (RuntimeException e) {
                failed.add(name + " (" + rootMessage(e) + ")");
            }
        }
        if (failed.isEmpty()) {
            return "rolled back " + String.join(", ", committed.keySet()) + ": nothing committed";
        }
        return "could not roll back "
                + String.join(", ", failed)
                + ": those tables hold this run, the others do not; run it again";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
