package org.citylake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * What is in the lake: per table rows, files, last snapshot and watermark (and each city's own);
 * dead letters by reason.
 */
public final class LakeStatus {

    /** One table's state. {@code lastCommit} and {@code watermark} are empty for empty tables. */
    public record TableStatus(
            String table,
            boolean exists,
            long rows,
            long files,
            Optional<Long> snapshotId,
            Optional<Instant> lastCommit,
            Optional<Instant> watermark,
            Map<String, Instant> cityWatermarks) {}

    private LakeStatus() {}

    public static List<TableStatus> tables(Lake lake) {
        List<TableStatus> out = new ArrayList<>();
        for (TableDef def : lake.registry().all()) {
            out.add(table(lake, def.name()));
        }
        return out;
    }

    public static TableStatus table(Lake lake, String name) {
        TableIdentifier id = TableIdentifier.parse(name);
        if (!lake.catalog().tableExists(id)) {
            return new TableStatus(
                    name,
                    false,
                    0,
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of());
        }
        Table table = lake.catalog().loadTable(id);
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return new TableStatus(
                    name,
                    true,
                    0,
                    0,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of());
        }
        Map<String, String> summary = snapshot.summary();
        return new TableStatus(
                name,
                true,
                Long.parseLong(summary.getOrDefault("total-records", "0")),
                Long.parseLong(summary.getOrDefault("total-data-files", "0")),
                Optional.of(snapshot.snapshotId()),
                Optional.of(Instant.ofEpochMilli(snapshot.timestampMillis())),
                SnapshotSummary.latestWatermark(table),
                SnapshotSummary.cityWatermarks(table));
    }

    /** Dead letters counted by feed and reason code: "feed/REASON" → count, sorted. */
    public static Map<String, Long> deadLettersByReason(Lake lake) {
        Map<String, Long> counts = new TreeMap<>();
        TableIdentifier id = TableIdentifier.parse(TableRegistry.DEAD_LETTER);
        if (!lake.catalog().tableExists(id)) {
            return counts;
        }
        Table table = lake.catalog().loadTable(id);
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table).select("feed", "reason").build()) {
            for (Record row : rows) {
                counts.merge(row.getField("feed") + "/" + row.getField("reason"), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TableRegistry.DEAD_LETTER, e);
        }
        return counts;
    }
}
