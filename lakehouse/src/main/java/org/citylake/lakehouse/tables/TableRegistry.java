package org.citylake.lakehouse.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.ColumnType;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;

/**
 * Every table of the lake, by namespace:
 *
 * <ul>
 *   <li>{@code raw.<feed>} — payloads as received, with their source position. Audit and replay.
 *   <li>{@code clean.<entity>} — one row per unique valid reading, typed, units in the column docs.
 *   <li>{@code ref.*} — the assets readings refer to (road segments, stations, lots, bins, lamps).
 *   <li>{@code gold.*} — analytics results; each job replaces whole partitions atomically.
 *   <li>{@code ops.dead_letter} — every refused reading with its reason code; {@code ops.job_runs}.
 * </ul>
 *
 * Every table carries {@code city} so one lake holds many cities. {@link #createAll} is idempotent.
 *
 * <p>The {@code raw} and {@code clean} tables (and the {@code ref} tables a descriptor defines)
 * come from the feed descriptors of a {@link FeedCatalog}: {@link #get()} holds the built-in feeds,
 * {@link #of(FeedCatalog)} a lake's own.
 */
public final class TableRegistry {

    public static final String CITY = "city";
    public static final String ENTITY_ID = "entity_id";
    public static final String OBSERVED_AT = "observed_at";
    public static final String IS_LATE = "is_late";
    public static final String SOURCE_POSITION = "source_position";
    public static final String INGESTED_AT = "ingested_at";
    public static final String RECEIVED_AT = "received_at";
    public static final String PAYLOAD = "payload";

    /**
     * How {@code ref.segment_districts} chose a segment's district (was {@code method}, reserved in
     * Flink SQL).
     */
    public static final String ASSIGNMENT_METHOD = "assignment_method";

    public static final String DEAD_LETTER = "ops.dead_letter";
    public static final String JOB_RUNS = "ops.job_runs";
    public static final String CITIES = "ref.cities";

    private static final Type TS = Types.TimestampType.withZone();

    public static final Map<String, String> COMMON_PROPERTIES =
            Map.of(
                    "format-version", "2",
                    "write.parquet.compression-codec", "zstd",
                    "write.metadata.delete-after-commit.enabled", "true",
                    "write.metadata.previous-versions-max", "100",
                    "commit.retry.num-retries", "10",
                    "write.target-file-size-bytes", String.valueOf(128L * 1024 * 1024));

    /**
     * Raw tables hold distinct payloads and positions: Parquet's dictionary encoder would hash and
     * compare every one of them only to fall back to plain encoding (seen in the ingest bench's
     * profile).
     */
    static final Map<String, String> RAW_PROPERTIES = withoutDictionary(COMMON_PROPERTIES);

    private static Map<String, String> withoutDictionary(Map<String, String> common) {
        Map<String, String> props = new LinkedHashMap<>(common);
        props.put("parquet.enable.dictionary", "false");
        return Collections.unmodifiableMap(props);
    }

    private final Map<String, TableDef> tables = new LinkedHashMap<>();
    private final FeedCatalog feeds;

    private TableRegistry(FeedCatalog feeds) {
        this.feeds = feeds;
        for (FeedDescriptor feed : feeds.feeds()) {
            add(raw(feed));
        }
        for (EntityDescriptor type : feeds.entities()) {
            add(clean(type));
        }
        refTables().forEach(this::add);
        for (EntityDescriptor type : feeds.entities()) {
            String ref = type.refTable().orElse(null);
            if (ref != null && !tables.containsKey(ref)) {
                add(descriptorRef(type));
            } else if (ref != null && !type.sensor().refColumns().isEmpty()) {
                throw new IllegalArgumentException(
                        "entity "
                                + type.type()
                                + " defines the columns of "
                                + ref
                                + ", which is defined already; drop its \"refColumns\"");
            }
        }
        for (TableSet set : ServiceLoader.load(TableSet.class, TableSet.class.getClassLoader())) {
            set.tables().forEach(this::add);
        }
        add(deadLetter());
        add(jobRuns());
    }

    private static final class BuiltIn {
        static final TableRegistry INSTANCE = new TableRegistry(FeedCatalog.builtIn());
    }

    /** The tables of the built-in feeds, the ref, gold and ops tables. */
    public static TableRegistry get() {
        return BuiltIn.INSTANCE;
    }

