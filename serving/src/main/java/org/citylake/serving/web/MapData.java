package org.citylake.serving.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.geo.Reprojection;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wololo.geojson.Feature;
import org.wololo.geojson.FeatureCollection;
import org.wololo.jts2geojson.GeoJSONWriter;

/**
 * What the planners' map reads from the lake, through the Iceberg API: the city registry, the
 * street network and districts as GeoJSON in WGS84, the KPI values of a layer per segment and day,
 * and a segment's profile with its time series.
 *
 * <p>KPI tables are read once per (table, snapshot, city) and kept: a new commit is a new snapshot,
 * so the map shows it at the next request.
 */
public final class MapData {

    public static final String ROAD_SEGMENTS = "ref.road_segments";
    public static final String LIT_SEGMENTS = "ref.lit_segments";
    public static final String DISTRICTS = "ref.districts";
    public static final String SEGMENT_DISTRICTS = "ref.segment_districts";
    public static final String CONGESTION_RANKING = "gold.congestion_ranking";
    public static final String SEGMENT_CONGESTION = "gold.segment_congestion";
    public static final String LIGHTING_ENERGY = "gold.lighting_energy";
    public static final String STREET_PROFILE = "gold.street_profile";

    private static final String CITY = "city";
    private static final int MAX_CACHED = 64;

    private final Lake lake;
    private final Map<String, KpiRows> cache = new ConcurrentHashMap<>();

    public MapData(Lake lake) {
        this.lake = lake;
    }

    /** Values of one table for one city: day → segment → column → value, numeric columns only. */
    record KpiRows(String source, TreeMap<LocalDate, Map<String, Map<String, Double>>> byDay) {}

    /** A series point: a day or an hour and its value (null when there was none). */
    public record Point(String t, Double v) {}

    public record Series(String label, String unit, List<Point> points) {}

    public List<City> cities() {
        return CityTable.read(lake).all();
    }

    public City city(String id) {
        return CityTable.read(lake)
                .find(id)
                .orElseThrow(
                        () ->
                                new Layer.NotFound(
                                        "city '"
                                                + id
                                                + "' is not registered; registered: "
                                                + CityTable.read(lake).ids()));
    }

    // ---------------------------------------------------------------- layers

    /** The layers, their KPIs from the gold tables this lake has. */
    public List<Layer> layers() {
        List<Layer> layers = new ArrayList<>();
        layers.add(
                new Layer(
                        "traffic",
                        "Traffic",
                        List.of(
                                ranking(
                                        "peak_tti",
                                        "Peak-hour travel time index",
                                        "",
                                        Kpi.GAODE_BANDS),
                                ranking("congestion_pct", "Peak-hour congestion", "%", null),
                                ranking("delay_vehicle_hours", "Delay", "vehicle-hours", null),
                                ranking("vehicles", "Vehicles in peak hours", "vehicles", null)),
                        "no congestion for this city: run `citylake run traffic --city C --from D`"));
        layers.add(
                new Layer(
                        "lighting",
                        "Lighting",
                        List.of(
                                lighting("kwh_per_km", "Energy per lit km", "kWh/km", false),
                                lighting("saving_pct", "Saving vs full power", "%", true),
                                lighting("burning_hours", "Burning hours", "h", false)),
                        "no street-lighting energy for this city: run `citylake run lighting"
                                + " --city C --from D`"));
        layers.add(
                profileLayer(
                        "waste", "Waste", List.of("waste_pickups", "waste_overflows", "waste_kg")));
        layers.add(profileLayer("air", "Air", List.of("air_pm25_mean", "air_iaqi")));
        return layers;
    }

