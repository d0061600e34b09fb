package org.citylake.lakehouse.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Table maintenance: compaction of small data files and expiry of old snapshots, with Iceberg's own
 * actions (Flink's {@code rewriteDataFiles}, the table API's {@code expireSnapshots}). Both commit
 * with Iceberg's optimistic concurrency, so they may run while the streaming ingest commits (see
 * {@code ConcurrentCompactionFaultIT}); neither changes a row.
 *
 * <p>Expiry removes the snapshots older than a cutoff beyond the last few and the files only they
 * referenced: a figure that names an expired snapshot id (a report, a street profile, a release)
 * can no longer be read again at that snapshot. Keep the cutoff longer than the time such figures
 * must stay reproducible.
 */
public final class Maintenance {

    /** What one table's maintenance did. */
    public record Result(
            String table,
            long filesBefore,
            long filesAfter,
            int filesRewritten,
            int snapshotsBefore,
            int snapshotsAfter) {}

    private Maintenance() {}

    /**
     * Compacts the partitions of {@code table} (those matching {@code filter}) that hold more than
     * one file smaller than {@code targetBytes}, then expires the snapshots older than {@code
     * expireBefore} beyond the last {@code retainLast}; {@code expireBefore} null: no expiry.
     */
    public static Result maintain(
            Table table,
            Expression filter,
            long targetBytes,
            Instant expireBefore,
            int retainLast) {
        long before = files(table, filter);
        int rewritten = 0;
        if (hasSmallFilesToJoin(table, filter, targetBytes)) {
            RewriteDataFilesActionResult result =
                    Actions.forTable(StreamExecutionEnvironment.getExecutionEnvironment(), table)
                            .rewriteDataFiles()
                            .filter(filter)
                            .targetSizeInBytes(targetBytes)
                            // each small file weighs its real size in the bin packing
                            .splitOpenFileCost(1)
                            .execute();
            rewritten = result.deletedDataFiles().size();
            table.refresh();
        }
        long after = files(table, filter);
        int snapshotsBefore = snapshots(table);
        if (expireBefore != null && table.currentSnapshot() != null) {
            table.expireSnapshots()
                    .expireOlderThan(expireBefore.toEpochMilli())
                    .retainLast(Math.max(1, retainLast))
                    .commit();
            table.refresh();
        }
        return new Result(
                table.name(), before, after, rewritten, snapshotsBefore, snapshots(table));
    }

    /** The filter of one city's rows, or all rows when the table has no city column. */
    public static Expression cityFilter(Table table, String city) {
        return city == null || table.schema().findField("city") == null
                ? Expressions.alwaysTrue()
                : Expressions.equal("city", city);
    }

    private static int snapshots(Table table) {
        int n = 0;
        for (Snapshot ignored : table.snapshots()) {
            n++;
        }
        return n;
    }

    private static long files(Table table, Expression filter) {
        if (table.currentSnapshot() == null) {
            return 0;
        }
        long n = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
            for (FileScanTask ignored : tasks) {
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan a scan of " + table.name(), e);
        }
        return n;
    }

    /** Whether some partition holds two or more files under the target size. */
    static boolean hasSmallFilesToJoin(Table table, Expression filter, long targetBytes) {
        if (table.currentSnapshot() == null) {
            return false;
        }
        Map<String, Integer> small = new HashMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
            for (FileScanTask task : tasks) {
                if (task.file().fileSizeInBytes() < targetBytes) {
                    StructLike partition = task.file().partition();
                    String key = task.file().specId() + ":" + partition;
                    if (small.merge(key, 1, Integer::sum) >= 2) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan a scan of " + table.name(), e);
        }
        return false;
    }
}
