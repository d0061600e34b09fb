package org.citylake.analytics.waste;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.job.JobContext;
import org.citylake.model.City;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A city's waste assets: bins ({@code ref.waste_containers}), depots ({@code ref.waste_depots}),
 * vehicles ({@code ref.waste_vehicles}) and the district each bin stands in ({@code
 * ref.districts}). Small, read when the job graph is built, and shipped with the operators.
 *
 * @param areas bin id → its district; bins missing here are {@value #OUTSIDE}
 */
public record WasteAssets(
        Map<String, Bin> bins,
        Map<String, Depot> depots,
        Map<String, Vehicle> vehicles,
        Map<String, Area> areas)
        implements Serializable {

    public static final String BINS = "ref.waste_containers";
    public static final String DEPOTS = "ref.waste_depots";
    public static final String VEHICLES = "ref.waste_vehicles";
    public static final String DISTRICTS = "ref.districts";

    /** The district id of a bin in no district of ref.districts, or without a position. */
    public static final String OUTSIDE = "outside";

    private static final Area OUTSIDE_AREA = new Area(OUTSIDE, null);

    /** A district: id and name (null when not known) of ref.districts. */
    public record Area(String id, String name) implements Serializable {}

    /**
     * A bin.
     *
     * @param lon WGS84; NaN when the bin has no position
     * @param capacityL null when not known
     */
    public record Bin(String id, double lon, double lat, Double capacityL, String category)
            implements Serializable {
        public boolean placed() {
            return !Double.isNaN(lon) && !Double.isNaN(lat);
        }
    }

    /** A depot the routes start and end at. */
    public record Depot(String id, double lon, double lat) implements Serializable {}

    /**
     * A collection vehicle.
     *
     * @param depotId null when not known (the city's first depot is used)
     * @param capacityKg null when not known
     */
    public record Vehicle(String id, String depotId, Double capacityKg) implements Serializable {}

    public WasteAssets {
        bins = new TreeMap<>(bins);
        depots = new TreeMap<>(depots);
        vehicles = new TreeMap<>(vehicles);
        areas = new TreeMap<>(areas);
    }

    /** Assets of a city without districts: every bin is {@value #OUTSIDE}. */
    public WasteAssets(
            Map<String, Bin> bins, Map<String, Depot> depots, Map<String, Vehicle> vehicles) {
        this(bins, depots, vehicles, Map.of());
    }

    /** The district {@code binId} stands in, or {@value #OUTSIDE}. */
    public Area areaOf(String binId) {
        return areas.getOrDefault(binId, OUTSIDE_AREA);
    }

    /**
     * Each placed bin's district: the first district, in id order, whose polygon covers the bin's
     * position (a bin on a shared boundary goes to the smaller id). Polygons are WGS84 WKT; an
     * invalid one is repaired (JTS GeometryFixer) first.
     */
    static Map<String, Area> areas(Map<String, Bin> bins, List<Record> districts) {
        GeometryFactory factory = new GeometryFactory();
        WKTReader reader = new WKTReader(factory);
        Map<String, Record> byId = new TreeMap<>();
        for (Record r : districts) {
            byId.put(text(r, "district_id"), r);
        }
        List<Area> ids = new ArrayList<>();
        List<PreparedGeometry> shapes = new ArrayList<>();
        for (Record r : byId.values()) {
            String wkt = text(r, "geometry_wkt");
            if (wkt == null) {
                continue;
            }
            Geometry g;
            try {
                g = reader.read(wkt);
            } catch (ParseException e) {
                throw new IllegalArgumentException(
                        "ref.districts: district "
                                + text(r, "district_id")
                                + " has no readable WKT polygon ("
                                + e.getMessage()
                                + "); fix its geometry_wkt and run `citylake ref load` again",
                        e);
            }
            if (!g.isValid()) {
                g = GeometryFixer.fix(g);
            }
            ids.add(new Area(text(r, "district_id"), text(r, "name")));
            shapes.add(PreparedGeometryFactory.prepare(g));
        }
        Map<String, Area> areas = new TreeMap<>();
        if (shapes.isEmpty()) {
            return areas;
        }
        for (Bin bin : bins.values()) {
            if (!bin.placed()) {
                continue;
            }
            Point p = factory.createPoint(new Coordinate(bin.lon(), bin.lat()));
            for (int i = 0; i < shapes.size(); i++) {
                if (shapes.get(i).covers(p)) {
                    areas.put(bin.id(), ids.get(i));
                    break;
                }
            }
        }
        return areas;
    }

    /** The depot of {@code vehicleId}: its own, else the city's first; null when none is known. */
    public Depot depotOf(String vehicleId) {
        Vehicle v = vehicleId == null ? null : vehicles.get(vehicleId);
        if (v != null && v.depotId() != null && depots.containsKey(v.depotId())) {
            return depots.get(v.depotId());
        }
        return depots.isEmpty() ? null : depots.values().iterator().next();
    }

    /**
     * The capacity of one planned route: the option when given, else the median of the fleet's
     * capacities, else {@link WasteSettings#DEFAULT_CAPACITY_KG}.
     */
    public double routeCapacityKg(WasteSettings settings) {
        if (settings.vehicleCapacityKg() != null) {
            return settings.vehicleCapacityKg();
        }
        List<Double> capacities = new ArrayList<>();
        for (Vehicle v : vehicles.values()) {
            if (v.capacityKg() != null && v.capacityKg() > 0) {
                capacities.add(v.capacityKg());
            }
        }
        if (capacities.isEmpty()) {
            return WasteSettings.DEFAULT_CAPACITY_KG;
        }
        capacities.sort(Double::compare);
        return capacities.get(capacities.size() / 2);
    }

    /** The run's city's assets (tables that do not exist or hold nothing give none). */
    public static WasteAssets of(JobContext context, City city) {
        Map<String, Bin> bins = new TreeMap<>();
        for (Record r : context.ref(BINS)) {
            Double lon = number(r, "lon");
            Double lat = number(r, "lat");
            String id = text(r, "id");
            bins.put(
                    id,
                    new Bin(
                            id,
                            lon == null || lat == null ? Double.NaN : lon,
                            lon == null || lat == null ? Double.NaN : lat,
                            number(r, "capacity_l"),
                            text(r, "category")));
        }
        Map<String, Depot> depots = new TreeMap<>();
        for (Record r : context.ref(DEPOTS)) {
            Double lon = number(r, "lon");
            Double lat = number(r, "lat");
            if (lon != null && lat != null) {
                depots.put(text(r, "id"), new Depot(text(r, "id"), lon, lat));
            }
        }
        Map<String, Vehicle> vehicles = new TreeMap<>();
        for (Record r : context.ref(VEHICLES)) {
            vehicles.put(
                    text(r, "id"),
                    new Vehicle(text(r, "id"), text(r, "depot_id"), number(r, "capacity_kg")));
        }
        return new WasteAssets(bins, depots, vehicles, areas(bins, context.ref(DISTRICTS)));
    }

    private static Double number(Record r, String column) {
        if (r.struct().field(column) == null) {
            return null;
        }
        Object v = r.getField(column);
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static String text(Record r, String column) {
        if (r.struct().field(column) == null) {
            return null;
        }
        Object v = r.getField(column);
        return v == null ? null : v.toString();
    }
}
