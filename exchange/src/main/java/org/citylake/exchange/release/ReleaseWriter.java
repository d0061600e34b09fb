package org.citylake.exchange.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.exchange.product.Product;

/**
 * Writes the files of a release into its folder: {@code <product>.parquet}, {@code <product>.csv},
 * {@code schema.json} and {@code SHA256SUMS}. Every byte is a function of the rows and the release
 * id only (no clock, no host, no random file names), so writing a release again gives the same
 * files: Parquet by Iceberg's generic writer with fixed settings (its footer holds the writer's
 * version string and the Iceberg schema, no time), CSV by commons-csv with RFC 4180 quoting and
 * ISO-8601 UTC instants, JSON by Jackson with ordered keys.
 */
public final class ReleaseWriter {

    static final String SCHEMA_FILE = "schema.json";
    static final String CHECKSUMS_FILE = "SHA256SUMS";
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ReleaseWriter() {}

    /** Writes the release files under {@code folder} and returns them (the checksums file last). */
    public static List<ReleaseFile> write(
            FileIO io,
            String folder,
            Product product,
            String releaseId,
            String sourceTable,
            long snapshotId,
            ReleaseRows release) {
        List<ReleaseFile> files = new ArrayList<>();
        String base = product.id();
        files.add(parquet(io, folder + "/" + base + ".parquet", release));
        files.add(put(io, folder + "/" + base + ".csv", "csv", "text/csv", csv(release)));
        files.add(
                put(
                        io,
                        folder + "/" + SCHEMA_FILE,
                        "schema",
                        "application/json",
                        schemaJson(product, releaseId, sourceTable, snapshotId, release)));
        StringBuilder sums = new StringBuilder();
        for (ReleaseFile f : files) {
            sums.append(f.sha256()).append("  ").append(f.name()).append('\n');
        }
        files.add(
                put(
                        io,
                        folder + "/" + CHECKSUMS_FILE,
                        "checksums",
                        "text/plain",
                        sums.toString().getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    private static ReleaseFile parquet(FileIO io, String location, ReleaseRows release) {
        OutputFile out = io.newOutputFile(location);
        try (FileAppender<Record> appender =
                Parquet.write(out)
                        .schema(release.schema())
                        .createWriterFunc(GenericParquetWriter::create)
                        .set("write.parquet.compression-codec", "zstd")
                        .overwrite()
                        .build()) {
            appender.addAll(release.rows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
        byte[] bytes = read(io, location);
        return new ReleaseFile(
                name(location),
                "parquet",
                "application/vnd.apache.parquet",
                sha256(bytes),
                bytes.length,
                location);
    }

    /** The CSV of the rows: a header, RFC 4180 quoting, empty for null, instants in UTC. */
    public static byte[] csv(ReleaseRows release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<NestedField> columns = release.schema().columns();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                CSVPrinter printer =
                        new CSVPrinter(
                                writer,
                                CSVFormat.RFC4180
                                        .builder()
                                        .setRecordSeparator("\n")
                                        .setHeader(
                                                columns.stream()
                                                        .map(NestedField::name)
                                                        .toArray(String[]::new))
                                        .get())) {
            for (Record row : release.rows()) {
                List<String> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    values.add(text(row.get(i)));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render CSV", e);
        }
        return bytes.toByteArray();
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
        }
        return value.toString();
    }

    private static byte[] schemaJson(
            Product product,
            String releaseId,
            String sourceTable,
            long snapshotId,
            ReleaseRows release) {
        ObjectNode root = JSON.createObjectNode();
        root.put("product", product.id());
        root.put("productVersion", product.version());
        root.put("release", releaseId);
        root.put("sourceTable", sourceTable);
        root.put("sourceSnapshotId", snapshotId);
        root.put("rows", release.rows().size());
        root.put("suppressedGroups", release.suppressed());
        root.put("k", product.anonymisation().k());
        if (product.anonymisation().contributorsAre() != null) {
            root.put("contributorsAre", product.anonymisation().contributorsAre());
        }
        root.put("temporalGranularity", product.granularity().temporal());
        root.put("spatialGranularity", product.granularity().spatial());
        ArrayNode columns = root.putArray("columns");
        for (NestedField field : release.schema().columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", field.name());
            c.put("type", field.type().toString());
            c.put("doc", field.doc());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReleaseFile put(
            FileIO io, String location, String format, String mediaType, byte[] bytes) {
        try (PositionOutputStream out = io.newOutputFile(location).createOrOverwrite()) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
        return new ReleaseFile(
                name(location), format, mediaType, sha256(bytes), bytes.length, location);
    }

    public static byte[] read(FileIO io, String location) {
        try (InputStream in = io.newInputFile(location).newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    /** Copies the file at {@code location} to {@code out}. */
    public static void copy(FileIO io, String location, OutputStream out) throws IOException {
        try (InputStream in = io.newInputFile(location).newStream()) {
            in.transferTo(out);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
