package org.citylake.geo.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.sedona.common.Constructors;
import org.apache.sedona.common.Functions;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;

/**
 * Base of the ST_ functions: geometries cross SQL as WKT strings ({@code STRING}), are parsed here
 * and written back as WKT. A small per-instance cache keeps the geometries parsed most recently, so
 * a district polygon joined against many segments is parsed once, not once per row. Instances are
 * used by one task thread at a time, as Flink does with function instances.
 */
abstract class WktFunction extends ScalarFunction {

    private static final int CACHE_SIZE = 64;

    private transient Map<String, Geometry> cache;

    /** The SQL name, for error messages. */
    abstract String sqlName();

    /**
     * The parsed geometry.
     *
     * @param argument 1-based argument position, for the error message
     * @throws IllegalArgumentException naming the function and argument when it is not WKT
     */
    final Geometry geometry(String wkt, int argument) {
        if (cache == null) {
            cache =
                    new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, Geometry> eldest) {
                            return size() > CACHE_SIZE;
                        }
                    };
        }
        Geometry cached = cache.get(wkt);
        if (cached != null) {
            return cached;
        }
        Geometry parsed;
        try {
            parsed = Constructors.geomFromWKT(wkt, 0);
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    sqlName()
                            + ": argument "
                            + argument
                            + " '"
                            + (wkt.length() <= 60 ? wkt : wkt.substring(0, 57) + "...")
                            + "' is not WKT (geometries are WKT strings, e.g. 'POINT (10.2"
                            + " 56.15)'): "
                            + e.getMessage(),
                    e);
        }
        if (parsed == null) {
            throw new IllegalArgumentException(
                    sqlName() + ": argument " + argument + " is not WKT: '" + wkt + "'");
        }
        cache.put(wkt, parsed);
        return parsed;
    }

    static String wkt(Geometry geometry) {
        return geometry == null ? null : Functions.asWKT(geometry);
    }
}
