package org.citylake.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;

/**
 * A road segment: an id and its centre line as a WGS84 lon/lat (Multi)LineString.
 *
 * @param id segment id, unique within the city
 * @param geometry LineString or MultiLineString, WGS84 lon/lat
 */
public record RoadSegment(String id, Geometry geometry) {

    public RoadSegment {
        Objects.requireNonNull(id, "segment id");
        Objects.requireNonNull(geometry, "geometry of segment " + id);
        if (!(geometry instanceof Lineal)) {
            throw new IllegalArgumentException(
                    "segment "
                            + id
                            + ": geometry must be a LineString or MultiLineString, not "
                            + geometry.getGeometryType());
        }
    }

    /** A segment from WGS84 WKT. */
    public static RoadSegment fromWkt(String id, String wkt) {
        return new RoadSegment(id, Wkt.read(wkt, "segment " + id));
    }
}
