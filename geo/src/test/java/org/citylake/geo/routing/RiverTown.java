package org.citylake.geo.routing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.locationtech.jts.geom.Coordinate;

/**
 * The hand-drawn network of {@code routing/river-town.osm} (its sketch is in the file): node
 * positions and an independent haversine on GraphHopper's sphere (R = 6,371 km), from which the
 * tests work out every expected road length by hand.
 */
final class RiverTown {

    static final Coordinate A = new Coordinate(10.000, 50.003);
    static final Coordinate B = new Coordinate(10.002, 50.003);
    static final Coordinate C = new Coordinate(10.004, 50.003);
    static final Coordinate D = new Coordinate(10.006, 50.003);
    static final Coordinate E = new Coordinate(10.008, 50.003);
    static final Coordinate F = new Coordinate(10.000, 50.001);
    static final Coordinate G = new Coordinate(10.002, 50.001);
    static final Coordinate H = new Coordinate(10.004, 50.001);
    static final Coordinate I = new Coordinate(10.006, 50.001);
    static final Coordinate J = new Coordinate(10.008, 50.001);
    static final Coordinate K = new Coordinate(10.004, 50.000);
    static final Coordinate M = new Coordinate(10.012, 50.001);
    static final Coordinate N = new Coordinate(10.012, 50.003);

    /** Residential streets in GraphHopper's car model without a maxspeed tag: 30 km/h. */
    static final double RESIDENTIAL_M_PER_S = 30 / 3.6;

    private static final double EARTH_RADIUS_M = 6_371_000;

    private RiverTown() {}

    static Path osm() {
        try {
            return Path.of(RiverTown.class.getResource("/routing/river-town.osm").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Great-circle metres on a sphere of 6,371 km (haversine formula). */
    static double haversine(Coordinate p, Coordinate q) {
        double phi1 = Math.toRadians(p.y);
        double phi2 = Math.toRadians(q.y);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(q.x - p.x);
        double h =
                Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                        + Math.cos(phi1)
                                * Math.cos(phi2)
                                * Math.sin(dLambda / 2)
                                * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
    }

    /** The length of a polyline through the given positions, edge by edge. */
    static double along(Coordinate... path) {
        double length = 0;
        for (int i = 1; i < path.length; i++) {
            length += haversine(path[i - 1], path[i]);
        }
        return length;
    }
}
