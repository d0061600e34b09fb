package org.citylake.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.geo.routing.RiverTown.A;
import static org.citylake.geo.routing.RiverTown.B;
import static org.citylake.geo.routing.RiverTown.C;
import static org.citylake.geo.routing.RiverTown.D;
import static org.citylake.geo.routing.RiverTown.E;
import static org.citylake.geo.routing.RiverTown.F;
import static org.citylake.geo.routing.RiverTown.G;
import static org.citylake.geo.routing.RiverTown.H;
import static org.citylake.geo.routing.RiverTown.I;
import static org.citylake.geo.routing.RiverTown.J;
import static org.citylake.geo.routing.RiverTown.K;
import static org.citylake.geo.routing.RiverTown.M;
import static org.citylake.geo.routing.RiverTown.N;
import static org.citylake.geo.routing.RiverTown.RESIDENTIAL_M_PER_S;
import static org.citylake.geo.routing.RiverTown.along;
import static org.citylake.geo.routing.RiverTown.haversine;

import java.util.List;
import org.citylake.geo.routing.TravelMatrix.Pair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/**
 * Routing on River Town ({@code routing/river-town.osm}), where every expected length is the
 * haversine sum along the path read off the sketch, and every time that length at 30 km/h.
 */
class RoadNetworkTest {

    /** GraphHopper stores edge lengths to the millimetre and times to the millisecond. */
    static final double MM = 0.01;

    /** South of the one-way h → i, 0.0002° east of h: snaps onto h → i. */
    static final Coordinate P = new Coordinate(10.0042, 50.0009);

    static final Coordinate P_ON_ROAD = new Coordinate(10.0042, 50.001);

    static final org.locationtech.jts.geom.GeometryFactory GEOMETRY =
            new org.locationtech.jts.geom.GeometryFactory();

    static RoadNetwork town;

    @BeforeAll
    static void open() throws Exception {
        // River Town is tiny: keep its isolated street and dead end (GraphHopper drops pieces
        // under 200 edges from snapping by default).
        town =
                RoadNetwork.open(
                        RiverTown.osm(), RoadNetwork.Options.defaults().withMinNetworkSize(0));
    }

    @AfterAll
    static void close() {
        town.close();
    }

    @Test
    void aPositionOffTheRoadSnapsToTheNearestCarRoadWithItsDistance() {
        RoadPoint p = town.snap(P.x, P.y);
        assertThat(p.onNetwork()).isTrue();
        assertThat(p.onRoad().x).isCloseTo(P_ON_ROAD.x, within(1e-7));
        assertThat(p.onRoad().y).isCloseTo(P_ON_ROAD.y, within(1e-7));
        assertThat(p.snapDistanceM()).isCloseTo(haversine(P, P_ON_ROAD), within(MM));
        assertThat(p.describe()).contains("snapped 11.1 m");

        // On the river beside the footbridge (7 m west of it): the footway is not a car road, so
        // the position snaps to the south street, 111 m south.
        Coordinate besideFootbridge = new Coordinate(10.0039, 50.002);
        RoadPoint q = town.snap(besideFootbridge.x, besideFootbridge.y);
        Coordinate south = new Coordinate(10.0039, 50.001);
        assertThat(q.snapDistanceM()).isCloseTo(haversine(besideFootbridge, south), within(MM));
        assertThat(q.onRoad().x).isCloseTo(south.x, within(1e-7));
    }

