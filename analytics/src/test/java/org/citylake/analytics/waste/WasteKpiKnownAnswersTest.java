package org.citylake.analytics.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.citylake.geo.routing.TravelMatrix;
import org.junit.jupiter.api.Test;

/**
 * A hand-built day with known distances, weights and fills gives exactly the KPIs worked out by
 * hand below.
 *
 * <pre>
 *   points: 0 = depot D, 1 = bin A, 2 = bin B, 3 = bin C (matrix in metres, seconds = m / 10;
 *   asymmetric like one-way streets: D→B 800, B→D 900)
 *   truck v1: 08:00 A (90 %, 20 kg), 08:10 B (20 %, 5 kg), 08:20 C (100 %, 25 kg)
 *             pause 3 h 10 min > route gap 2 h
 *             11:30 B (50 %, 10 kg)
 *   truck v2: 09:00 C (40 %, 12 kg), 09:05 X (no position, 30 %, 8 kg)
 *
 *   v1 route 1: D→A 1000 + A→B 500 + B→C 700 + C→D 1200 = 3400 m
 *   v1 route 2: D→B  800 + B→D 900                      = 1700 m
 *   v2 route 1: D→C 1100 + C→D 1200 (X left out)        = 2300 m
 * </pre>
 */
class WasteKpiKnownAnswersTest {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final LocalDate DAY = LocalDate.of(2016, 7, 12);

    static final double[][] METRES = {
        {0, 1000, 800, 1100},
        {1000, 0, 500, 650},
        {900, 500, 0, 700},
        {1200, 650, 900, 0}
    };

    static WasteSettings settings() {
        return new WasteSettings(
                Duration.ofMinutes(120),
                0.3,
                1.0,
                0.8,
                1,
                28,
                Duration.ofSeconds(60),
                25,
                0.07,
                null,
                Duration.ofSeconds(1),
                "",
                "default",
                1);
    }

    static WasteAssets assets() {
        return new WasteAssets(
                Map.of(
                        "A", new WasteAssets.Bin("A", -3.19, 55.95, 240.0, "Mixed"),
                        "B", new WasteAssets.Bin("B", -3.18, 55.95, 240.0, "Mixed"),
                        "C", new WasteAssets.Bin("C", -3.17, 55.95, 240.0, "Mixed"),
                        "X", new WasteAssets.Bin("X", Double.NaN, Double.NaN, null, "Mixed")),
                Map.of("D", new WasteAssets.Depot("D", -3.20, 55.94)),
                Map.of(
                        "v1", new WasteAssets.Vehicle("v1", "D", 2500.0),
                        "v2", new WasteAssets.Vehicle("v2", null, 1500.0)));
    }

    static TravelMatrix matrix() {
        double[][] s = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                s[i][j] = METRES[i][j] / 10;
            }
        }
        return TravelMatrix.of(METRES, s, Travels.ROAD);
    }

    static long at(int hour, int minute) {
        return LocalDateTime.of(DAY, java.time.LocalTime.of(hour, minute))
                .atZone(ZONE)
                .toInstant()
                .toEpochMilli();
    }

    static BinEvent pickup(String bin, String vehicle, int h, int m, double fill, double kg) {
        return BinEvent.pickup(bin, vehicle, at(h, m), fill, 0.0, kg);
    }

    @Test
    void routesOfAHandBuiltDay() {
        List<BinEvent> pickups =
                List.of(
                        pickup("B", "v1", 11, 30, 0.5, 10),
                        pickup("A", "v1", 8, 0, 0.9, 20),
                        pickup("C", "v1", 8, 20, 1.0, 25),
                        pickup("B", "v1", 8, 10, 0.2, 5),
                        pickup("C", "v2", 9, 0, 0.4, 12),
                        pickup("X", "v2", 9, 5, 0.3, 8));
        DayPoints points = new DayPoints(assets(), List.of("A", "B", "C", "X"));
        assertThat(points.points()).hasSize(4);
        assertThat(points.bin("X")).isEqualTo(-1);

        List<RouteKpiRow> rows =
                Routes.kpis(
                        (int) DAY.toEpochDay(), pickups, assets(), points, matrix(), settings());

        assertThat(rows).hasSize(3);
        RouteKpiRow first = rows.get(0);
        assertThat(first.vehicleId).isEqualTo("v1");
        assertThat(first.routeNo).isEqualTo(1);
        assertThat(first.startedMs).isEqualTo(at(8, 0));
        assertThat(first.endedMs).isEqualTo(at(8, 20));
        assertThat(first.binsEmptied).isEqualTo(3);
        assertThat(first.km).isCloseTo(3.4, within(1e-12));
        assertThat(first.tonnes()).isCloseTo(0.050, within(1e-12));
        assertThat(first.kgPerKm()).isCloseTo(50 / 3.4, within(1e-9));
        assertThat(first.meanFill).isCloseTo(0.7, within(1e-12));
        assertThat(first.lowFillShare).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(first.overflows).isEqualTo(1);
        assertThat(first.driveHours).isCloseTo(340 / 3600.0, within(1e-12));
        assertThat(first.truckHours).isCloseTo((340 + 3 * 60) / 3600.0, within(1e-12));
        assertThat(first.unplacedStops).isZero();
        assertThat(first.distanceSource).isEqualTo("road");

        RouteKpiRow second = rows.get(1);
        assertThat(second.vehicleId).isEqualTo("v1");
        assertThat(second.routeNo).isEqualTo(2);
        assertThat(second.binsEmptied).isEqualTo(1);
        assertThat(second.km).isCloseTo(1.7, within(1e-12));
        assertThat(second.kgPerKm()).isCloseTo(10 / 1.7, within(1e-9));
        assertThat(second.lowFillShare).isZero();
        assertThat(second.overflows).isZero();

        RouteKpiRow other = rows.get(2);
        assertThat(other.vehicleId).isEqualTo("v2");
        assertThat(other.routeNo).isEqualTo(1);
        assertThat(other.binsEmptied).isEqualTo(2);
        assertThat(other.unplacedStops).isEqualTo(1);
        assertThat(other.km).isCloseTo(2.3, within(1e-12));
        assertThat(other.tonnes()).isCloseTo(0.020, within(1e-12));
        assertThat(other.meanFill).isCloseTo(0.35, within(1e-12));
        assertThat(other.lowFillShare).isZero();
    }

    @Test
    void aPauseExactlyAsLongAsTheGapKeepsTheRoute() {
        List<BinEvent> pickups =
                List.of(pickup("A", "v1", 8, 0, 0.5, 1), pickup("B", "v1", 10, 0, 0.5, 1));
        assertThat(Routes.split(Routes.byVehicle(pickups).get("v1"), Duration.ofMinutes(120)))
                .hasSize(1);
        assertThat(Routes.split(Routes.byVehicle(pickups).get("v1"), Duration.ofMinutes(119)))
                .hasSize(2);
    }
}