    public Layer layer(String id) {
        return layers().stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new Layer.NotFound(
                                        "no layer '"
                                                + id
                                                + "'; layers: traffic, lighting, waste, air"));
    }

    private static Kpi ranking(String column, String label, String unit, List<Kpi.ColourClass> c) {
        return new Kpi(
                column,
                label,
                unit,
                CONGESTION_RANKING,
                "scope_id",
                "period_start",
                Map.of("period_kind", "day", "scope_kind", "segment"),
                column,
                c,
                false);
    }

    private static Kpi lighting(String column, String label, String unit, boolean higherBetter) {
        return new Kpi(
                column,
                label,
                unit,
                LIGHTING_ENERGY,
                "scope_id",
                "night",
                Map.of("scope_level", "segment"),
                column,
                null,
                higherBetter);
    }

    /**
     * Waste and air have no per-street gold table of their own: their KPIs are the street profile's
     * numeric columns of that domain ({@code waste_pickups}, {@code air_pm25_mean}, …), the ones in
     * {@code first} leading.
     */
    private Layer profileLayer(String id, String label, List<String> first) {
        String missing =
                "no "
                        + id
                        + " values per street: they come from "
                        + STREET_PROFILE
                        + "; build it with `citylake run profile --city C --from D --to D`";
        Optional<Table> profile = optionalTable(STREET_PROFILE);
        if (profile.isEmpty()) {
            return new Layer(id, label, List.of(), missing);
        }
        var schema = profile.get().schema();
        String dayColumn = profileDayColumn(schema);
        if (dayColumn == null || schema.findField("segment_id") == null) {
            return new Layer(id, label, List.of(), missing);
        }
        List<Kpi> kpis = new ArrayList<>();
        for (Types.NestedField f : schema.columns()) {
            if (profileValue(f) && f.name().startsWith(id + "_")) {
                String name = f.name();
                List<Kpi.ColourClass> bands =
                        name.contains("pm25")
                                ? PM25_BANDS
                                : name.contains("iaqi") ? IAQI_BANDS : null;
                kpis.add(
                        new Kpi(
                                name,
                                labelOf(name, f.doc()),
                                unitOf(f.doc()),
                                STREET_PROFILE,
                                "segment_id",
                                dayColumn,
                                Map.of(),
                                name,
                                bands,
                                false));
            }
        }
        kpis.sort(
                java.util.Comparator.comparingInt(
                        k -> {
                            int i = first.indexOf(k.id());
                            return i < 0 ? first.size() : i;
                        }));
        return new Layer(id, label, kpis, missing);
    }

    /** HJ 633-2012 PM2.5 bands, µg/m³ (DESIGN §5). */
    static final List<Kpi.ColourClass> PM25_BANDS =
            List.of(
                    new Kpi.ColourClass(null, 35.0, "#1a9850", "excellent (< 35)"),
                    new Kpi.ColourClass(35.0, 75.0, "#fee08b", "good (35 – 75)"),
                    new Kpi.ColourClass(75.0, 115.0, "#fc8d59", "light (75 – 115)"),
                    new Kpi.ColourClass(115.0, 150.0, "#d73027", "moderate (115 – 150)"),
                    new Kpi.ColourClass(150.0, 250.0, "#8e0152", "heavy (150 – 250)"),
                    new Kpi.ColourClass(250.0, null, "#4d0026", "severe (≥ 250)"));

    /** HJ 633-2012 IAQI classes. */
    static final List<Kpi.ColourClass> IAQI_BANDS =
            List.of(
                    new Kpi.ColourClass(null, 50.0, "#1a9850", "excellent (< 50)"),
                    new Kpi.ColourClass(50.0, 100.0, "#fee08b", "good (50 – 100)"),
                    new Kpi.ColourClass(100.0, 150.0, "#fc8d59", "light (100 – 150)"),
                    new Kpi.ColourClass(150.0, 200.0, "#d73027", "moderate (150 – 200)"),
                    new Kpi.ColourClass(200.0, 300.0, "#8e0152", "heavy (200 – 300)"),
                    new Kpi.ColourClass(300.0, null, "#4d0026", "severe (≥ 300)"));

    private static final List<String> DOMAINS =
            List.of("traffic", "parking", "lighting", "waste", "air");

    /** A value of the street profile: numeric, not a snapshot id, a count of inputs or a key. */
    private static boolean profileValue(Types.NestedField f) {
        String name = f.name();
        return isNumeric(f.type())
                && !name.contains("snapshot")
                && !name.endsWith("_id")
                && !name.endsWith("_readings")
                && !name.contains("distance")
                && !name.equals("length_m");
    }

    private static String profileDayColumn(org.apache.iceberg.Schema schema) {
        return schema.columns().stream()
                .filter(f -> f.type().typeId() == Type.TypeID.DATE)
                .map(Types.NestedField::name)
                .findFirst()
                .orElse(null);
    }

    /** The unit at the end of a column comment ("weight collected, kg" → kg), else "". */
    static String unitOf(String doc) {
        if (doc == null) {
            return "";
        }
        int comma = doc.lastIndexOf(", ");
        String tail = comma < 0 ? "" : doc.substring(comma + 2).trim();
        return tail.length() <= 8 && !tail.contains(" ") ? tail : "";
    }

    /** A column comment without its unit ("weight collected, kg" → weight collected). */
    static String labelOf(String column, String doc) {
        if (doc == null || doc.isBlank()) {
            return column;
        }
        String unit = unitOf(doc);
        return unit.isEmpty() ? doc : doc.substring(0, doc.lastIndexOf(", "));
    }

    /** One value of a street's profile and where it came from. */
    public record ProfileValue(
            String layer, String kpi, String label, String unit, Double value, String source) {}

    /**
     * The street's row of {@value #STREET_PROFILE} on the day: every value it holds, each with the
     * snapshot of the gold table it was taken from; empty when the table or the row is missing.
     */
    public Optional<List<ProfileValue>> streetProfile(City city, String segment, LocalDate day) {
        Optional<Table> table = optionalTable(STREET_PROFILE);
        if (table.isEmpty() || day == null) {
            return Optional.empty();
        }
        var schema = table.get().schema();
        String dayColumn = profileDayColumn(schema);
        if (dayColumn == null || schema.findField("segment_id") == null) {
            return Optional.empty();
        }
        List<Record> rows =
                rows(
                        table.get(),
                        city.id(),
                        Expressions.and(
                                Expressions.equal("segment_id", segment),
                                Expressions.equal(dayColumn, day.toString())));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Record row = rows.get(0);
        List<ProfileValue> values = new ArrayList<>();
        for (Types.NestedField f : schema.columns()) {
            Object v = row.getField(f.name());
            if (!profileValue(f) || !(v instanceof Number n)) {
                continue;
            }
            String domain = f.name().substring(0, Math.max(0, f.name().indexOf('_')));
            String layer = DOMAINS.contains(domain) ? domain : "street";
            Object snapshot =
                    schema.findField(domain + "_snapshot_id") == null
                            ? null
                            : row.getField(domain + "_snapshot_id");
            values.add(
                    new ProfileValue(
                            layer,
                            f.name(),
                            labelOf(f.name(), f.doc()),
                            unitOf(f.doc()),
                            n.doubleValue(),
                            STREET_PROFILE
                                    + (snapshot == null
                                            ? ""
                                            : " (" + domain + " from snapshot " + snapshot + ")")));
        }
        return Optional.of(values);
    }

    // ---------------------------------------------------------------- geometry

    /** The city's streets: its road segments and its lit segments, as WGS84 GeoJSON lines. */
    public FeatureCollection streets(City city) {
        List<Feature> features = new ArrayList<>();
        Map<String, String> districts = segmentDistricts(city.id());
        for (String table : List.of(ROAD_SEGMENTS, LIT_SEGMENTS)) {
            String network = table.equals(ROAD_SEGMENTS) ? "road" : "lit";
            for (Record r : rows(table, city.id(), Expressions.alwaysTrue())) {
                Geometry geometry = geometry(city, (String) r.getField("geometry_wkt"));
                if (geometry == null) {
                    continue;
                }
                Map<String, Object> props = new LinkedHashMap<>();
                String id = (String) r.getField("id");
                props.put("id", id);
                props.put("name", r.getField("name"));
                props.put("road_class", r.getField("road_class"));
                props.put("length_m", r.getField("length_m"));
                props.put("network", network);
                props.put("district", districts.get(id));
                features.add(new Feature(id, new GeoJSONWriter().write(geometry), props));
            }
        }
        return new FeatureCollection(features.toArray(Feature[]::new));
    }

    /** The city's districts as WGS84 GeoJSON polygons. */
    public FeatureCollection districts(City city) {
        List<Feature> features = new ArrayList<>();
        for (Record r : rows(DISTRICTS, city.id(), Expressions.alwaysTrue())) {
            Geometry geometry = geometry(city, (String) r.getField("geometry_wkt"));
            if (geometry == null) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", r.getField("district_id"));
            props.put("name", r.getField("name"));
            props.put("area_km2", r.getField("area_km2"));
            features.add(
                    new Feature(
                            (String) r.getField("district_id"),
                            new GeoJSONWriter().write(geometry),
                            props));
        }
        return new FeatureCollection(features.toArray(Feature[]::new));
    }

    private Map<String, String> segmentDistricts(String city) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Record r : rows(SEGMENT_DISTRICTS, city, Expressions.alwaysTrue())) {
            names.put((String) r.getField("segment_id"), (String) r.getField("district_name"));
        }
        return names;
    }

    /**
     * The WKT as WGS84: the lake keeps lon/lat, but a geometry whose coordinates cannot be lon/lat
     * is taken to be in the city's metric CRS and reprojected.
     */
    static Geometry geometry(City city, String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        Geometry geometry;
        try {
            geometry = new WKTReader().read(wkt);
        } catch (ParseException e) {
            throw new IllegalStateException(
                    "geometry of city " + city.id() + " is not WKT: " + e.getMessage(), e);
        }
        Envelope e = geometry.getEnvelopeInternal();
        boolean lonLat =
                e.getMinX() >= -180
                        && e.getMaxX() <= 180
                        && e.getMinY() >= -90
                        && e.getMaxY() <= 90;
        return lonLat ? geometry : Reprojection.toWgs84(city.crs()).apply(geometry);
    }

    // ---------------------------------------------------------------- KPI values

    /** The days the layer has values on for the city, ascending. */
    public List<LocalDate> days(City city, Layer layer) {
        if (layer.kpis().isEmpty()) {
            return List.of();
        }
        return List.copyOf(kpiRows(city.id(), layer.kpis().get(0)).byDay().keySet());
    }

    /** Segment → value of the KPI on the day. */
    public Map<String, Double> values(City city, Kpi kpi, LocalDate day) {
        Map<String, Double> values = new TreeMap<>();
        kpiRows(city.id(), kpi)
                .byDay()
                .getOrDefault(day, Map.of())
                .forEach(
                        (segment, columns) -> {
                            Double v = columns.get(kpi.column());
                            if (v != null && !v.isNaN()) {
                                values.put(segment, v);
                            }
                        });
        return values;
    }

    /** Where the KPI's values come from: table and snapshot id. */
    public String source(City city, Kpi kpi) {
        return kpiRows(city.id(), kpi).source();
    }

    /** The KPI of the segment on every day of the layer. */
    public Series daily(City city, Kpi kpi, String segment) {
        List<Point> points = new ArrayList<>();
        kpiRows(city.id(), kpi)
                .byDay()
                .forEach(
                        (day, segments) -> {
                            Map<String, Double> columns = segments.get(segment);
                            points.add(
                                    new Point(
                                            day.toString(),
                                            columns == null ? null : columns.get(kpi.column())));
                        });
        return new Series(kpi.label() + " per day", kpi.unit(), points);
    }

    /**
     * The segment's travel time index hour by hour on the day: the flow-weighted mean of its
     * windows in {@value #SEGMENT_CONGESTION} (outliers and windows without vehicles carry none).
     */
    public Optional<Series> hourlyTti(City city, String segment, LocalDate day) {
        if (optionalTable(SEGMENT_CONGESTION).isEmpty()) {
            return Optional.empty();
        }
        double[] weighted = new double[24];
        double[] weights = new double[24];
        boolean any = false;
        for (Record r :
                rows(
                        SEGMENT_CONGESTION,
                        city.id(),
                        Expressions.and(
                                Expressions.equal("segment_id", segment),
                                Expressions.equal("local_date", day.toString())))) {
            Double tti = (Double) r.getField("tti");
            long flow = ((Number) r.getField("flow")).longValue();
            if (tti != null && flow > 0) {
                int hour = (Integer) r.getField("local_hour");
                weighted[hour] += tti * flow;
                weights[hour] += flow;
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        List<Point> points = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            points.add(
                    new Point(
                            String.format(Locale.ROOT, "%02d:00", h),
                            weights[h] > 0 ? weighted[h] / weights[h] : null));
        }
        return Optional.of(new Series("Travel time index by hour, " + day, "", points));
    }

    /**
     * Colour classes of the KPI: its fixed classes (Gaode bands for TTI), else five quantile
     * classes of the day's values, good to bad.
     */
    public static List<Kpi.ColourClass> classes(Kpi kpi, Map<String, Double> values) {
        if (kpi.fixedClasses() != null) {
            return kpi.fixedClasses();
        }
        List<Double> sorted = values.values().stream().sorted().toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        List<String> ramp = new ArrayList<>(Kpi.RAMP);
        if (kpi.higherIsBetter()) {
            java.util.Collections.reverse(ramp);
        }
        List<Double> breaks = new ArrayList<>();
        for (int i = 1; i < ramp.size(); i++) {
            double q = sorted.get((int) Math.floor(i * (sorted.size() - 1) / (double) ramp.size()));
            if (breaks.isEmpty() || q > breaks.get(breaks.size() - 1)) {
                breaks.add(q);
            }
        }
        List<Kpi.ColourClass> classes = new ArrayList<>();
        Double from = null;
        for (int i = 0; i <= breaks.size(); i++) {
            Double to = i < breaks.size() ? breaks.get(i) : null;
            String label =
                    from == null
                            ? (to == null ? "all" : "< " + fmt(to))
                            : to == null ? "≥ " + fmt(from) : fmt(from) + " – " + fmt(to);
            // spread the ramp over however many classes the values allow
            int colour = breaks.isEmpty() ? 0 : i * (ramp.size() - 1) / breaks.size();
            classes.add(new Kpi.ColourClass(from, to, ramp.get(colour), label));
            from = to;
        }
        return classes;
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private KpiRows kpiRows(String city, Kpi kpi) {
        Optional<Table> maybe = optionalTable(kpi.table());
        if (maybe.isEmpty()) {
            return new KpiRows(kpi.table() + " (not created)", new TreeMap<>());
        }
        Table table = maybe.get();
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return new KpiRows(kpi.table() + " (empty)", new TreeMap<>());
        }
        String key =
                kpi.table()
                        + "@"
                        + snapshot.snapshotId()
                        + "/"
                        + city
                        + "/"
                        + new TreeMap<>(kpi.filters());
        KpiRows cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Expression where = Expressions.alwaysTrue();
        for (var f : kpi.filters().entrySet()) {
            where = Expressions.and(where, Expressions.equal(f.getKey(), f.getValue()));
        }
        List<String> numeric =
                table.schema().columns().stream()
                        .filter(f -> isNumeric(f.type()))
                        .map(Types.NestedField::name)
                        .toList();
        TreeMap<LocalDate, Map<String, Map<String, Double>>> byDay = new TreeMap<>();
        for (Record r : rows(table, city, where)) {
            Object day = r.getField(kpi.dayColumn());
            Object segment = r.getField(kpi.idColumn());
            if (!(day instanceof LocalDate d) || segment == null) {
                continue;
            }
            Map<String, Double> columns = new LinkedHashMap<>();
            for (String c : numeric) {
                Object v = r.getField(c);
                columns.put(c, v instanceof Number n ? n.doubleValue() : null);
            }
            byDay.computeIfAbsent(d, x -> new TreeMap<>()).put(segment.toString(), columns);
        }
        KpiRows rows = new KpiRows(kpi.table() + " snapshot " + snapshot.snapshotId(), byDay);
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, rows);
        return rows;
    }

    // ---------------------------------------------------------------- reading

    private List<Record> rows(String table, String city, Expression where) {
        Optional<Table> t = optionalTable(table);
        return t.isEmpty() ? List.of() : rows(t.get(), city, where);
    }

    private static List<Record> rows(Table table, String city, Expression where) {
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .where(Expressions.and(Expressions.equal(CITY, city), where))
                        .build()) {
            for (Record r : rows) {
                out.add(r.copy());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + table.name() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Optional<Table> optionalTable(String name) {
        TableIdentifier id = TableIdentifier.parse(name);
        return lake.catalog().tableExists(id)
                ? Optional.of(lake.catalog().loadTable(id))
                : Optional.empty();
    }

    private static boolean isNumeric(Type type) {
        return switch (type.typeId()) {
            case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }
}