    @Test
    void aPositionFartherThanTheMaximumIsNotOnTheNetworkWithTheDistanceToTheNearestRoad() {
        // 0.09° due south of k, the southernmost road point.
        Coordinate far = new Coordinate(10.004, 49.910);
        RoadPoint p = town.snap(far.x, far.y);
        assertThat(p.onNetwork()).isFalse();
        assertThat(p.snapDistanceM()).isCloseTo(haversine(far, K), within(0.5));
        assertThat(p.onRoad().y).isCloseTo(K.y, within(1e-6));
        assertThat(p.describe())
                .contains("is not on this road network")
                .contains(String.format(java.util.Locale.ROOT, "%.0f m away", haversine(far, K)));

        assertThatThrownBy(() -> town.matrix(List.of(H, far)))
                .isInstanceOf(NotOnNetworkException.class)
                .hasMessageContaining("1 position(s) farther than 5000 m")
                .hasMessageContaining("(10.004000 49.910000) is not on this road network")
                .hasMessageContaining("lon first, then lat");
        assertThatThrownBy(() -> town.nearest(far, List.of(H)))
                .isInstanceOf(NotOnNetworkException.class);
    }

    @Test
    void matrixHasTheHandComputedLengthsAndOneWayStreetsMakeItAsymmetric() {
        // 0 = h, 1 = i, 2 = c, 3 = k (one-way dead end), 4 = m (isolated street)
        TravelMatrix matrix = town.matrix(List.of(H, I, C, K, M));

        assertThat(matrix.meters(0, 1)).isCloseTo(along(H, I), within(MM));
        // i → h against the one-way: east over the east bridge, west along the north street,
        // back over the west bridge and east along the south street.
        double iToH = along(I, J, E, D, C, B, A, F, G, H);
        assertThat(matrix.meters(1, 0)).isCloseTo(iToH, within(MM));
        assertThat(matrix.meters(1, 0)).isGreaterThan(9 * matrix.meters(0, 1));
        // h → c: not over the footbridge (111 m of footway) but round by the west bridge.
        assertThat(matrix.meters(0, 2)).isCloseTo(along(H, G, F, A, B, C), within(MM));
        assertThat(matrix.meters(2, 0)).isCloseTo(along(C, B, A, F, G, H), within(MM));
        assertThat(matrix.meters(0, 3)).isCloseTo(along(H, K), within(MM));
        assertThat(matrix.meters(2, 3)).isCloseTo(along(C, B, A, F, G, H, K), within(MM));

        for (int i = 0; i < 5; i++) {
            assertThat(matrix.meters(i, i)).isZero();
            for (int j = 0; j < 5; j++) {
                if (matrix.isReachable(i, j)) {
                    assertThat(matrix.seconds(i, j))
                            .as("(%d, %d) at 30 km/h", i, j)
                            .isCloseTo(matrix.meters(i, j) / RESIDENTIAL_M_PER_S, within(0.01));
                }
            }
        }

        // Nothing leaves the dead end k; the isolated street m-n is joined to nothing.
        assertThat(matrix.unreachable())
                .containsExactlyInAnyOrder(
                        new Pair(3, 0),
                        new Pair(3, 1),
                        new Pair(3, 2),
                        new Pair(3, 4),
                        new Pair(0, 4),
                        new Pair(1, 4),
                        new Pair(2, 4),
                        new Pair(4, 0),
                        new Pair(4, 1),
                        new Pair(4, 2),
                        new Pair(4, 3));
        assertThatThrownBy(() -> matrix.meters(3, 0))
                .isInstanceOf(TravelMatrix.UnreachableException.class)
                .hasMessageContaining("no route from point 3 to point 0")
                .hasMessageContaining("isReachable");
        assertThatThrownBy(() -> matrix.seconds(0, 4))
                .isInstanceOf(TravelMatrix.UnreachableException.class);
    }

    @Test
    void matrixOfSnappedPointsMeasuresFromTheirRoadPositions() {
        TravelMatrix matrix = town.matrix(List.of(P, J, M, N));
        // From P's road point east along the one-way to j; back via the north street.
        assertThat(matrix.meters(0, 1)).isCloseTo(along(P_ON_ROAD, I, J), within(MM));
        assertThat(matrix.meters(1, 0))
                .isCloseTo(along(J, E, D, C, B, A, F, G, H, P_ON_ROAD), within(MM));
        assertThat(matrix.meters(2, 3)).isCloseTo(along(M, N), within(MM));
        assertThat(matrix.isReachable(0, 2)).isFalse();
    }

