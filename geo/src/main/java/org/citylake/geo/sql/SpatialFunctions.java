package org.citylake.geo.sql;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.sedona.common.Constructors;
import org.apache.sedona.common.Functions;
import org.apache.sedona.common.Predicates;
import org.citylake.geo.Geodesy;
import org.citylake.geo.Reprojection;

/**
 * Spatial SQL functions for Flink SQL (Apache Sedona's JTS functions, plus metric measures and
 * {@code ST_Transform} on GeoTools).
 *
 * <p><b>Geometries are WKT strings</b> in SQL, in and out: the {@code geometry_wkt} columns of the
 * {@code ref} tables can be passed directly, and results print readably. A NULL argument gives
 * NULL; a string that is not WKT fails the query, naming the function and the argument.
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><th>function</th><th>returns</th></tr>
 *   <tr><td>ST_GeomFromWKT(wkt), ST_GeomFromText(wkt)</td><td>the geometry (checked, normalised
 *       WKT)</td></tr>
 *   <tr><td>ST_Point(x, y)</td><td>POINT; x = longitude, y = latitude for WGS84</td></tr>
 *   <tr><td>ST_AsText(g)</td><td>WKT</td></tr>
 *   <tr><td>ST_Contains(a, b), ST_Within(a, b), ST_Intersects(a, b)</td><td>BOOLEAN</td></tr>
 *   <tr><td>ST_Distance(a, b), ST_Length(g), ST_Area(g)</td><td>DOUBLE, planar, in the units of
 *       the coordinates (degrees for WGS84)</td></tr>
 *   <tr><td>ST_DistanceMeters(a, b), ST_LengthMeters(g)</td><td>DOUBLE, metres, geodesic on WGS84
 *       (input lon/lat; see {@link Geodesy})</td></tr>
 *   <tr><td>ST_AreaSquareMeters(g)</td><td>DOUBLE, m², in the geometry's UTM zone</td></tr>
 *   <tr><td>ST_Centroid(g)</td><td>POINT</td></tr>
 *   <tr><td>ST_Buffer(g, d)</td><td>POLYGON, d in the units of the coordinates</td></tr>
 *   <tr><td>ST_X(p), ST_Y(p)</td><td>DOUBLE; NULL when p is not a point</td></tr>
 *   <tr><td>ST_Transform(g, 'EPSG:from', 'EPSG:to')</td><td>the geometry in another CRS (x =
 *       longitude/easting first)</td></tr>
 * </table>
 *
 * Example: {@code SELECT s.id FROM ref.road_segments s JOIN ref.districts d ON
 * ST_Intersects(d.geometry_wkt, s.geometry_wkt) WHERE d.name = 'Midtbyen'}.
 */
public final class SpatialFunctions {

    private SpatialFunctions() {}

    /** Every function by its SQL name, in documentation order. */
    public static Map<String, UserDefinedFunction> all() {
        Map<String, UserDefinedFunction> functions = new LinkedHashMap<>();
        functions.put("ST_GeomFromWKT", new GeomFromWkt("ST_GeomFromWKT"));
        functions.put("ST_GeomFromText", new GeomFromWkt("ST_GeomFromText"));
        functions.put("ST_Point", new Point());
        functions.put("ST_AsText", new AsText());
        functions.put("ST_Contains", new Contains());
        functions.put("ST_Within", new Within());
        functions.put("ST_Intersects", new Intersects());
        functions.put("ST_Distance", new Distance());
        functions.put("ST_Length", new Length());
        functions.put("ST_Area", new Area());
        functions.put("ST_DistanceMeters", new DistanceMeters());
        functions.put("ST_LengthMeters", new LengthMeters());
        functions.put("ST_AreaSquareMeters", new AreaSquareMeters());
        functions.put("ST_Centroid", new Centroid());
        functions.put("ST_Buffer", new Buffer());
        functions.put("ST_X", new X());
        functions.put("ST_Y", new Y());
        functions.put("ST_Transform", new Transform());
        return functions;
    }

    /** Registers every function as a temporary system function (callable without a catalog). */
    public static void registerAll(TableEnvironment tables) {
        all().forEach(tables::createTemporarySystemFunction);
    }

    /** ST_GeomFromWKT / ST_GeomFromText. */
    public static final class GeomFromWkt extends WktFunction {
        private final String name;

        public GeomFromWkt(String name) {
            this.name = name;
        }

        @Override
        String sqlName() {
            return name;
        }

        public String eval(String wkt) {
            return wkt == null ? null : wkt(geometry(wkt, 1));
        }
    }