    /** The tables of {@code feeds}, the ref, gold and ops tables. */
    public static TableRegistry of(FeedCatalog feeds) {
        return feeds == FeedCatalog.builtIn() ? get() : new TableRegistry(feeds);
    }

    public FeedCatalog feeds() {
        return feeds;
    }

    public List<TableDef> all() {
        return List.copyOf(tables.values());
    }

    public TableDef table(String name) {
        TableDef def = tables.get(name);
        if (def == null) {
            throw new IllegalArgumentException(
                    "no table '" + name + "' in the registry; known: " + tables.keySet());
        }
        return def;
    }

    public Optional<TableDef> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** Creates every missing namespace and table; existing tables are left as they are. */
    public List<String> createAll(Catalog catalog) {
        return createAll(catalog, note -> {});
    }

    /**
     * As {@link #createAll(Catalog)}; {@code changes} hears each change made to an existing table
     * (columns renamed or added), e.g. {@code clean.noise_level: added lceq_db (double)}.
     */
    public List<String> createAll(Catalog catalog, java.util.function.Consumer<String> changes) {
        List<String> created = new ArrayList<>();
        for (TableDef def : tables.values()) {
            Namespace ns = def.id().namespace();
            if (catalog instanceof SupportsNamespaces namespaces
                    && !namespaces.namespaceExists(ns)) {
                try {
                    namespaces.createNamespace(ns);
                } catch (org.apache.iceberg.exceptions.AlreadyExistsException raced) {
                    // another writer created it first: fine
                }
            }
            if (!catalog.tableExists(def.id())) {
                Map<String, String> props = new LinkedHashMap<>(def.properties());
                props.put("comment", def.description());
                catalog.createTable(def.id(), def.schema(), def.spec(), props);
                created.add(def.name());
            } else {
                Table table = catalog.loadTable(def.id());
                renameColumns(table, def).forEach(c -> changes.accept(def.name() + ": " + c));
                addColumns(table, def).forEach(c -> changes.accept(def.name() + ": " + c));
                alignDocs(table, def).forEach(c -> changes.accept(def.name() + ": " + c));
                alignProperties(table, def);
            }
        }
        return Collections.unmodifiableList(created);
    }

    /**
     * Renames, in place and in one commit, the columns an existing table still has under a former
     * name, giving them their doc as defined now (Iceberg renames by field id: no data file is
     * rewritten, no row is lost).
     *
     * <p>A partition field keeps the name it was given at creation (for an identity partition, the
     * column's name then): partitions refer to their column by id, so filters on the renamed column
     * still prune. Renaming the partition field too would make a new partition spec, and a batch
     * job's {@code ReplacePartitions} only replaces files of the spec it writes: a re-run of a
     * period written before the upgrade would add its rows beside the old ones.
     */
    private static List<String> renameColumns(Table table, TableDef def) {
        org.apache.iceberg.UpdateSchema update = null;
        List<String> done = new ArrayList<>();
        for (var rename : def.formerNames().entrySet()) {
            NestedField former = table.schema().findField(rename.getKey());
            if (former != null && table.schema().findField(rename.getValue()) == null) {
                update = update == null ? table.updateSchema() : update;
                update.renameColumn(rename.getKey(), rename.getValue());
                done.add("renamed " + rename.getKey() + " to " + rename.getValue());
                String doc = def.schema().findField(rename.getValue()).doc();
                if (doc != null && !doc.equals(former.doc())) {
                    // changes are named as in the table's schema before this commit
                    update.updateColumnDoc(rename.getKey(), doc);
                }
            }
        }
        if (update != null) {
            update.commit();
        }
        return done;
    }

