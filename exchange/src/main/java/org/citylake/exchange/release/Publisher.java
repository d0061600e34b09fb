package org.citylake.exchange.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.SnapshotUtil;
import org.citylake.exchange.Audit;
import org.citylake.exchange.ExchangeKey;
import org.citylake.exchange.ExchangeOptions;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.Pseudonyms;
import org.citylake.exchange.product.Product;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.tables.TableDef;

/**
 * {@code citylake exchange publish}: builds a product's release pinned to one snapshot of its
 * source table, writes its files and records it.
 *
 * <pre>
 *   source snapshot (current, --as-of id or time) ─► release id = product-version-digest(product, snapshot)
 *     │ already in exchange.releases? ─► no-op (--force: write the files again, compare checksums)
 *     ▼
 *   ReleaseBuilder ─► ReleaseWriter: &lt;location&gt;/&lt;product&gt;/&lt;release&gt;/{.parquet,.csv,schema.json,SHA256SUMS}
 *     ▼
 *   exchange.&lt;product&gt;: replace the release's partition (Trino) ─► exchange.releases: one row per file
 *     ▼
 *   exchange.audit: publish
 * </pre>
 *
 * The release id is a digest of the product file and the snapshot, so the same inputs always make
 * the same release; the files are written before anything is committed, and the release table's
 * rows replace its partition, so a publish that fails half-way leaves no release behind and can
 * simply be run again.
 */
