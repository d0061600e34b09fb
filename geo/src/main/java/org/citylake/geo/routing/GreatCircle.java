package org.citylake.geo.routing;

import com.graphhopper.util.DistanceCalcEarth;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;

/**
 * Travel between positions along great circles, for a city without a road network: the haversine
 * distance on a sphere of the Earth's mean radius (GraphHopper's {@link DistanceCalcEarth}; within
 * 0.5 % of the WGS84 geodesic) and the time to cover it at a constant speed. It needs no GeoTools,
 * so the analytics jobs, which leave GeoTools out of the job jar, can use it. Symmetric, every pair
 * reachable. Roads are longer: on Monaco's network the road distance averages about 1.5 times the
 * great circle (see the geo README), so kilometres from here are a lower bound.
 */
public final class GreatCircle implements TravelMatrixSource {

    private final double kmPerHour;

    /**
     * @param kmPerHour the assumed average speed
     * @throws IllegalArgumentException when it is not a positive finite number
     */
    public GreatCircle(double kmPerHour) {
        if (!(kmPerHour > 0) || Double.isInfinite(kmPerHour)) {
            throw new IllegalArgumentException(
                    "speed " + kmPerHour + " km/h: give a positive speed, e.g. 25");
        }
        this.kmPerHour = kmPerHour;
    }

    @Override
    public TravelMatrix matrix(List<Coordinate> positions) {
        int n = positions.size();
        double[][] meters = new double[n][n];
        double[][] seconds = new double[n][n];
        double metersPerSecond = kmPerHour / 3.6;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Coordinate a = positions.get(i);
                Coordinate b = positions.get(j);
                double d = DistanceCalcEarth.DIST_EARTH.calcDist(a.y, a.x, b.y, b.x);
                meters[i][j] = d;
                meters[j][i] = d;
                seconds[i][j] = d / metersPerSecond;
                seconds[j][i] = d / metersPerSecond;
            }
        }
        return TravelMatrix.of(meters, seconds, describe());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "great circles at %s km/h", fmt(kmPerHour));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
