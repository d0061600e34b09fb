package org.citylake.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.model.MetricCrs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * The real Monaco extract: 20 street positions (a vertex of every n-th street of the main classes,
 * read with the project's own OSM reader), checked against properties any road network has: no road
 * shorter than the great circle, the triangle inequality for the minimised quantity, each metric at
 * least as good as the other on its own quantity, routes that agree with the matrix, and a graph
 * directory that a second load reuses.
 */
class MonacoRoutingTest {

    static final Path MONACO =
            Path.of("..", "test-data", "osm-monaco", "monaco.osm.gz").toAbsolutePath().normalize();

    static final Set<String> MAIN_CLASSES =
            Set.of("primary", "secondary", "tertiary", "residential", "unclassified");

    @TempDir static Path graphs;

    static RoadNetwork shortest;
    static List<Coordinate> positions;
    static List<RoadPoint> points;
    static TravelMatrix byDistance;

    @BeforeAll
    static void open() throws Exception {
        positions = streetPositions(20);
        shortest =
                RoadNetwork.open(
                        MONACO, RoadNetwork.Options.defaults().withGraphDir(graphs.resolve("car")));
        points = shortest.snapAll(positions);
        byDistance = shortest.matrixBetween(points);
    }

    @AfterAll
    static void close() {
        shortest.close();
    }

    static List<Coordinate> streetPositions(int n) throws Exception {
        List<OsmStreet> streets =
                OsmStreetReader.read(MONACO, MetricCrs.utm(7.4246, 43.7384)).streets().stream()
                        .filter(s -> MAIN_CLASSES.contains(s.highway()))
                        .toList();
        List<Coordinate> out = new ArrayList<>();
        int step = streets.size() / n;
        for (int i = 0; out.size() < n; i += step) {
            OsmStreet s = streets.get(i);
            int mid = s.size() / 2;
            out.add(new Coordinate(s.lons()[mid], s.lats()[mid]));
        }
        return out;
    }

    @Test
    void streetPositionsSnapOntoTheNetwork() {
        assertThat(points).hasSize(20).allMatch(RoadPoint::onNetwork);
        // Vertices of car streets: on the road, but for the few streets left out of the car
        // network (pieces cut off by the extract's edge).
        assertThat(points.stream().filter(p -> p.snapDistanceM() < 0.01).count())
                .isGreaterThanOrEqualTo(18);
    }

    @Test
    void noRoadDistanceIsShorterThanTheGreatCircle() {
        assertThat(byDistance.unreachable()).isEmpty();
        double ratios = 0;
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                double air = RiverTown.haversine(points.get(i).onRoad(), points.get(j).onRoad());
                assertThat(byDistance.meters(i, j))
                        .as("%d → %d", i, j)
                        .isGreaterThanOrEqualTo(air - 0.01);
                if (i != j) {
                    ratios += byDistance.meters(i, j) / air;
                }
            }
        }
        // Monaco's one-way streets and hairpins: road distance is well above the great circle.
        assertThat(ratios / (20 * 19)).isBetween(1.1, 3.0);
    }

    @Test
    void shortestDistancesObeyTheTriangleInequality() {
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                for (int k = 0; k < 20; k++) {
                    assertThat(byDistance.meters(i, k))
                            .as("%d → %d via %d", i, k, j)
                            .isLessThanOrEqualTo(
                                    byDistance.meters(i, j) + byDistance.meters(j, k) + 0.01);
                }
            }
        }
    }

    @Test
    void eachMetricIsBestOnItsOwnQuantity() throws Exception {
        try (RoadNetwork fastest =
                RoadNetwork.open(
                        MONACO,
                        RoadNetwork.Options.defaults()
                                .withGraphDir(graphs.resolve("car"))
                                .withMetric(Metric.TIME))) {
            TravelMatrix byTime = fastest.matrixBetween(points);
            int differ = 0;
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 20; j++) {
                    assertThat(byDistance.meters(i, j))
                            .isLessThanOrEqualTo(byTime.meters(i, j) + 0.01);
                    assertThat(byTime.seconds(i, j))
                            .isLessThanOrEqualTo(byDistance.seconds(i, j) + 0.01);
                    for (int k = 0; k < 20; k++) {
                        assertThat(byTime.seconds(i, k))
                                .isLessThanOrEqualTo(
                                        byTime.seconds(i, j) + byTime.seconds(j, k) + 0.01);
                    }
                    if (byTime.meters(i, j) > byDistance.meters(i, j) + 1) {
                        differ++;
                    }
                }
            }
            // The fastest route is often not the shortest.
            assertThat(differ).isPositive();
        }
    }

    @Test
    void routesAgreeWithTheMatrix() {
        for (int i = 0; i < 20; i += 3) {
            int j = (i * 7 + 5) % 20;
            Route route = shortest.route(points.get(i), points.get(j)).orElseThrow();
            assertThat(route.meters())
                    .as("%d → %d", i, j)
                    .isCloseTo(byDistance.meters(i, j), within(0.01));
            assertThat(RiverTown.along(route.geometry().getCoordinates()))
                    .isCloseTo(route.meters(), within(0.005 * route.meters() + 0.1));
        }
    }

    @Test
    void aSecondLoadReusesTheGraphDirectory() throws Exception {
        Path dir = graphs.resolve("reuse");
        try (RoadNetwork first =
                RoadNetwork.open(MONACO, RoadNetwork.Options.defaults().withGraphDir(dir))) {
            assertThat(first.reusedGraph()).isFalse();
        }
        assertThat(dir.resolve(GraphDirectory.MARKER)).exists();
        try (RoadNetwork second =
                RoadNetwork.open(MONACO, RoadNetwork.Options.defaults().withGraphDir(dir))) {
            assertThat(second.reusedGraph()).isTrue();
            TravelMatrix again = second.matrixBetween(points);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 20; j++) {
                    assertThat(again.meters(i, j)).isEqualTo(byDistance.meters(i, j));
                }
            }
        }
        // Other settings (here the size of pieces left out) build the graph again.
        try (RoadNetwork other =
                RoadNetwork.open(
                        MONACO,
                        RoadNetwork.Options.defaults().withGraphDir(dir).withMinNetworkSize(50))) {
            assertThat(other.reusedGraph()).isFalse();
        }
    }

    @Test
    void aDirectoryThatIsNotARoadGraphIsRefusedAndLeftAlone() throws Exception {
        Path dir = graphs.resolve("not-a-graph");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                RoadNetwork.open(
                                        MONACO, RoadNetwork.Options.defaults().withGraphDir(dir)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("is not a road graph")
                .hasMessageContaining("Give an empty or new directory");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aTemporaryGraphIsDeletedOnClose() throws Exception {
        Path dir;
        try (RoadNetwork temporary = RoadNetwork.open(RiverTown.osm())) {
            dir = temporary.graphDir();
            assertThat(dir).isDirectory();
        }
        assertThat(dir).doesNotExist();
    }
}
