package org.citylake.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.model.MetricCrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * How long a Monaco travel matrix takes: one shortest-path tree per origin ({@link
 * RoadNetwork#matrixBetween}) against one bidirectional Dijkstra per pair ({@link
 * RoadNetwork#route(RoadPoint, RoadPoint)}), at 150 and 400 street positions. Both must give the
 * same distances. Runs only on demand and writes its figures to {@code
 * target/routing-matrix-timing.txt}:
 *
 * <pre>
 *   mvn -o -B -q -pl geo -am test -Dtest=MatrixTimingTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dcitylake.bench.routing=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "citylake.bench.routing", matches = "true")
class MatrixTimingTest {

    /** Per-pair routing at 400 points: this many origin rows are timed and scaled up. */
    static final int SAMPLED_ROWS = 40;

    @TempDir Path graphs;

    @Test
    void oneTreePerOriginAgainstOneRoutePerPair() throws Exception {
        List<String> lines = new ArrayList<>();
        try (RoadNetwork network =
                RoadNetwork.open(
                        MonacoRoutingTest.MONACO,
                        RoadNetwork.Options.defaults().withGraphDir(graphs.resolve("car")))) {
            for (int n : new int[] {150, 400}) {
                List<RoadPoint> points = network.snapAll(positions(n));
                network.matrixBetween(points.subList(0, 20)); // warm up
                long t0 = System.nanoTime();
                TravelMatrix trees = network.matrixBetween(points);
                double treeSeconds = (System.nanoTime() - t0) / 1e9;

                int rows = n <= 150 ? n : SAMPLED_ROWS;
                long t1 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        var route = network.route(points.get(i), points.get(j));
                        if (trees.isReachable(i, j)) {
                            assertThat(route.orElseThrow().meters())
                                    .isCloseTo(trees.meters(i, j), within(0.01));
                        } else {
                            assertThat(route).isEmpty();
                        }
                    }
                }
                double pairSeconds = (System.nanoTime() - t1) / 1e9 * n / rows;
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "n=%d: one tree per origin %.2f s; one route per pair %.1f s%s;"
                                        + " %d unreachable pairs",
                                n,
                                treeSeconds,
                                pairSeconds,
                                rows < n ? " (" + rows + " rows timed, scaled)" : "",
                                trees.unreachable().size()));
                assertThat(treeSeconds).isLessThan(pairSeconds);
                double ratios = 0;
                int pairs = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double air =
                                RiverTown.haversine(points.get(i).onRoad(), points.get(j).onRoad());
                        if (i != j && air > 0 && trees.isReachable(i, j)) {
                            ratios += trees.meters(i, j) / air;
                            pairs++;
                        }
                    }
                }
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "n=%d: mean road distance / great circle %.2f",
                                n,
                                ratios / pairs));
            }
        }
        Path out = Path.of("target", "routing-matrix-timing.txt");
        Files.write(out, lines);
    }

    /** Every k-th vertex of Monaco's main streets, n of them. */
    static List<Coordinate> positions(int n) throws Exception {
        List<Coordinate> all = new ArrayList<>();
        for (OsmStreet s :
                OsmStreetReader.read(MonacoRoutingTest.MONACO, MetricCrs.utm(7.4246, 43.7384))
                        .streets()) {
            if (MonacoRoutingTest.MAIN_CLASSES.contains(s.highway())) {
                for (int i = 0; i < s.size(); i++) {
                    all.add(new Coordinate(s.lons()[i], s.lats()[i]));
                }
            }
        }
        List<Coordinate> out = new ArrayList<>(n);
        int step = all.size() / n;
        for (int i = 0; out.size() < n; i += step) {
            out.add(all.get(i));
        }
        return out;
    }
}
