package org.citylake.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A district of a city: an id, a name and its area as a WGS84 lon/lat (Multi)Polygon.
 *
 * @param id district id, unique within the city (e.g. {@code 01})
 * @param name human-readable name (e.g. {@code Midtbyen}); may be null
 * @param geometry Polygon or MultiPolygon, WGS84 lon/lat
 */
public record District(String id, String name, Geometry geometry) {

    public District {
        Objects.requireNonNull(id, "district id");
        Objects.requireNonNull(geometry, "geometry of district " + id);
        if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException(
                    "district "
                            + id
                            + ": geometry must be a Polygon or MultiPolygon, not "
                            + geometry.getGeometryType());
        }
    }

    /** A district from WGS84 WKT. */
    public static District fromWkt(String id, String name, String wkt) {
        return new District(id, name, Wkt.read(wkt, "district " + id));
    }
}