    @Test
    void routeHasLengthTimeAndTheStreetGeometry() {
        Route route = town.route(P, C).orElseThrow();
        Coordinate[] expected = {P_ON_ROAD, I, J, E, D, C};
        assertThat(route.meters()).isCloseTo(along(expected), within(MM));
        assertThat(route.seconds()).isCloseTo(route.meters() / RESIDENTIAL_M_PER_S, within(0.01));
        assertThat(route.from().snapDistanceM()).isCloseTo(haversine(P, P_ON_ROAD), within(MM));
        // The geometry runs from P's road point to c through every corner; straight runs keep only
        // their ends (d, on the straight north street, may be left out).
        Coordinate[] geometry = route.geometry().getCoordinates();
        assertThat(along(geometry)).isCloseTo(route.meters(), within(MM));
        assertThat(geometry[0].distance(P_ON_ROAD)).isLessThan(1e-6);
        assertThat(geometry[geometry.length - 1].distance(C)).isLessThan(1e-6);
        for (Coordinate corner : expected) {
            assertThat(route.geometry().distance(GEOMETRY.createPoint(corner)))
                    .as("%s on the route", corner)
                    .isLessThan(1e-6);
        }

        assertThat(town.route(K, H)).isEmpty();
        assertThat(town.route(H, M)).isEmpty();
        Route none = town.route(H, H).orElseThrow();
        assertThat(none.meters()).isZero();
        assertThat(none.geometry().getNumPoints()).isEqualTo(2);
    }

    @Test
    void nearestSiteByRoadIsNotTheNearestByAir() {
        // c lies across the river, 234 m away by air; j is 272 m away by air but on this bank.
        List<Coordinate> sites = List.of(C, J, M);
        assertThat(haversine(P, C)).isLessThan(haversine(P, J));

        Nearest nearest = town.nearest(P, sites).orElseThrow();
        assertThat(nearest.index()).isEqualTo(1);
        assertThat(nearest.roadDistanceM()).isCloseTo(along(P_ON_ROAD, I, J), within(MM));
        assertThat(nearest.route().meters()).isEqualTo(nearest.roadDistanceM());
        assertThat(nearest.route().from().snapDistanceM())
                .isCloseTo(haversine(P, P_ON_ROAD), within(MM));
        // Geodesy's ellipsoid against the test's sphere: well under 1 %.
        assertThat(nearest.airDistanceM())
                .isCloseTo(haversine(P, J), within(0.01 * haversine(P, J)));

        // From the dead end nothing is reachable; from the island only the island.
        assertThat(town.nearest(K, sites)).isEmpty();
        assertThat(town.nearest(N, sites).orElseThrow().index()).isEqualTo(2);
    }

    @Test
    void aLorryMayNotCrossTheEastBridge() throws Exception {
        try (RoadNetwork lorries =
                RoadNetwork.open(
                        RiverTown.osm(),
                        RoadNetwork.Options.defaults()
                                .withMinNetworkSize(0)
                                .withVehicle(Vehicle.TRUCK))) {
            TravelMatrix matrix = lorries.matrix(List.of(H, I, C));
            // i → h needs the east bridge; h → c goes by the west bridge as for a car.
            assertThat(matrix.isReachable(1, 0)).isFalse();
            assertThat(matrix.meters(0, 2)).isCloseTo(along(H, G, F, A, B, C), within(MM));
            // 90 % of the car's speed.
            assertThat(matrix.seconds(0, 2))
                    .isCloseTo(matrix.meters(0, 2) / (0.9 * RESIDENTIAL_M_PER_S), within(0.01));
        }
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> RoadNetwork.Options.defaults().withMaxSnapM(0))
                .hasMessageContaining("give a positive distance");
        assertThatThrownBy(() -> town.snap(50.001, 200))
                .hasMessageContaining("give the longitude first");
    }
}
