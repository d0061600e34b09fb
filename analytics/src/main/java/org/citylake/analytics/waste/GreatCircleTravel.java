package org.citylake.analytics.waste;

import com.graphhopper.util.DistanceCalcEarth;
import java.util.List;

/** Great-circle distances (haversine on a sphere of the Earth's mean radius), and times at a constant speed: for a city without a road network. */
final class GreatCircleTravel implements Travel {

    private final double metresPerSecond;

    GreatCircleTravel(double metresPerSecond) {
        this.metresPerSecond = metresPerSecond;
    }

    @Override
    public TravelMatrix between(List<double[]> points) {
        int n = points.size();
        double[][] m = new double[n][n];
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] a = points.get(i);
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double[] b = points.get(j);
                    m[i][j] = DistanceCalcEarth.DIST_EARTH.calcDist(a[1], a[0], b[1], b[0]);
                    s[i][j] = m[i][j] / metresPerSecond;
                }
            }
        }
        return new TravelMatrix(m, s, source());
    }

    @Override
    public String source() {
        return TravelMatrix.GREAT_CIRCLE;
    }
}
