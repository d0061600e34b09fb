package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.lighting.Schedules.LAT;
import static org.citylake.analytics.lighting.Schedules.LON;
import static org.citylake.analytics.lighting.Schedules.MONACO;
import static org.citylake.analytics.lighting.Schedules.NIGHT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.citylake.geo.sun.SolarDay;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the energy accounting, computed by hand:
 *
 * <pre>
 *   1 km of road, 33 lamps x 70 W LED, burning 12 h (18:00-06:00 local):
 *     33 x 70 W x 12 h = 27,720 Wh = 27.72 kWh on 1 km  → 27.72 kWh/km
 *   the same, dimmed to 50 % from 00:00 to 05:00 (5 of the 12 hours):
 *     33 x 35 W x 5 h = 5.775 kWh less                  → 21.945 kWh/km
 * </pre>
 *
 * The night window is the sun's at each lamp's position ({@link SolarDay}) and the baseline is
 * rated power over that window.
 */
class LightingEnergyKnownAnswersTest {

    static final int LAMPS = 33;
    static final double RATED = 70;

    static final Function<Instant, Double> TWELVE_HOURS =
            t -> Schedules.localBetween(t, LocalTime.of(18, 0), LocalTime.of(6, 0)) ? RATED : 0.0;
    static final Function<Instant, Double> DIMMED_FIVE_HOURS =
            t -> Schedules.localBetween(t, LocalTime.of(0, 0), LocalTime.of(5, 0)) ? 0.5 : 1.0;

    /** 1 km, 6 m wide, residential, one district; 33 lamps on one cabinet. */
    static LightingNetwork oneKilometre() {
        Map<String, LightingNetwork.Lamp> lamps = new TreeMap<>();
        for (int i = 0; i < LAMPS; i++) {
            String id = String.format("lamp-%02d", i);
            lamps.put(id, Schedules.lamp(id, "seg-1", "cab-1", RATED));
        }
        return new LightingNetwork(
                lamps,
                Map.of(
                        "seg-1",
                        new LightingNetwork.Segment(
                                "seg-1", "Rue A", "residential", 1000.0, 6.0, "d1")),
                Map.of("cab-1", new LightingNetwork.Cabinet("cab-1", "d1")));
    }

    static NightRollup.Result run(
            LightingNetwork network,
            Function<Instant, Double> power,
            Function<Instant, Double> level) {
        List<LampNight> nights = new ArrayList<>();
        for (LightingNetwork.Lamp lamp : network.lamps().values()) {
            List<LampReading> reports =
                    Schedules.reports(
                            lamp.id(), NIGHT, t -> power.apply(t) * level.apply(t), level);
            nights.addAll(
                    LampNights.of(
                                    lamp,
                                    reports,
                                    List.of(NIGHT),
                                    MONACO,
                                    LightingSettings.defaults())
                            .nights());
        }
        return NightRollup.of(
                (int) NIGHT.toEpochDay(),
                nights,
                List.of(),
                network,
                NightRollup.shares(network),
                "monaco",
                LightingSettings.defaults());
    }