    /**
     * Adds, in place and in one commit, the optional columns a definition has gained since its
     * table was created (a descriptor's new optional attribute): Iceberg schema evolution, nothing
     * rewritten, existing rows read null. A column whose type changed, or a new required column,
     * cannot be added to rows already written: the error says so.
     */
    private static List<String> addColumns(Table table, TableDef def) {
        org.apache.iceberg.UpdateSchema update = null;
        List<String> done = new ArrayList<>();
        for (NestedField field : def.schema().columns()) {
            NestedField existing = table.schema().findField(field.name());
            if (existing == null) {
                if (field.isRequired()) {
                    throw new IllegalStateException(
                            def.name()
                                    + ": column "
                                    + field.name()
                                    + " is new and required, but the table holds rows without"
                                    + " it; make it optional (not \"required\")");
                }
                update = update == null ? table.updateSchema() : update;
                update.addColumn(field.name(), field.type(), field.doc());
                done.add("added " + field.name() + " (" + field.type() + ")");
            } else if (!existing.type().equals(field.type())
                    && !(existing.type().equals(Types.IntegerType.get())
                            && field.type().equals(Types.LongType.get()))) {
                throw new IllegalStateException(
                        def.name()
                                + ": column "
                                + field.name()
                                + " is "
                                + existing.type()
                                + " in the lake but "
                                + field.type()
                                + " in its definition; a column's type cannot change: give the"
                                + " new one another name");
            } else if (!existing.type().equals(field.type())) {
                update = update == null ? table.updateSchema() : update;
                update.updateColumn(field.name(), Types.LongType.get());
                done.add("widened " + field.name() + " to long");
            }
        }
        if (update != null) {
            update.commit();
        }
        return done;
    }

    /**
     * Gives existing columns the docs their definition holds now, in place and in one commit (a
     * metadata change only; Trino's {@code DESCRIBE} shows the new text at once).
     */
    private static List<String> alignDocs(Table table, TableDef def) {
        org.apache.iceberg.UpdateSchema update = null;
        List<String> documented = new ArrayList<>();
        for (NestedField field : def.schema().columns()) {
            NestedField existing = table.schema().findField(field.name());
            if (existing != null && field.doc() != null && !field.doc().equals(existing.doc())) {
                update = update == null ? table.updateSchema() : update;
                update.updateColumnDoc(field.name(), field.doc());
                documented.add(field.name());
            }
        }
        if (update != null) {
            update.commit();
        }
        return documented.isEmpty()
                ? List.of()
                : List.of("documented " + String.join(", ", documented));
    }

