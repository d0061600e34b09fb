package org.citylake.lakehouse.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The commit of one batch run's tables, all or nothing, as far as Iceberg allows: one commit per
 * table that replaces the partitions the run wrote ({@link ReplacePartitions}), in the order given;
 * if one fails, the tables already committed by this run are set back to the snapshot they had
 * before it, so that readers find the run in no table. Only if that rollback fails too (the catalog
 * gone between two commits) do the tables disagree; the error says which, and a re-run, which
 * replaces the same partitions, repairs them. No Flink here: {@link BatchOverwrite}'s committer
 * operator calls it once every file of the run has been written.
 */
public final class GoldCommit {

    private final Function<String, Table> tables;
    private final Map<String, String> snapshotProperties;
    private final BatchOverwrite.CommitHook beforeCommit;

    /**
     * @param tables loads a table by name
     * @param snapshotProperties written into every commit's snapshot summary (job, run id, period)
     * @param beforeCommit called with each table's name just before its commit (fault tests)
     */
    public GoldCommit(
            Function<String, Table> tables,
            Map<String, String> snapshotProperties,
            BatchOverwrite.CommitHook beforeCommit) {
        this.tables = tables;
        this.snapshotProperties = Map.copyOf(snapshotProperties);
        this.beforeCommit = beforeCommit;
    }

    /** Thrown when a commit failed; the message says what was rolled back. */
    public static final class CommitFailed extends IllegalStateException {
        public CommitFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Commits {@code written} (table → its new data files, in commit order). A table without files
     * is left as it is.
     *
     * @return rows committed per table
     * @throws CommitFailed if a commit failed; then no table holds this run unless the message says
     *     otherwise
     */
    public Map<String, Long> commit(String runName, Map<String, List<DataFile>> written) {
        return commit(runName, written, Map.of());
    }

    /**
     * As {@link #commit(String, Map)}; a table named in {@code replaced} has every row matching its
     * filter replaced by the run's rows in one commit (an {@link OverwriteFiles}), even when the
     * run wrote it no file: a run that covers a range of partitions replaces that range, so a
     * partition it no longer has rows for does not keep an earlier run's rows. The filter must
     * select whole partitions (identity partition columns only).
     */
    public Map<String, Long> commit(
            String runName, Map<String, List<DataFile>> written, Map<String, Expression> replaced) {
        Map<String, Long> rows = new LinkedHashMap<>();
        // table -> its snapshot before this run (null: it had none), for tables already committed
        Map<String, Snapshot> committed = new LinkedHashMap<>();
        Map<String, Long> ours = new LinkedHashMap<>();
        for (var entry : written.entrySet()) {
            String name = entry.getKey();
            List<DataFile> dataFiles = entry.getValue();
            long count = dataFiles.stream().mapToLong(DataFile::recordCount).sum();
            rows.put(name, count);
            Expression range = replaced.get(name);
            if (dataFiles.isEmpty() && range == null) {
                continue;
            }
            Snapshot before;
            long committedId;
            try {
                Table table = tables.apply(name);
                table.refresh();
                before = table.currentSnapshot();
                beforeCommit.accept(name);
                if (range == null) {
                    ReplacePartitions replace = table.newReplacePartitions();
                    dataFiles.forEach(replace::addFile);
                    snapshotProperties.forEach(replace::set);
                    replace.commit();
                } else {
                    OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(range);
                    dataFiles.forEach(overwrite::addFile);
                    snapshotProperties.forEach(overwrite::set);
                    if (!dataFiles.isEmpty()) {
                        // (with no file added there is nothing to check, and Iceberg refuses to)
                        overwrite.validateAddedFilesMatchOverwriteFilter();
                    }
                    overwrite.commit();
                }
                committedId = table.currentSnapshot().snapshotId();
            } catch (RuntimeException e) {
                String undone = rollBack(committed, ours);
                throw new CommitFailed(
                        runName
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
                Table table = tables.apply(name);
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

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
