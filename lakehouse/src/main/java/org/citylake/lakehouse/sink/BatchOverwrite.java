package org.citylake.lakehouse.sink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.citylake.lakehouse.Lake;

/**
 * The output tables of one batch run, written all or nothing. In the job, each table's rows go to
 * Parquet files, one writer subtask per partition; the files' descriptions go to one committer,
 * which commits only once every writer has succeeded: one commit per table that replaces the
 * partitions the run wrote ({@link ReplacePartitions}), in the order the tables were added ({@link
 * GoldCommit}).
 *
 * <pre>
 *   rows of table 1 ─► by partition ─► write table 1 ─┐
 *   rows of table 2 ─► by partition ─► write table 2 ─┴─► committer (1): at the end of input,
 *                                                          commit 1, 2; on failure roll back
 * </pre>
 *
 * <p>A job that fails anywhere, even after every file is written, commits nothing: every table
 * keeps its current snapshot (batch analytics run without restarts). Iceberg has no commit across
 * tables, so the commits come one after the other: if one fails, the tables already committed by
 * this run are set back to the snapshot they had before it, so that readers find the run in no
 * table. Only if that rollback fails too (the catalog gone between two commits) do the tables
 * disagree; the error says which, and a re-run, which replaces the same partitions, repairs them.
 * Files written by a failed run are left in the table's folder, referenced by no snapshot. The
 * committer runs inside the job, so a run on a Flink cluster commits there, with no client waiting.
 */
public final class BatchOverwrite {

    /** Called with a table's name just before its commit; fault tests throw from it. */
    @FunctionalInterface
    public interface CommitHook extends Serializable {
        void accept(String table);
    }

    /**
     * Where a fault test can make a run fail; production runs use {@link #NONE}. {@code files} sees
     * the written files on their way to the committer (throwing there fails the job after its files
     * are written), {@code beforeCommit} is called with each table's name just before its commit.
     */
    public record FailurePoints(
            UnaryOperator<DataStream<TableFiles>> files, CommitHook beforeCommit) {
        public static final FailurePoints NONE =
                new FailurePoints(UnaryOperator.identity(), table -> {});
    }

    private final Lake lake;
    private final Map<String, String> snapshotProperties;
    private final FailurePoints failurePoints;
    private final Map<String, DataStream<TableFiles>> tables = new LinkedHashMap<>();
    private final Map<String, Expression> replaced = new LinkedHashMap<>();

    /**
     * @param snapshotProperties written into every commit's snapshot summary (job, run id, period)
     */
    public BatchOverwrite(
            Lake lake, Map<String, String> snapshotProperties, FailurePoints failurePoints) {
        this.lake = lake;
        this.snapshotProperties = Map.copyOf(snapshotProperties);
        this.failurePoints = failurePoints;
    }

    /**
     * Writes {@code rows} to {@code table}'s files; committed by the committer {@link #commitAtEnd}
     * adds.
     */
    public void add(String table, DataStream<RowData> rows) {
        add(table, rows, null);
    }

    /**
     * As {@link #add(String, DataStream)}; with a {@code range} (a filter on identity partition
     * columns), the commit replaces every row of the table in that range, partitions the run wrote
     * no row to included ({@link GoldCommit#commit(String, Map, Map)}); {@code null}: only the
     * partitions written are replaced.
     */
    public void add(String table, DataStream<RowData> rows, Expression range) {
        if (range != null) {
            replaced.put(table, range);
        }
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
     * Adds the committer that commits every table once all their files are written; call it once,
     * after the last {@link #add}, before the job is executed.
     *
     * @param runName names the run in error messages
     */
    public void commitAtEnd(String runName) {
        if (tables.isEmpty()) {
            throw new IllegalStateException(runName + ": no table to write");
        }
        List<DataStream<TableFiles>> all = new ArrayList<>(tables.values());
        DataStream<TableFiles> files = all.get(0);
        if (all.size() > 1) {
            files = files.union(all.subList(1, all.size()).toArray(DataStream[]::new));
        }
        failurePoints
                .files()
                .apply(files)
                .transform(
                        "commit " + String.join(", ", tables.keySet()),
                        Types.STRING,
                        new GoldCommitter(
                                lake.catalogLoader(),
                                List.copyOf(tables.keySet()),
                                snapshotProperties,
                                runName,
                                failurePoints.beforeCommit(),
                                replaced))
                .setParallelism(1)
                .setMaxParallelism(1)
                .uid("commit-gold")
                .sinkTo(new DiscardingSink<>())
                .name("committed")
                .uid("committed");
    }
}
