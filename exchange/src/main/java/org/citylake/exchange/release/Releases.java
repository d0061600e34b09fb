package org.citylake.exchange.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.catalog.DcatCatalog;
import org.citylake.lakehouse.Lake;

/** The releases recorded in {@code exchange.releases}, oldest first. */
public final class Releases {

    private Releases() {}

    public static List<DcatCatalog.Release> all(Lake lake) {
        Table table = lake.table(ExchangeTables.RELEASES);
        table.refresh();
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> scan = IcebergGenerics.read(table).build()) {
            scan.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(
                Comparator.comparing((Record r) -> (OffsetDateTime) r.getField("published_at"))
                        .thenComparing(r -> (String) r.getField(ExchangeTables.RELEASE_ID))
                        .thenComparing(r -> (String) r.getField("file_name")));
        Map<String, List<Record>> byRelease = new LinkedHashMap<>();
        rows.forEach(
                r ->
                        byRelease
                                .computeIfAbsent(
                                        (String) r.getField(ExchangeTables.RELEASE_ID),
                                        k -> new ArrayList<>())
                                .add(r));
        List<DcatCatalog.Release> out = new ArrayList<>();
        byRelease.forEach(
                (id, files) -> {
                    Record first = files.get(0);
                    out.add(
                            new DcatCatalog.Release(
                                    id,
                                    (String) first.getField("product"),
                                    (String) first.getField("source_table"),
                                    (Long) first.getField("source_snapshot_id"),
                                    (OffsetDateTime) first.getField("published_at"),
                                    (Long) first.getField("row_count"),
                                    files.stream().map(Publisher::file).toList()));
                });
        return out;
    }
}
