package org.citylake.geo;

import java.util.List;
import org.geotools.referencing.GeodeticCalculator;
import org.geotools.referencing.datum.DefaultEllipsoid;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Lengths, distances and areas in metres of WGS84 lon/lat geometries.
 *
 * <ul>
 *   <li>distances and lengths are geodesic on the WGS84 ellipsoid (GeoTools {@link
 *       GeodeticCalculator});
 *   <li>the distance between two geometries is the geodesic distance between their nearest points,
 *       found in the UTM zone of the first geometry (exact for two points);
 *   <li>areas are planar in the UTM zone of the geometry's envelope centre (city-sized areas: well
 *       under 0.1 % from the ellipsoidal area).
 * </ul>
 */
public final class Geodesy {

    private Geodesy() {}

    /** Geodesic distance in metres between two lon/lat positions. */
    public static double distanceMeters(Coordinate a, Coordinate b) {
        GeodeticCalculator calculator = new GeodeticCalculator(DefaultEllipsoid.WGS84);
        try {
            calculator.setStartingGeographicPoint(a.x, a.y);
            calculator.setDestinationGeographicPoint(b.x, b.y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "("
                            + a.x
                            + " "
                            + a.y
                            + ") or ("
                            + b.x
                            + " "
                            + b.y
                            + ") is not a WGS84 lon/lat position: "
                            + e.getMessage(),
                    e);
        }
        return calculator.getOrthodromicDistance();
    }

    /**
     * Geodesic length in metres of all the linework of a geometry: the sum over its line strings
     * (for polygons: their rings) of the distances between consecutive vertices; 0 for points.
     */
    public static double lengthMeters(Geometry wgs84) {
        double length = 0;
        @SuppressWarnings("unchecked")
        List<LineString> lines = LinearComponentExtracter.getLines(wgs84);
        for (LineString line : lines) {
            Coordinate[] cs = line.getCoordinates();
            for (int i = 1; i < cs.length; i++) {
                length += distanceMeters(cs[i - 1], cs[i]);
            }
        }
        return length;
    }

    /** Minimum distance in metres between two geometries (0 when they intersect). */
    public static double distanceMeters(Geometry a, Geometry b) {
        if (a.isEmpty() || b.isEmpty()) {
            throw new IllegalArgumentException("distance to an empty geometry is undefined");
        }
        if (a.getNumPoints() == 1 && b.getNumPoints() == 1) {
            return distanceMeters(a.getCoordinate(), b.getCoordinate());
        }
        if (a.intersects(b)) {
            return 0;
        }
        Reprojection toUtm = UtmZone.projectionFor(a.getEnvelopeInternal());
        Coordinate[] nearest = DistanceOp.nearestPoints(toUtm.apply(a), toUtm.apply(b));
        Geometry back = toUtm.inverse().apply(a.getFactory().createMultiPointFromCoords(nearest));
        Coordinate[] lonLat = back.getCoordinates();
        return distanceMeters(lonLat[0], lonLat[1]);
    }

    /** Area in square metres, planar in the geometry's UTM zone. */
    public static double areaSquareMeters(Geometry wgs84) {
        if (wgs84.isEmpty()) {
            return 0;
        }
        return UtmZone.projectionFor(wgs84.getEnvelopeInternal()).apply(wgs84).getArea();
    }
}