    static EnergyRow scope(NightRollup.Result result, String level, String id) {
        return result.energy().stream()
                .filter(r -> r.scopeLevel.equals(level) && r.scopeId.equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void oneKilometreOf33LampsOf70WattBurning12HoursIs27point72KwhPerKm() {
        NightRollup.Result result = run(oneKilometre(), TWELVE_HOURS, t -> 1.0);
        for (String[] scope :
                new String[][] {
                    {"segment", "seg-1"},
                    {"road_class", "residential"},
                    {"cabinet", "cab-1"},
                    {"district", "d1"},
                    {"city", "monaco"}
                }) {
            EnergyRow row = scope(result, scope[0], scope[1]);
            assertThat(row.litKm).as(scope[0]).isCloseTo(1.0, within(1e-12));
            assertThat(row.kwh).as(scope[0]).isCloseTo(27.72, within(1e-9));
            assertThat(row.kwhEstimated).as(scope[0]).isZero();
            assertThat(row.kwhPerKm()).as(scope[0]).isCloseTo(27.72, within(1e-9));
            assertThat(row.burningHours).as(scope[0]).isCloseTo(33 * 12.0, within(1e-9));
            assertThat(row.lamps).isEqualTo(33);
            assertThat(row.reportingLamps).isEqualTo(33);
            assertThat(row.reports).isEqualTo(33 * 96);
            assertThat(row.reportsExpected).isEqualTo(33 * 96);
        }
        assertThat(result.energy()).hasSize(5);
        assertThat(result.faults()).isEmpty();
    }

    @Test
    void dimmingTo50PercentFor5OfThoseHoursSaves5point775KwhPerKm() {
        EnergyRow full = scope(run(oneKilometre(), TWELVE_HOURS, t -> 1.0), "city", "monaco");
        EnergyRow dimmed =
                scope(run(oneKilometre(), TWELVE_HOURS, DIMMED_FIVE_HOURS), "city", "monaco");
        assertThat(dimmed.kwhPerKm()).isCloseTo(21.945, within(1e-9));
        assertThat(full.kwhPerKm() - dimmed.kwhPerKm()).isCloseTo(5.775, within(1e-9));
        assertThat(dimmed.burningHours).isCloseTo(33 * 12.0, within(1e-9));
    }

    @Test
    void theNightWindowIsTheSunsAtTheLampsPositionAndTheBaselineUsesIt() {
        SolarDay monaco = SolarDay.of(NIGHT, LAT, LON, MONACO);
        // Hamburg's position in the same zone: a longer January night, an earlier sunset
        SolarDay north = SolarDay.of(NIGHT, 53.55, 9.99, MONACO);
        assertThat(north.nightHours()).isGreaterThan(monaco.nightHours() + 1);

        LightingNetwork.Lamp here = Schedules.lamp("here", null, null, RATED);
        LightingNetwork.Lamp there =
                new LightingNetwork.Lamp("there", null, null, RATED, 9.99, 53.55, "LED");
        LampNight a = nightOf(here);
        LampNight b = nightOf(there);
        assertThat(Instant.ofEpochMilli(a.sunsetMs)).isEqualTo(monaco.sunset());
        assertThat(Instant.ofEpochMilli(a.sunriseMs)).isEqualTo(monaco.sunrise());
        assertThat(Instant.ofEpochMilli(b.sunsetMs)).isEqualTo(north.sunset());
        assertThat(Instant.ofEpochMilli(b.sunriseMs)).isEqualTo(north.sunrise());
        // baseline = rated power x sunset→sunrise, by hand from the window
        double hours = Duration.between(monaco.sunset(), monaco.sunrise()).toSeconds() / 3600.0;
        assertThat(a.baselineKwh).isCloseTo(RATED * hours / 1000, within(1e-12));
        // Monaco, mid-January: sunset ≈ 17:16, sunrise ≈ 07:59 local (≈ 14.7 h of night)
        assertThat(hours).isBetween(14.4, 15.0);

        EnergyRow city = scope(run(oneKilometre(), TWELVE_HOURS, t -> 1.0), "city", "monaco");
        assertThat(city.baselineKwh).isCloseTo(33 * RATED * hours / 1000, within(1e-9));
        assertThat(city.nightHours()).isCloseTo(hours, within(1e-9));
        // 12 h burning of a 14.7 h night: saving = 1 - 12 / hours
        assertThat(city.savingPct()).isCloseTo(100 * (1 - 12 / hours), within(1e-9));
    }

    @Test
    void aDstNightHas92SlotsAndTheHourAfterNoonBelongsToItsOwnNight() {
        // 2025-03-29 12:00 CET to 2025-03-30 12:00 CEST: 23 hours, 92 quarter hours
        LocalDate night = LocalDate.of(2025, 3, 29);
        LightingNetwork.Lamp lamp = Schedules.lamp("dst", null, null, RATED);
        List<LampReading> reports = new ArrayList<>();
        Instant from = night.atTime(12, 0).atZone(MONACO).toInstant();
        Instant to = night.plusDays(2).atTime(12, 0).atZone(MONACO).toInstant();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(15))) {
            reports.add(new LampReading("dst", t.toEpochMilli(), "off", "ok", 0.0, 0.0));
        }
        List<LampNight> nights =
                LampNights.of(
                                lamp,
                                reports,
                                List.of(night, night.plusDays(1)),
                                MONACO,
                                LightingSettings.defaults())
                        .nights();
        assertThat(nights.get(0).reportsExpected).isEqualTo(92);
        assertThat(nights.get(0).reports).isEqualTo(92);
        // 12:00-12:45 CEST on the 30th are the first reports of night 30
        assertThat(nights.get(1).reportsExpected).isEqualTo(96);
        assertThat(nights.get(1).reports).isEqualTo(96);
    }

    private static LampNight nightOf(LightingNetwork.Lamp lamp) {
        return LampNights.of(
                        lamp,
                        Schedules.reports(lamp.id(), NIGHT, TWELVE_HOURS, t -> 1.0),
                        List.of(NIGHT),
                        MONACO,
                        LightingSettings.defaults())
                .nights()
                .get(0);
    }
}
