package org.citylake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.citylake.analytics.profile.ProfileTables;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.wololo.geojson.Feature;
import org.wololo.jts2geojson.GeoJSONWriter;

/**
 * One city's day of {@code gold.street_profile} as files for GIS tools: GeoJSON (a feature per road
 * segment, the profile's columns as properties) and GeoParquet 1.1 (the profile's columns and a
 * {@code geometry} column of WKB line strings, with the {@code geo} file metadata: encoding,
 * geometry types, bounding box; lon/lat WGS84, OGC:CRS84, the GeoParquet default CRS).
 */
final class ProfileExport {

    /** The GeoParquet geometry column. */
    static final String GEOMETRY = "geometry";

    static final String GEO_KEY = "geo";

    /** The columns not exported as properties: the geometry goes as the feature's geometry. */
    private static final String WKT = "geometry_wkt";

    /** The day's rows of one city, read at one snapshot, each with its geometry. */
    record Day(String city, LocalDate day, long snapshotId, Schema schema, List<Row> rows) {}

    /** A profile row and its geometry. */
    record Row(Record record, Geometry geometry) {}

    private ProfileExport() {}

    /**
     * The rows of {@code city} on {@code day} at the table's current snapshot.
     *
     * @throws IllegalStateException when the day has no profile: what to run first
     */
    static Day read(LakeConfig config, String city, LocalDate day) throws Exception {
        try (Lake lake = Lake.open(config)) {
            Table table = lake.table(ProfileTables.STREET_PROFILE);
            Snapshot current = table.currentSnapshot();
            List<Row> rows = new ArrayList<>();
            if (current != null) {
                try (CloseableIterable<Record> records =
                        IcebergGenerics.read(table)
                                .useSnapshot(current.snapshotId())
                                .where(
                                        Expressions.and(
                                                Expressions.equal(TableRegistry.CITY, city),
                                                Expressions.equal(
                                                        ProfileTables.LOCAL_DATE,
                                                        (int) day.toEpochDay())))
                                .build()) {
                    WKTReader wkt = new WKTReader();
                    for (Record r : records) {
                        rows.add(new Row(r.copy(), geometry(wkt, r)));
                    }
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException(
                        ProfileTables.STREET_PROFILE
                                + " has no row of "
                                + city
                                + " on "
                                + day
                                + ": run `citylake run profile --city "
                                + city
                                + " --from "
                                + day
                                + " --to "
                                + day
                                + "` first");
            }
            rows.sort(Comparator.comparing(r -> (String) r.record().getField("segment_id")));
            return new Day(city, day, current.snapshotId(), table.schema(), rows);
        }
    }

    private static Geometry geometry(WKTReader reader, Record r) {
        String text = (String) r.getField(WKT);
        if (text == null) {
            return null;
        }
        try {
            return reader.read(text);
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "segment " + r.getField("segment_id") + ": geometry_wkt is not WKT: " + text,
                    e);
        }
    }

    /** The properties of a row: every column but the geometry, dates as ISO text. */
    static Map<String, Object> properties(Schema schema, Record r) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Types.NestedField f : schema.columns()) {
            if (f.name().equals(WKT)) {
                continue;
            }
            Object value = r.getField(f.name());
            properties.put(f.name(), value instanceof LocalDate d ? d.toString() : value);
        }
        return properties;
    }

    /** Writes the day as a GeoJSON FeatureCollection (RFC 7946: lon/lat WGS84). */
    static void writeGeoJson(Day day, Path out) throws IOException {
        GeoJSONWriter writer = new GeoJSONWriter();
        List<Feature> features = new ArrayList<>();
        for (Row row : day.rows()) {
            features.add(
                    new Feature(
                            row.record().getField("segment_id"),
                            row.geometry() == null ? null : writer.write(row.geometry()),
                            properties(day.schema(), row.record())));
        }
        createParent(out);
        Files.writeString(out, writer.write(features).toString(), StandardCharsets.UTF_8);
    }

    /**
     * The exported Parquet schema: the profile's columns without the WKT, then the WKB geometry.
     */
    static Schema parquetSchema(Schema profile) {
        List<Types.NestedField> fields = new ArrayList<>();
        int lastId = 0;
        for (Types.NestedField f : profile.columns()) {
            lastId = Math.max(lastId, f.fieldId());
            if (!f.name().equals(WKT)) {
                fields.add(f);
            }
        }
        fields.add(
                Types.NestedField.optional(
                        lastId + 1,
                        GEOMETRY,
                        Types.BinaryType.get(),
                        "the segment's line, WKB, lon/lat WGS84"));
        return new Schema(fields);
    }

    /** Writes the day as GeoParquet 1.1. */
    static void writeGeoParquet(Day day, Path out) throws IOException {
        Schema schema = parquetSchema(day.schema());
        WKBWriter wkb = new WKBWriter(2);
        Envelope bbox = new Envelope();
        TreeSet<String> types = new TreeSet<>();
        List<Record> records = new ArrayList<>();
        for (Row row : day.rows()) {
            GenericRecord record = GenericRecord.create(schema);
            for (Types.NestedField f : schema.columns()) {
                if (!f.name().equals(GEOMETRY)) {
                    record.setField(f.name(), row.record().getField(f.name()));
                }
            }
            if (row.geometry() != null) {
                record.setField(GEOMETRY, ByteBuffer.wrap(wkb.write(row.geometry())));
                bbox.expandToInclude(row.geometry().getEnvelopeInternal());
                types.add(row.geometry().getGeometryType());
            }
            records.add(record);
        }
        createParent(out);
        Files.deleteIfExists(out);
        try (FileAppender<Record> appender =
                Parquet.write(org.apache.iceberg.Files.localOutput(out.toFile()))
                        .schema(schema)
                        .createWriterFunc(GenericParquetWriter::create)
                        .meta(GEO_KEY, geoMetadata(types, bbox))
                        .meta("citylake.source", sourceOf(day))
                        .build()) {
            appender.addAll(records);
        }
    }

    /** The GeoParquet 1.1 {@code geo} metadata of the geometry column. */
    static String geoMetadata(TreeSet<String> types, Envelope bbox) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode geo = json.createObjectNode();
        geo.put("version", "1.1.0");
        geo.put("primary_column", GEOMETRY);
        ObjectNode column = geo.putObject("columns").putObject(GEOMETRY);
        column.put("encoding", "WKB");
        ArrayNode typeList = column.putArray("geometry_types");
        types.forEach(typeList::add);
        column.put("edges", "planar");
        if (!bbox.isNull()) {
            ArrayNode box = column.putArray("bbox");
            box.add(bbox.getMinX()).add(bbox.getMinY()).add(bbox.getMaxX()).add(bbox.getMaxY());
        }
        try {
            return json.writeValueAsString(geo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the rows came from: table, snapshot, city and day. */
    static String sourceOf(Day day) {
        return ProfileTables.STREET_PROFILE
                + " snapshot "
                + day.snapshotId()
                + ", "
                + day.city()
                + " "
                + day.day();
    }

    private static void createParent(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
