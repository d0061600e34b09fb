package org.citylake.analytics.waste;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.citylake.geo.routing.GreatCircle;
import org.citylake.geo.routing.RoadGraphCache;
import org.citylake.geo.routing.RoadNetwork;
import org.citylake.geo.routing.TravelMatrix;
import org.citylake.geo.routing.TravelMatrixSource;
import org.locationtech.jts.geom.Coordinate;

/**
 * A day's travel matrix from the run's settings: by road on the {@code --osm} network, else along
 * great circles. A network is imported once per machine ({@link RoadGraphCache}), opened once per
 * JVM and shared by the day groups of every slot. Pairs the road network cannot connect (a one-way
 * dead end, a piece cut off) take the great circle, so every leg has a distance; their count is
 * logged.
 */
final class Travels {

    /** The {@code distance_source} of road distances. */
    static final String ROAD = "road";

    /** The {@code distance_source} of great-circle distances. */
    static final String GREAT_CIRCLE = "great_circle";

    private static final Map<String, RoadNetwork> NETWORKS = new ConcurrentHashMap<>();

    private Travels() {}

    /** The kind of distances a run with {@code settings} gets. */
    static String kind(WasteSettings settings) {
        return settings.osm().isEmpty() ? GREAT_CIRCLE : ROAD;
    }

    static TravelMatrixSource source(WasteSettings settings) {
        if (settings.osm().isEmpty()) {
            return new GreatCircle(settings.speedKmh());
        }
        return NETWORKS.computeIfAbsent(settings.osm(), Travels::open);
    }

    private static RoadNetwork open(String osm) {
        Path file = Path.of(osm);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "--osm "
                            + osm
                            + ": no such readable file; give the city's OSM extract (.osm,"
                            + " .osm.gz, .osm.pbf) or --osm none for great-circle distances");
        }
        try {
            return RoadGraphCache.open(file, RoadNetwork.Options.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import the road network of " + osm, e);
        }
    }

    /**
     * The matrix between {@code points} ({lon, lat}), complete: unreachable road pairs take the
     * great circle. Its {@link TravelMatrix#source()} is {@link #ROAD} or {@link #GREAT_CIRCLE}.
     */
    static TravelMatrix between(List<double[]> points, WasteSettings settings) {
        List<Coordinate> positions = new ArrayList<>();
        for (double[] p : points) {
            positions.add(new Coordinate(p[0], p[1]));
        }
        TravelMatrix m = source(settings).matrix(positions);
        int n = m.size();
        double[][] meters = new double[n][n];
        double[][] seconds = new double[n][n];
        TravelMatrix fallback = null;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (m.isReachable(i, j)) {
                    meters[i][j] = m.meters(i, j);
                    seconds[i][j] = m.seconds(i, j);
                } else {
                    if (fallback == null) {
                        fallback = new GreatCircle(settings.speedKmh()).matrix(positions);
                    }
                    meters[i][j] = fallback.meters(i, j);
                    seconds[i][j] = fallback.seconds(i, j);
                }
            }
        }
        return TravelMatrix.of(meters, seconds, kind(settings));
    }
}
