package org.citylake.bench.ingest;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.citylake.lakehouse.Lake;

/** Row counts of tables, from the current snapshot's summary (exact for append-only tables). */
public final class LakeCounts {

    private LakeCounts() {}

    public static long rows(Lake lake, String table) {
        Table t = lake.table(table);
        t.refresh();
        Snapshot current = t.currentSnapshot();
        if (current == null) {
            return 0;
        }
        String total = current.summary().get("total-records");
        if (total == null) {
            throw new IllegalStateException(
                    table + " snapshot " + current.snapshotId() + " has no total-records summary");
        }
        return Long.parseLong(total);
    }

    /** Fails loudly unless {@code table} holds exactly {@code expected} rows. */
    public static void require(Lake lake, String table, long expected, String context) {
        long actual = rows(lake, table);
        if (actual != expected) {
            throw new IllegalStateException(
                    context
                            + ": "
                            + table
                            + " holds "
                            + actual
                            + " rows, expected exactly "
                            + expected
                            + (actual < expected
                                    ? " — readings were lost"
                                    : " — rows were duplicated")
                            + "; the figures of this run are void");
        }
    }
}
