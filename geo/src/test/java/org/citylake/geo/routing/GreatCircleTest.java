package org.citylake.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class GreatCircleTest {

    @Test
    void distancesAreGreatCirclesAndTimesAtTheGivenSpeed() {
        List<Coordinate> ps = List.of(RiverTown.H, RiverTown.C, RiverTown.M);
        TravelMatrix m = new GreatCircle(36).matrix(ps);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sphere = RiverTown.haversine(ps.get(i), ps.get(j));
                // The WGS84 ellipsoid against a 6,371 km sphere: within 0.5 %.
                assertThat(m.meters(i, j)).isCloseTo(sphere, within(0.005 * sphere));
                assertThat(m.meters(i, j)).isEqualTo(m.meters(j, i));
                assertThat(m.seconds(i, j)).isCloseTo(m.meters(i, j) / 10.0, within(1e-9));
            }
        }
        assertThat(m.unreachable()).isEmpty();
        assertThat(m.source()).isEqualTo("great circles at 36 km/h");
    }

    @Test
    void aSpeedMustBePositive() {
        assertThatThrownBy(() -> new GreatCircle(0)).hasMessageContaining("give a positive speed");
    }

    @Test
    void aMatrixFromArraysChecksItsEntries() {
        double nan = Double.NaN;
        TravelMatrix m =
                TravelMatrix.of(
                        new double[][] {{0, 5}, {nan, 0}},
                        new double[][] {{0, 1}, {nan, 0}},
                        "test");
        assertThat(m.isReachable(0, 1)).isTrue();
        assertThat(m.unreachable()).containsExactly(new TravelMatrix.Pair(1, 0));
        assertThatThrownBy(
                        () ->
                                TravelMatrix.of(
                                        new double[][] {{0, 5}, {nan, 0}},
                                        new double[][] {{0, 1}, {2, 0}},
                                        "test"))
                .hasMessageContaining("entry (1, 0)")
                .hasMessageContaining("NaN in both");
        assertThatThrownBy(() -> m.meters(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