public final class Publisher {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(
                            com.fasterxml.jackson.databind.SerializationFeature
                                    .ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * What a publish did.
     *
     * @param releaseId the release
     * @param created true when this run recorded it; false when it existed already
     * @param filesWritten true when files were (re)written
     * @param identical for a forced re-publish: whether every file's checksum equals the recorded
     *     one (null otherwise)
     */
    public record Result(
            String releaseId,
            Product product,
            String sourceTable,
            long snapshotId,
            boolean created,
            boolean filesWritten,
            Boolean identical,
            List<ReleaseFile> files,
            long rows,
            long suppressed,
            String folder) {}

    private Publisher() {}

    /**
     * Publishes {@code product}. {@code asOf} is null (the current snapshot), a snapshot id or an
     * ISO-8601 time (the snapshot current then).
     */
    public static Result publish(Lake lake, Product product, String asOf, boolean force) {
        Table source = lake.table(product.source().table());
        Snapshot snapshot = snapshot(source, product.source().table(), asOf);
        String releaseId = releaseId(product, snapshot.snapshotId());
        Table releases = lake.table(ExchangeTables.RELEASES);
        List<Record> recorded = recordedFiles(releases, releaseId);
        String folder =
                ExchangeOptions.location(lake.config()) + "/" + product.id() + "/" + releaseId;
        if (!recorded.isEmpty() && !force) {
            Audit.record(
                    lake,
                    Audit.Event.cli(
                            "publish", "noop", null, product.id(), releaseId, "already published"));
            return new Result(
                    releaseId,
                    product,
                    product.source().table(),
                    snapshot.snapshotId(),
                    false,
                    false,
                    null,
                    recorded.stream().map(Publisher::file).toList(),
                    (Long) recorded.get(0).getField("row_count"),
                    (Long) recorded.get(0).getField("suppressed_groups"),
                    folder);
        }
        Pseudonyms pseudonyms = new Pseudonyms(ExchangeKey.resolve(lake.config()));
        ReleaseRows rows = ReleaseBuilder.build(product, source, snapshot.snapshotId(), pseudonyms);
        FileIO io = releases.io();
        List<ReleaseFile> files =
                ReleaseWriter.write(
                        io,
                        folder,
                        product,
                        releaseId,
                        product.source().table(),
                        snapshot.snapshotId(),
                        rows);
        if (!recorded.isEmpty()) {
            Map<String, String> before = new LinkedHashMap<>();
            recorded.forEach(
                    r ->
                            before.put(
                                    (String) r.getField("file_name"),
                                    (String) r.getField("sha256")));
            Map<String, String> after = new LinkedHashMap<>();
            files.forEach(f -> after.put(f.name(), f.sha256()));
            boolean identical = before.equals(after);
            Audit.record(
                    lake,
                    Audit.Event.cli(
                            "publish",
                            "ok",
                            null,
                            product.id(),
                            releaseId,
                            "forced re-publish; files "
                                    + (identical ? "byte-identical" : "DIFFER")));
            return new Result(
                    releaseId,
                    product,
                    product.source().table(),
                    snapshot.snapshotId(),
                    false,
                    true,
                    identical,
                    files,
                    rows.rows().size(),
                    rows.suppressed(),
                    folder);
        }
        replaceReleasePartition(lake, product, releaseId, rows);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Record> fileRows = new ArrayList<>();
        for (ReleaseFile f : files) {
            GenericRecord r = GenericRecord.create(releases.schema());
            r.setField(ExchangeTables.RELEASE_ID, releaseId);
            r.setField("product", product.id());
            r.setField("product_version", product.version());
            r.setField("source_table", product.source().table());
            r.setField("source_snapshot_id", snapshot.snapshotId());
            r.setField(
                    "source_committed_at",
                    Instant.ofEpochMilli(snapshot.timestampMillis()).atOffset(ZoneOffset.UTC));
            r.setField("file_name", f.name());
            r.setField("format", f.format());
            r.setField("media_type", f.mediaType());
            r.setField("sha256", f.sha256());
            r.setField("size_bytes", f.bytes());
            r.setField("location", f.location());
            r.setField("row_count", (long) rows.rows().size());
            r.setField("suppressed_groups", rows.suppressed());
            r.setField("published_at", now);
            fileRows.add(r);
        }
        RefTableWriter.append(releases, fileRows);
        Audit.record(
                lake,
                Audit.Event.cli(
                        "publish",
                        "ok",
                        null,
                        product.id(),
                        releaseId,
                        rows.rows().size()
                                + " rows from "
                                + product.source().table()
                                + "@"
                                + snapshot.snapshotId()
                                + ", "
                                + rows.suppressed()
                                + " groups below k withheld"));
        return new Result(
                releaseId,
                product,
                product.source().table(),
                snapshot.snapshotId(),
                true,
                true,
                null,
                files,
                rows.rows().size(),
                rows.suppressed(),
                folder);
    }

    /** The release id of {@code product} on {@code snapshotId}: a digest of both. */
    public static String releaseId(Product product, long snapshotId) {
        try {
            String inputs =
                    JSON.writeValueAsString(product)
                            + "\n"
                            + product.source().table()
                            + "@"
                            + snapshotId;
            String digest = ReleaseWriter.sha256(inputs.getBytes(StandardCharsets.UTF_8));
            return product.id() + "-" + product.version() + "-" + digest.substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Snapshot snapshot(Table table, String name, String asOf) {
        if (asOf == null || asOf.isBlank()) {
            Snapshot current = table.currentSnapshot();
            if (current == null) {
                throw new IllegalStateException(
                        name
                                + " has no snapshot yet: run the job that fills it (see `citylake"
                                + " run --help`) before publishing");
            }
            return current;
        }
        if (asOf.matches("-?\\d+")) {
            Snapshot s = table.snapshot(Long.parseLong(asOf));
            if (s == null) {
                throw new IllegalArgumentException(
                        "--as-of "
                                + asOf
                                + ": "
                                + name
                                + " has no snapshot with that id (expired, or of another table);"
                                + " `citylake tables` shows its current one");
            }
            return s;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(asOf);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        "--as-of '"
                                + asOf
                                + "': a snapshot id (e.g. 4217730164921372101) or a time with its"
                                + " offset (e.g. 2026-12-01T12:00:00Z)");
            }
        }
        try {
            return table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, at.toEpochMilli()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--as-of " + asOf + ": " + name + " had no snapshot yet at that time", e);
        }
    }

    /** The recorded files of {@code releaseId} (empty when it was never published). */
    public static List<Record> recordedFiles(Table releases, String releaseId) {
        List<Record> out = new ArrayList<>();
        releases.refresh();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(releases)
                        .where(Expressions.equal(ExchangeTables.RELEASE_ID, releaseId))
                        .build()) {
            for (Record r : rows) {
                if (releaseId.equals(r.getField(ExchangeTables.RELEASE_ID))) {
                    out.add(r.copy());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static ReleaseFile file(Record r) {
        return new ReleaseFile(
                (String) r.getField("file_name"),
                (String) r.getField("format"),
                (String) r.getField("media_type"),
                (String) r.getField("sha256"),
                (Long) r.getField("size_bytes"),
                (String) r.getField("location"));
    }

    private static void replaceReleasePartition(
            Lake lake, Product product, String releaseId, ReleaseRows rows) {
        TableIdentifier id = TableIdentifier.parse(product.releaseTable());
        if (!lake.catalog().tableExists(id)) {
            // a product of the installation's folder: its table is made on first publish
            TableDef def = ExchangeTables.releaseTable(product);
            lake.catalog().createTable(id, def.schema(), def.spec(), def.properties());
        }
        Table table = lake.catalog().loadTable(id);
        var overwrite =
                table.newOverwrite()
                        .overwriteByRowFilter(
                                Expressions.equal(ExchangeTables.RELEASE_ID, releaseId));
        if (!rows.rows().isEmpty()) {
            overwrite.addFile(writeRows(table, releaseId, rows));
        }
        overwrite.set("citylake.exchange.release", releaseId).commit();
    }

    private static DataFile writeRows(Table table, String releaseId, ReleaseRows rows) {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        GenericRecord first = GenericRecord.create(table.schema());
        first.setField(ExchangeTables.RELEASE_ID, releaseId);
        partition.partition(first);
        OutputFileFactory files =
                OutputFileFactory.builderFor(table, 1, System.nanoTime())
                        .operationId(releaseId)
                        .format(FileFormat.PARQUET)
                        .build();
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                files.newOutputFile(partition), FileFormat.PARQUET, partition);
        try (writer) {
            for (Record row : rows.rows()) {
                GenericRecord out = GenericRecord.create(table.schema());
                out.setField(ExchangeTables.RELEASE_ID, releaseId);
                for (var field : rows.schema().columns()) {
                    out.setField(field.name(), row.getField(field.name()));
                }
                writer.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name(), e);
        }
        return writer.toDataFile();
    }
}