    /** Sets write properties added to a definition since its table was created; one commit. */
    private static void alignProperties(Table table, TableDef def) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (!def.description().equals(table.properties().get("comment"))) {
            missing.put("comment", def.description());
        }
        def.properties()
                .forEach(
                        (key, value) -> {
                            // the format version is table metadata, not a property to re-set
                            if (!key.equals("format-version")
                                    && !value.equals(table.properties().get(key))) {
                                missing.put(key, value);
                            }
                        });
        if (!missing.isEmpty()) {
            UpdateProperties update = table.updateProperties();
            missing.forEach(update::set);
            update.commit();
        }
    }

    private void add(TableDef def) {
        tables.put(def.name(), def);
    }

    private static TableDef raw(FeedDescriptor feed) {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city the feed belongs to"),
                        req(PAYLOAD, Types.StringType.get(), "the message exactly as received"),
                        req(
                                SOURCE_POSITION,
                                Types.StringType.get(),
                                "where it came from: file:line or topic/partition@offset"),
                        req(RECEIVED_AT, TS, "when CityLake read the message"));
        PartitionSpec spec =
                PartitionSpec.builderFor(schema).identity(CITY).day(RECEIVED_AT).build();
        return new TableDef(
                TableIdentifier.parse(feed.rawTable()),
                schema,
                spec,
                RAW_PROPERTIES,
                "Raw "
                        + feed.id()
                        + " feed messages as received, for audit and replay"
                        + (feed.description().isEmpty() ? "" : " (" + feed.description() + ")"));
    }

    private static TableDef clean(EntityDescriptor type) {
        List<NestedField> fields = new ArrayList<>();
        fields.add(req(CITY, Types.StringType.get(), "city the reading belongs to"));
        fields.add(req(ENTITY_ID, Types.StringType.get(), "NGSI entity id of the observation"));
        fields.add(req(OBSERVED_AT, TS, "observation time (start of the interval for intervals)"));
        fields.addAll(measures(type));
        fields.add(
                req(
                        IS_LATE,
                        Types.BooleanType.get(),
                        "true when the reading arrived behind its city's event-time watermark"));
        fields.add(
                req(
                        SOURCE_POSITION,
                        Types.StringType.get(),
                        "file:line or topic/partition@offset"));
        fields.add(req(INGESTED_AT, TS, "when CityLake accepted the reading"));
        Schema schema = schema(fields.toArray(NestedField[]::new));
        return new TableDef(
                TableIdentifier.parse(type.cleanTable()),
                schema,
                cleanSpec(schema, type),
                COMMON_PROPERTIES,
                type.description());
    }

    /**
     * City, then time, as the descriptor says: by day for the high-rate feeds (every traffic
     * detector or lamp of a city reports many times an hour, 10^5..10^6 readings a day), by month
     * for the rest (a handful of stations, garages or bins: day partitions would hold one tiny file
     * each).
     */
    static PartitionSpec cleanSpec(Schema schema, EntityDescriptor type) {
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema).identity(CITY);
        return type.partition().equals(EntityDescriptor.DAY)
                ? spec.day(OBSERVED_AT).build()
                : spec.month(OBSERVED_AT).build();
    }

    /**
     * Descriptor-defined columns of a clean table: the sensor (required), the interval length, the
     * measured columns.
     */
    static List<NestedField> measures(EntityDescriptor type) {
        List<NestedField> fields = new ArrayList<>();
        fields.add(req(type.sensorColumn(), Types.StringType.get(), type.sensor().comment()));
        String length = type.observedAt().lengthColumn();
        if (length != null && type.column(length).isEmpty()) {
            String comment = type.observedAt().lengthComment();
            fields.add(
                    opt(
                            type.observedAt().lengthColumn(),
                            Types.IntegerType.get(),
                            comment == null ? "length of the observation interval, s" : comment));
        }
        for (ColumnSpec column : type.columns()) {
            if (column.name().equals(length)) {
                String comment =
                        !column.comment().isEmpty()
                                ? column.comment()
                                : type.observedAt().lengthComment() == null
                                        ? "length of the observation interval, s"
                                        : type.observedAt().lengthComment();
                fields.add(opt(length, Types.IntegerType.get(), cleanDoc(type, column, comment)));
                continue;
            }
            Type columnType = icebergType(column.type());
            String doc = cleanDoc(type, column, column.comment());
            fields.add(
                    column.required()
                            ? req(column.name(), columnType, doc)
                            : opt(column.name(), columnType, doc));
        }
        return fields;
    }

    /**
     * A clean column's doc: the descriptor's comment, its canonical unit when the comment does not
     * name it, and its source, e.g. {@code PM2.5, µg/m³ (FIWARE AirQualityObserved.pm25)} or {@code
     * occupied / total, 0..1 (derived: occupied_spots / total_spots)}.
     */
    static String cleanDoc(EntityDescriptor type, ColumnSpec column, String comment) {
        StringBuilder doc = new StringBuilder(comment.isEmpty() ? column.name() : comment);
        String unit = column.shownUnit();
        if (!unit.isEmpty() && !comment.contains(unit)) {
            doc.append(", ").append(unit);
        }
        List<String> sources = new ArrayList<>();
        if (column.attribute() != null) {
            sources.add("FIWARE " + type.type() + "." + column.attribute());
        }
        if (column.fallback() != null) {
            sources.add("else " + column.fallback());
        }
        if (column.derive() != null) {
            sources.add(
                    (column.attribute() == null ? "derived: " : "else derived: ")
                            + column.derive().strip());
        }
        if (!sources.isEmpty()) {
            doc.append(" (").append(String.join("; ", sources)).append(')');
        }
        return doc.toString();
    }

    public static Type icebergType(ColumnType type) {
        return switch (type) {
            case TEXT -> Types.StringType.get();
            case INT -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case DOUBLE -> Types.DoubleType.get();
            case BOOLEAN -> Types.BooleanType.get();
            case TIMESTAMP -> TS;
        };
    }

    /** A ref table a descriptor defines: id, then its columns (default name, lon, lat). */
    private static TableDef descriptorRef(EntityDescriptor type) {
        List<NestedField> columns = new ArrayList<>();
        if (type.sensor().refColumns().isEmpty()) {
            columns.add(opt("name", Types.StringType.get(), "display name of the asset"));
            columns.add(opt("lon", Types.DoubleType.get(), "longitude, WGS84"));
            columns.add(opt("lat", Types.DoubleType.get(), "latitude, WGS84"));
        } else {
            for (ColumnSpec column : type.sensor().refColumns()) {
                columns.add(opt(column.name(), icebergType(column.type()), column.comment()));
            }
        }
        String description = type.sensor().refDescription();
        return ref(
                type.sensor().ref(),
                description == null ? "Assets " + type.type() + " readings refer to" : description,
                columns.toArray(NestedField[]::new));
    }

    private static List<TableDef> refTables() {
        List<TableDef> defs = new ArrayList<>();
        defs.add(cities());
        defs.add(
                ref(
                        "road_segments",
                        "Road segments traffic sensors report on",
                        opt("name", Types.StringType.get(), "human-readable name"),
                        opt("road_class", Types.StringType.get(), "road class, e.g. MAJOR_ROAD"),
                        opt(
                                "geometry_wkt",
                                Types.StringType.get(),
                                "LineString, WGS84 lon/lat, WKT"),
                        opt("length_m", Types.DoubleType.get(), "length along the geometry, m"),
                        opt(
                                "free_flow_time_s",
                                Types.DoubleType.get(),
                                "nominal (free-flow) travel time, s"),
                        opt(
                                "free_flow_speed_kmh",
                                Types.DoubleType.get(),
                                "nominal (free-flow) speed, km/h")));
        defs.add(
                ref(
                        "air_stations",
                        "Air-quality monitoring stations",
                        opt("name", Types.StringType.get(), "station name"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84")));
        defs.add(
                ref(
                        "parking_lots",
                        "Off-street parking garages and lots",
                        opt("name", Types.StringType.get(), "lot name"),
                        opt("total_spots", Types.IntegerType.get(), "capacity, spots"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84")));
        defs.add(
                ref(
                        "waste_containers",
                        "Waste containers (bins)",
                        opt("name", Types.StringType.get(), "site name"),
                        opt("category", Types.StringType.get(), "waste category"),
                        opt("capacity_l", Types.DoubleType.get(), "capacity, litres"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84"),
                        opt(
                                "street",
                                Types.StringType.get(),
                                "the street the bin stands on, as the source names it"),
                        opt(
                                "collection_round",
                                Types.StringType.get(),
                                "the collection round (area) the bin belongs to; one vehicle"
                                        + " collects it"),
                        opt(
                                "network_street",
                                Types.StringType.get(),
                                "the street network's street the bin was placed on (`citylake"
                                        + " waste place`): OSM name, or 'way <id>' when unnamed"),
                        opt(
                                "network_way_id",
                                Types.LongType.get(),
                                "the OSM way the bin was placed on")));
        defs.add(
                ref(
                        "waste_vehicles",
                        "Waste collection vehicles (one per collection round)",
                        opt("name", Types.StringType.get(), "vehicle name"),
                        opt(
                                "depot_id",
                                Types.StringType.get(),
                                "ref.waste_depots id it starts from"),
                        opt("collection_round", Types.StringType.get(), "the round it collects"),
                        opt("capacity_kg", Types.DoubleType.get(), "payload, kg"),
                        opt("capacity_l", Types.DoubleType.get(), "body volume, litres"),
                        opt(
                                "categories",
                                Types.StringType.get(),
                                "waste categories it collects, comma-separated")));
        defs.add(
                ref(
                        "waste_depots",
                        "Depots waste collection vehicles start from and return to",
                        opt("name", Types.StringType.get(), "depot name"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84"),
                        opt("network_street", Types.StringType.get(), "street it stands on")));
        defs.add(
                ref(
                        "disposal_sites",
                        "Disposal sites (household waste recycling centres) residents bring waste"
                                + " to and vehicles unload at",
                        opt("name", Types.StringType.get(), "site name"),
                        opt(
                                "categories",
                                Types.StringType.get(),
                                "waste categories accepted, comma-separated"),
                        opt(
                                "opening_hours",
                                Types.StringType.get(),
                                "opening hours, OSM opening_hours syntax, e.g. Mo-Su 08:00-19:30"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84"),
                        opt("network_street", Types.StringType.get(), "street it stands on")));
        defs.add(
                ref(
                        "streetlights",
                        "Street lamps (generated along lit OSM ways by `citylake lighting inventory`)",
                        opt(
                                "segment_id",
                                Types.StringType.get(),
                                "ref.lit_segments id the lamp lights"),
                        opt(
                                "cabinet_id",
                                Types.StringType.get(),
                                "ref.streetlight_cabinets id feeding the lamp"),
                        opt("rated_power_w", Types.DoubleType.get(), "rated system power, W"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84"),
                        opt("technology", Types.StringType.get(), "lamp technology: LED or HPS"),
                        opt(
                                "circuit_id",
                                Types.StringType.get(),
                                "the cabinet's circuit the lamp hangs on")));
        defs.add(
                ref(
                        "streetlight_cabinets",
                        "Street-lighting control cabinets (each meters the circuits it feeds)",
                        opt("name", Types.StringType.get(), "cabinet name"),
                        opt("lon", Types.DoubleType.get(), "longitude, WGS84"),
                        opt("lat", Types.DoubleType.get(), "latitude, WGS84"),
                        opt("district_id", Types.StringType.get(), "ref.districts district_id"),
                        opt("circuits", Types.IntegerType.get(), "circuits the cabinet feeds"),
                        opt("lamps", Types.IntegerType.get(), "lamps the cabinet feeds")));
        defs.add(
                ref(
                        "lit_segments",
                        "Lit road segments (OSM ways) the street lamps light",
                        opt("name", Types.StringType.get(), "street name (OSM name)"),
                        opt(
                                "road_class",
                                Types.StringType.get(),
                                "OSM highway value, e.g. primary, residential"),
                        opt(
                                "lit",
                                Types.StringType.get(),
                                "'yes' when tagged lit=yes, 'assumed' when lit by its road class"),
                        opt("lanes", Types.IntegerType.get(), "OSM lanes, when tagged"),
                        opt("width_m", Types.DoubleType.get(), "carriageway width when tagged, m"),
                        opt(
                                "length_m",
                                Types.DoubleType.get(),
                                "length in the city's metric CRS, m"),
                        opt(
                                "geometry_wkt",
                                Types.StringType.get(),
                                "LineString, WGS84 lon/lat, WKT"),
                        opt("district_id", Types.StringType.get(), "ref.districts district_id")));
        defs.add(
                cityRef(
                        "districts",
                        "City districts (areas road segments and assets are assigned to)",
                        req("district_id", Types.StringType.get(), "district id within the city"),
                        opt("name", Types.StringType.get(), "district name"),
                        opt(
                                "geometry_wkt",
                                Types.StringType.get(),
                                "Polygon or MultiPolygon, WGS84 lon/lat, WKT"),
                        opt(
                                "area_km2",
                                Types.DoubleType.get(),
                                "area, km² (in the city's UTM zone)")));
        defs.add(
                cityRef(
                                "segment_districts",
                                "The one district of each road segment: the district holding the largest"
                                        + " share of its length (computed by ref load)",
                                req("segment_id", Types.StringType.get(), "ref.road_segments id"),
                                req(
                                        "district_id",
                                        Types.StringType.get(),
                                        "ref.districts district_id, or 'outside' when in no district"),
                                opt(
                                        "district_name",
                                        Types.StringType.get(),
                                        "district name; 'outside' when in no district"),
                                req(
                                        "share_in_district",
                                        Types.DoubleType.get(),
                                        "share of the segment's length inside the district, 0..1"),
                                req(
                                        ASSIGNMENT_METHOD,
                                        Types.StringType.get(),
                                        "'length-overlap', or 'outside' when no length is in any district"))
                        .renamedFrom("method", ASSIGNMENT_METHOD));
        return defs;
    }

    /**
     * {@value #CITIES}: the city registry, one row per city (see {@code org.citylake.model.City});
     * every job takes a city's zone, CRS and policy from it.
     */
    private static TableDef cities() {
        return cityRef(
                "cities",
                "The city registry: every city's zone, centroid, metric CRS and policies;"
                        + " loaded from <feeds>/<city>/ref/cities.jsonl or `citylake city add`",
                req("name", Types.StringType.get(), "display name, e.g. Aarhus"),
                opt("country", Types.StringType.get(), "ISO 3166-1 alpha-2 country code, e.g. DK"),
                req(
                        "time_zone",
                        Types.StringType.get(),
                        "IANA time zone, e.g. Europe/Copenhagen: local days and timestamps sent"
                                + " without an offset are read in it"),
                req("lon", Types.DoubleType.get(), "centroid longitude, WGS84"),
                req("lat", Types.DoubleType.get(), "centroid latitude, WGS84"),
                req(
                        "crs",
                        Types.StringType.get(),
                        "metric CRS lengths and areas are measured in, EPSG:<code> (default: the"
                                + " UTM zone of the centroid)"),
                req(
                        "peak_days",
                        Types.StringType.get(),
                        "days whose peak hours count, e.g. MON-FRI"),
                req(
                        "peak_hours",
                        Types.StringType.get(),
                        "peak hours, local, half-open ranges, e.g. 06-10,15-19"),
                req(
                        "night_hours",
                        Types.StringType.get(),
                        "the night whose speeds give free flow, local, e.g. 22-05"));
    }

    private static TableDef ref(String name, String description, NestedField... extra) {
        List<NestedField> fields = new ArrayList<>();
        fields.add(req("id", Types.StringType.get(), "asset id, as referenced by readings"));
        fields.addAll(List.of(extra));
        return cityRef(name, description, fields.toArray(NestedField[]::new));
    }

    /** A ref table of {@code city} plus the given columns, partitioned by city. */
    private static TableDef cityRef(String name, String description, NestedField... columns) {
        List<NestedField> fields = new ArrayList<>();
        fields.add(req(CITY, Types.StringType.get(), "city the asset belongs to"));
        fields.addAll(List.of(columns));
        Schema schema = schema(fields.toArray(NestedField[]::new));
        return new TableDef(
                TableIdentifier.of("ref", name),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).build(),
                COMMON_PROPERTIES,
                description);
    }

    private static TableDef deadLetter() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the source"),
                        req("feed", Types.StringType.get(), "feed the message came in on"),
                        req(
                                "reason",
                                Types.StringType.get(),
                                "rejection reason code (RejectReason)"),
                        req("detail", Types.StringType.get(), "what was wrong, where"),
                        req(PAYLOAD, Types.StringType.get(), "the message exactly as received"),
                        req(
                                SOURCE_POSITION,
                                Types.StringType.get(),
                                "file:line or topic/partition@offset"),
                        req(RECEIVED_AT, TS, "when CityLake read the message"),
                        opt(
                                "entity_type",
                                Types.StringType.get(),
                                "NGSI type, when it could be read"),
                        opt(ENTITY_ID, Types.StringType.get(), "NGSI id, when it could be read"),
                        opt(OBSERVED_AT, TS, "observation time, when it could be read"));
        return new TableDef(
                TableIdentifier.parse(DEAD_LETTER),
                schema,
                PartitionSpec.builderFor(schema).identity("feed").day(RECEIVED_AT).build(),
                COMMON_PROPERTIES,
                "Every refused reading with the reason it was refused; nothing is dropped silently");
    }

    private static TableDef jobRuns() {
        Schema schema =
                schema(
                        req("run_id", Types.StringType.get(), "unique id of the run"),
                        req("job", Types.StringType.get(), "job name, e.g. ingest"),
                        req("started_at", TS, "start time"),
                        opt("finished_at", TS, "end time"),
                        req("status", Types.StringType.get(), "SUCCEEDED or FAILED"),
                        opt(CITY, Types.StringType.get(), "city, when the run is for one city"),
                        opt(
                                "parameters",
                                Types.StringType.get(),
                                "the run's parameters, key=value"),
                        opt("rows_in", Types.LongType.get(), "rows read"),
                        opt("rows_out", Types.LongType.get(), "rows written"),
                        opt("detail", Types.StringType.get(), "error message or summary"));
        return new TableDef(
                TableIdentifier.parse(JOB_RUNS),
                schema,
                PartitionSpec.unpartitioned(),
                COMMON_PROPERTIES,
                "One row per job run");
    }

    public static Schema schema(NestedField... fields) {
        // Field ids are assigned in order; Iceberg reassigns them on create anyway.
        List<NestedField> numbered = new ArrayList<>();
        int id = 1;
        for (NestedField f : fields) {
            numbered.add(
                    f.isOptional()
                            ? optional(id++, f.name(), f.type(), f.doc())
                            : required(id++, f.name(), f.type(), f.doc()));
        }
        return new Schema(numbered);
    }

    public static NestedField req(String name, Type type, String doc) {
        return required(0, name, type, doc);
    }

    public static NestedField opt(String name, Type type, String doc) {
        return optional(0, name, type, doc);
    }
}