    /** ST_Point. */
    public static final class Point extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Point";
        }

        public String eval(Double x, Double y) {
            return x == null || y == null ? null : wkt(Constructors.point(x, y));
        }
    }

    /** ST_AsText. */
    public static final class AsText extends WktFunction {
        @Override
        String sqlName() {
            return "ST_AsText";
        }

        public String eval(String g) {
            return g == null ? null : wkt(geometry(g, 1));
        }
    }

    /** ST_Contains: a contains b. */
    public static final class Contains extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Contains";
        }

        public Boolean eval(String a, String b) {
            return a == null || b == null
                    ? null
                    : Predicates.contains(geometry(a, 1), geometry(b, 2));
        }
    }

    /** ST_Within: a is within b. */
    public static final class Within extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Within";
        }

        public Boolean eval(String a, String b) {
            return a == null || b == null
                    ? null
                    : Predicates.within(geometry(a, 1), geometry(b, 2));
        }
    }

    /** ST_Intersects. */
    public static final class Intersects extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Intersects";
        }

        public Boolean eval(String a, String b) {
            return a == null || b == null
                    ? null
                    : Predicates.intersects(geometry(a, 1), geometry(b, 2));
        }
    }

    /** ST_Distance: planar, coordinate units. */
    public static final class Distance extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Distance";
        }

        public Double eval(String a, String b) {
            return a == null || b == null
                    ? null
                    : Functions.distance(geometry(a, 1), geometry(b, 2));
        }
    }

    /** ST_Length: planar, coordinate units. */
    public static final class Length extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Length";
        }

        public Double eval(String g) {
            return g == null ? null : Functions.length(geometry(g, 1));
        }
    }

    /** ST_Area: planar, squared coordinate units. */
    public static final class Area extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Area";
        }

        public Double eval(String g) {
            return g == null ? null : Functions.area(geometry(g, 1));
        }
    }

    /** ST_DistanceMeters: geodesic, WGS84 lon/lat input. */
    public static final class DistanceMeters extends WktFunction {
        @Override
        String sqlName() {
            return "ST_DistanceMeters";
        }

        public Double eval(String a, String b) {
            return a == null || b == null
                    ? null
                    : Geodesy.distanceMeters(geometry(a, 1), geometry(b, 2));
        }
    }

    /** ST_LengthMeters: geodesic, WGS84 lon/lat input. */
    public static final class LengthMeters extends WktFunction {
        @Override
        String sqlName() {
            return "ST_LengthMeters";
        }

        public Double eval(String g) {
            return g == null ? null : Geodesy.lengthMeters(geometry(g, 1));
        }
    }

    /** ST_AreaSquareMeters: in the UTM zone of the geometry, WGS84 lon/lat input. */
    public static final class AreaSquareMeters extends WktFunction {
        @Override
        String sqlName() {
            return "ST_AreaSquareMeters";
        }

        public Double eval(String g) {
            return g == null ? null : Geodesy.areaSquareMeters(geometry(g, 1));
        }
    }

    /** ST_Centroid. */
    public static final class Centroid extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Centroid";
        }

        public String eval(String g) {
            return g == null ? null : wkt(Functions.getCentroid(geometry(g, 1)));
        }
    }

    /** ST_Buffer: distance in coordinate units. */
    public static final class Buffer extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Buffer";
        }

        public String eval(String g, Double distance) {
            return g == null || distance == null
                    ? null
                    : wkt(Functions.buffer(geometry(g, 1), distance));
        }
    }

    /** ST_X: NULL unless a point. */
    public static final class X extends WktFunction {
        @Override
        String sqlName() {
            return "ST_X";
        }

        public Double eval(String p) {
            return p == null ? null : Functions.x(geometry(p, 1));
        }
    }

    /** ST_Y: NULL unless a point. */
    public static final class Y extends WktFunction {
        @Override
        String sqlName() {
            return "ST_Y";
        }

        public Double eval(String p) {
            return p == null ? null : Functions.y(geometry(p, 1));
        }
    }

    /** ST_Transform(g, source CRS, target CRS), with GeoTools; x first in every CRS. */
    public static final class Transform extends WktFunction {
        private transient Map<String, Reprojection> reprojections;

        @Override
        String sqlName() {
            return "ST_Transform";
        }

        public String eval(String g, String source, String target) {
            if (g == null || source == null || target == null) {
                return null;
            }
            if (reprojections == null) {
                reprojections = new HashMap<>();
            }
            Reprojection reprojection =
                    reprojections.computeIfAbsent(
                            source + "\n" + target, k -> Reprojection.between(source, target));
            return wkt(reprojection.apply(geometry(g, 1)));
        }
    }
}
