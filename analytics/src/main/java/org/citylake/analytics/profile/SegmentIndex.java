package org.citylake.analytics.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * The road segments of one city in a local metric plane, for "nearest segment within a distance"
 * look-ups.
 *
 * <p>The plane is an equirectangular projection about the centre of the segments' extent, with the
 * ellipsoid's metres per degree of latitude and longitude at that latitude: within a city (tens of
 * km) distances are within a fraction of a percent of the geodesic ones, which is far below the
 * distances the joins use. The distance to a segment is the distance to its nearest point on the
 * line. Ties go to the smaller segment id, so a look-up gives the same answer every time.
 */
final class SegmentIndex {

    /** What a thing was attached to (a segment, a station) and how far it is from it, m. */
    record Match(String id, double distanceM) implements java.io.Serializable {}

    /**
     * Nearest first; distances equal to the millimetre are a tie, which goes to the smaller id
     * (floating-point noise must not decide between two segments sharing an end).
     */
    static final Comparator<Match> NEAREST_FIRST =
            Comparator.comparingLong((Match m) -> Math.round(m.distanceM() * 1000))
                    .thenComparing(Match::id);

    private final GeometryFactory factory = new GeometryFactory();
    private final double lon0;
    private final double lat0;
    private final double metresPerDegreeLon;
    private final double metresPerDegreeLat;
    private final Map<String, Geometry> planar = new TreeMap<>();
    private final STRtree tree = new STRtree();

    /** {@code segments}: id → WGS84 lon/lat geometry (a line string). */
    SegmentIndex(Map<String, Geometry> segments) {
        Envelope extent = new Envelope();
        segments.values().forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        this.lon0 = extent.isNull() ? 0 : extent.centre().x;
        this.lat0 = extent.isNull() ? 0 : extent.centre().y;
        double phi = Math.toRadians(lat0);
        // metres per degree on the WGS84 ellipsoid at latitude phi
        this.metresPerDegreeLat =
                111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
        this.metresPerDegreeLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
        for (var e : segments.entrySet()) {
            Geometry g = toPlane(e.getValue());
            planar.put(e.getKey(), g);
            tree.insert(g.getEnvelopeInternal(), e.getKey());
        }
        tree.build();
    }

    /** {@code wgs84} in the plane, metres east and north of the centre. */
    Geometry toPlane(Geometry wgs84) {
        Geometry copy = wgs84.copy();
        copy.apply(
                (org.locationtech.jts.geom.CoordinateFilter)
                        c -> {
                            c.x = (c.x - lon0) * metresPerDegreeLon;
                            c.y = (c.y - lat0) * metresPerDegreeLat;
                        });
        copy.geometryChanged();
        return copy;
    }

    /** The point of {@code lon, lat} in the plane. */
    Point pointOf(double lon, double lat) {
        return (Point) toPlane(factory.createPoint(new Coordinate(lon, lat)));
    }

    /** The distance, m, from {@code wgs84} to segment {@code segmentId}. */
    double distanceM(Geometry wgs84, String segmentId) {
        return toPlane(wgs84).distance(planar.get(segmentId));
    }

    /** The segment nearest to the position, if one is within {@code maxM} metres. */
    Optional<Match> nearest(double lon, double lat, double maxM) {
        return nearestPlanar(pointOf(lon, lat), maxM);
    }

    /** The segment nearest to {@code wgs84}, if one is within {@code maxM} metres. */
    Optional<Match> nearest(Geometry wgs84, double maxM) {
        return nearestPlanar(toPlane(wgs84), maxM);
    }

    /**
     * The segment nearest to the midpoint of {@code wgs84} (half its length along the line), if one
     * is within {@code maxM} metres.
     */
    Optional<Match> nearestToMidpoint(LineString wgs84, double maxM) {
        LineString line = (LineString) toPlane(wgs84);
        Coordinate mid = new LengthIndexedLine(line).extractPoint(line.getLength() / 2);
        return nearestPlanar(factory.createPoint(mid), maxM);
    }

    private Optional<Match> nearestPlanar(Geometry probe, double maxM) {
        Envelope search = new Envelope(probe.getEnvelopeInternal());
        search.expandBy(maxM);
        List<Match> candidates = new ArrayList<>();
        for (Object id : tree.query(search)) {
            double d = probe.distance(planar.get((String) id));
            if (d <= maxM) {
                candidates.add(new Match((String) id, d));
            }
        }
        return candidates.stream().min(NEAREST_FIRST);
    }
}
