package org.citylake.analytics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;

/**
 * What one run committed: per gold table, the snapshot its commit made (found by the run id in the
 * snapshot summary, in the table's current history) and the rows it added. Printing reads these
 * snapshots with a filter pushed into the scan, so it shows this run's results even if another run
 * has committed since.
 */
public final class Committed {

    /** The snapshot summary key holding the run id. */
    public static final String RUN_ID = "citylake.run-id";

    private final Lake lake;
    private final Map<String, Snapshot> snapshots;

    private Committed(Lake lake, Map<String, Snapshot> snapshots) {
        this.lake = lake;
        this.snapshots = snapshots;
    }

    /** The snapshots run {@code runId} committed to {@code tables} (tables it left alone: none). */
    public static Committed of(Lake lake, List<String> tables, String runId) {
        Map<String, Snapshot> found = new LinkedHashMap<>();
        for (String name : tables) {
            Table table = lake.table(name);
            table.refresh();
            for (Snapshot s = table.currentSnapshot();
                    s != null;
                    s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
                if (runId.equals(s.summary().get(RUN_ID))) {
                    found.put(name, s);
                    break;
                }
            }
        }
        return new Committed(lake, found);
    }

    public Lake lake() {
        return lake;
    }

    /** Whether the run committed to {@code table}. */
    public boolean wrote(String table) {
        return snapshots.containsKey(table);
    }

    /** Rows the run's commit added to {@code table}, from the snapshot summary. */
    public long rows(String table) {
        Snapshot s = snapshots.get(table);
        return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("added-records", "0"));
    }

    /** The rows of {@code table} matching {@code filter} as of the run's commit (none if none). */
    public List<Record> read(String table, Expression filter) {
        Snapshot s = snapshots.get(table);
        if (s == null) {
            return List.of();
        }
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(lake.table(table))
                        .useSnapshot(s.snapshotId())
                        .where(filter)
                        .build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        return rows;
    }
}
