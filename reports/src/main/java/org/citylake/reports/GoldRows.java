package org.citylake.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;

/**
 * A city's rows of one table, read at one snapshot: the snapshot id travels with the rows, so every
 * figure built from them can name it (time travel: {@code FOR VERSION AS OF <id>} reproduces it).
 *
 * @param table e.g. {@code gold.congestion_ranking}
 * @param snapshotId the snapshot read; {@code null} when the table has never been written
 * @param rows the rows of the city that passed the filter
 */
public record GoldRows(String table, Long snapshotId, List<Record> rows) {

    /** Reads {@code city}'s rows of {@code table} at its current snapshot, keeping {@code keep}. */
    public static GoldRows read(Lake lake, String table, String city, Predicate<Record> keep) {
        Table t = lake.table(table);
        Snapshot current = t.currentSnapshot();
        if (current == null) {
            return new GoldRows(table, null, List.of());
        }
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read =
                IcebergGenerics.read(t)
                        .useSnapshot(current.snapshotId())
                        .where(Expressions.equal("city", city))
                        .build()) {
            for (Record r : read) {
                if (city.equals(r.getField("city")) && keep.test(r)) {
                    rows.add(r.copy());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        return new GoldRows(table, current.snapshotId(), List.copyOf(rows));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** e.g. {@code gold.congestion_ranking @ snapshot 123}, for figure captions. */
    public String source() {
        return table + " @ snapshot " + (snapshotId == null ? "none" : snapshotId);
    }
}
