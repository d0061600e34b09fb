package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.lighting.Schedules.LAT;
import static org.citylake.analytics.lighting.Schedules.LON;
import static org.citylake.analytics.lighting.Schedules.MONACO;
import static org.citylake.analytics.lighting.Schedules.NIGHT;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.citylake.geo.sun.SolarDay;
import org.junit.jupiter.api.Test;

/**
 * Each lamp fault rule on hand-made nights, positive and negative, and at the edges of the
 * switching margin (30 minutes by default). A healthy lamp burns from sunset + 7 min to sunrise + 7
 * min (its photocell), dimmed to 50 % from 00:00 to 05:00.
 */
class LightingFaultRulesTest {

    static final double RATED = 70;
    static final SolarDay SUN = SolarDay.of(NIGHT, LAT, LON, MONACO);
    static final Duration PHOTOCELL = Duration.ofMinutes(7);
    static final LightingNetwork.Lamp LAMP = Schedules.lamp("lamp-1", "seg-1", "cab-1", RATED);

    static final Function<Instant, Double> LEVEL =
            t -> Schedules.localBetween(t, LocalTime.MIDNIGHT, LocalTime.of(5, 0)) ? 0.5 : 1.0;

    static boolean burns(Instant t) {
        return !t.isBefore(SUN.sunset().plus(PHOTOCELL))
                && t.isBefore(SUN.sunrise().plus(PHOTOCELL));
    }

    static final Function<Instant, Double> HEALTHY = t -> burns(t) ? RATED * LEVEL.apply(t) : 0.0;

    static List<FaultRow> faults(List<LampReading> reports) {
        return LampNights.of(LAMP, reports, List.of(NIGHT), MONACO, LightingSettings.defaults())
                .faults();
    }

    static List<LampReading> reports(Function<Instant, Double> power) {
        return Schedules.reports("lamp-1", NIGHT, power, LEVEL);
    }

    static LampReading at(Instant t, double power) {
        return new LampReading(
                "lamp-1", t.toEpochMilli(), power > 0 ? "on" : "off", "ok", 1.0, power);
    }

    @Test
    void aHealthyLampHasNoFault() {
        assertThat(faults(reports(HEALTHY))).isEmpty();
    }

    @Test
    void aLampBurningThroughTheDaylightIsOneDayBurner() {
        List<FaultRow> faults = faults(reports(t -> RATED * LEVEL.apply(t)));
        assertThat(faults).extracting(f -> f.faultType).containsExactly("DAY_BURNER");
        FaultRow f = faults.get(0);
        assertThat(f.severity).isEqualTo("high");
        assertThat(f.powerSeenW).isCloseTo(70, within(1e-9));
        assertThat(f.powerExpectedW).isZero();
        // the first report of the lighting day (noon) and the last (11:45 the next day)
        assertThat(Instant.ofEpochMilli(f.firstSeenMs)).isEqualTo(Schedules.noon(NIGHT));
        assertThat(Instant.ofEpochMilli(f.lastSeenMs))
                .isEqualTo(Schedules.noon(NIGHT.plusDays(1)).minus(Schedules.SLOT));
        // daylight reports: before sunset - 30 min, or from sunrise + 30 min on, by hand
        long daylight =
                Schedules.slots(NIGHT).stream()
                        .filter(
                                t ->
                                        t.isBefore(SUN.sunset().minus(Duration.ofMinutes(30)))
                                                || !t.isBefore(
                                                        SUN.sunrise().plus(Duration.ofMinutes(30))))
                        .count();
        assertThat(f.readingsFlagged).isEqualTo((int) daylight);
        assertThat(f.energySeenKwh).isCloseTo(daylight * 70 * 0.25 / 1000, within(1e-9));
    }

    @Test
    void powerFromSunrisePlusTheMarginIsADayBurnerAndJustBeforeItIsNot() {
        Instant edge = SUN.sunrise().plus(Duration.ofMinutes(30));
        List<LampReading> inside = new ArrayList<>(reports(HEALTHY));
        inside.add(at(edge, RATED));
        inside.add(at(edge.plusSeconds(60), RATED));
        assertThat(faults(inside)).extracting(f -> f.faultType).containsExactly("DAY_BURNER");

        List<LampReading> outside = new ArrayList<>(reports(HEALTHY));
        outside.add(at(edge.minusSeconds(60), RATED));
        outside.add(at(edge.minusSeconds(120), RATED));
        assertThat(faults(outside)).isEmpty();

        // before sunset: sunset - 30 min is still the margin, a minute earlier is daylight
        Instant dusk = SUN.sunset().minus(Duration.ofMinutes(30));
        List<LampReading> early = new ArrayList<>(reports(HEALTHY));
        early.add(at(dusk, RATED));
        early.add(at(dusk.plusSeconds(60), RATED));
        assertThat(faults(early)).isEmpty();
        early.add(at(dusk.minusSeconds(60), RATED));
        early.add(at(dusk.minusSeconds(120), RATED));
        assertThat(faults(early)).extracting(f -> f.faultType).containsExactly("DAY_BURNER");
    }

    @Test
    void oneStrayDaylightReportIsNotAFault() {
        List<LampReading> one = new ArrayList<>(reports(HEALTHY));
        one.add(at(SUN.sunrise().plus(Duration.ofHours(2)).plusSeconds(30), RATED));
        assertThat(faults(one)).isEmpty();
    }

    @Test
    void aLampDarkAllNightIsDarkAtNightWithHighSeverity() {
        List<LampReading> dark = new ArrayList<>();
        for (LampReading r : reports(t -> 0.0)) {
            r.status = "defectiveLamp";
            dark.add(r);
        }
        List<FaultRow> faults = faults(dark);
        assertThat(faults).extracting(f -> f.faultType).containsExactly("DARK_AT_NIGHT");
        FaultRow f = faults.get(0);
        assertThat(f.severity).isEqualTo("high");
        assertThat(f.powerSeenW).isZero();
        long window =
                Schedules.slots(NIGHT).stream()
                        .filter(
                                t ->
                                        !t.isBefore(SUN.sunset().plus(Duration.ofMinutes(30)))
                                                && t.isBefore(
                                                        SUN.sunrise()
                                                                .minus(Duration.ofMinutes(30))))
                        .count();
        assertThat(f.readingsFlagged).isEqualTo((int) window);
        // expected: 70 W, 35 W while dimmed (the schedule's level when the report has none)
        assertThat(f.powerExpectedW).isBetween(35.0, 70.0);
    }

    @Test
    void aLampSwitchingOnLateWithinTheMarginIsNotDark() {
        // on 29 minutes after sunset: the reports in [sunset, sunset + 29 min) are dark
        Function<Instant, Double> late =
                t ->
                        !t.isBefore(SUN.sunset().plus(Duration.ofMinutes(29)))
                                        && t.isBefore(SUN.sunrise())
                                ? RATED * LEVEL.apply(t)
                                : 0.0;
        assertThat(faults(reports(late))).isEmpty();
        // off 45 minutes before sunrise: the reports from sunrise - 45 to sunrise - 30 are dark
        Function<Instant, Double> early =
                t ->
                        burns(t) && t.isBefore(SUN.sunrise().minus(Duration.ofMinutes(75)))
                                ? RATED * LEVEL.apply(t)
                                : 0.0;
        List<FaultRow> faults = faults(reports(early));
        assertThat(faults).extracting(f -> f.faultType).containsExactly("DARK_AT_NIGHT");
        assertThat(faults.get(0).severity).isEqualTo("medium");
    }

    @Test
    void overPowerIsAboveTheToleranceTimesRatedTimesTheDimmingLevel() {
        assertThat(faults(reports(t -> HEALTHY.apply(t) * 1.29))).isEmpty();
        assertThat(faults(reports(t -> HEALTHY.apply(t) * 1.3))).isEmpty();
        List<FaultRow> over = faults(reports(t -> HEALTHY.apply(t) * 1.6));
        assertThat(over).extracting(f -> f.faultType).containsExactly("OVER_POWER");
        FaultRow f = over.get(0);
        assertThat(f.powerSeenW / f.powerExpectedW).isCloseTo(1.6, within(1e-9));
        assertThat(f.severity).isEqualTo("high");
        // dimmed hours count against the dimmed power: 1.4 x 35 W = 49 W is over, though < 70 W
        Function<Instant, Double> dimmedOnly =
                t -> HEALTHY.apply(t) * (LEVEL.apply(t) < 1 ? 1.4 : 1.0);
        List<FaultRow> dimmed = faults(reports(dimmedOnly));
        assertThat(dimmed).extracting(f2 -> f2.faultType).containsExactly("OVER_POWER");
        assertThat(dimmed.get(0).readingsFlagged).isEqualTo(5 * 4);
        assertThat(dimmed.get(0).severity).isEqualTo("medium");
    }

    @Test
    void missingReportsBelowTheShareOfTheDayOnlyOnANightWithData() {
        LightingNetwork.Lamp other = Schedules.lamp("lamp-2", "seg-1", "cab-1", RATED);
        LightingNetwork network =
                new LightingNetwork(
                        Map.of("lamp-1", LAMP, "lamp-2", other),
                        Map.of(
                                "seg-1",
                                new LightingNetwork.Segment(
                                        "seg-1", "Rue A", "residential", 100.0, null, "d1")),
                        Map.of());
        List<LampReading> all = reports(HEALTHY);
        // keep every 5th report: 20 % of 96 → flagged; keep 3 of 5: 60 % → not
        List<LampReading> fifth = new ArrayList<>();
        List<LampReading> threeFifths = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 5 == 0) {
                fifth.add(all.get(i));
            }
            if (i % 5 < 3) {
                threeFifths.add(all.get(i));
            }
        }
        assertThat(missing(network, fifth, all))
                .extracting(f -> f.severity)
                .containsExactly("medium");
        assertThat(missing(network, fifth, all).get(0).reportsSeen).isEqualTo(20);
        assertThat(missing(network, fifth, all).get(0).reportsExpected).isEqualTo(96);
        assertThat(missing(network, threeFifths, all)).isEmpty();
        // none at all while the other lamp reports: missing, high
        assertThat(missing(network, List.of(), all))
                .extracting(f -> f.severity)
                .containsExactly("high");
        // a night with no report of any lamp (and no meter): no row, no fault
        NightRollup.Result nothing = rollup(network, List.of(), List.of());
        assertThat(nothing.energy()).isEmpty();
        assertThat(nothing.faults()).isEmpty();
    }

    private static List<FaultRow> missing(
            LightingNetwork network, List<LampReading> lamp1, List<LampReading> lamp2) {
        List<LampReading> two = new ArrayList<>();
        for (LampReading r : lamp2) {
            two.add(
                    new LampReading(
                            "lamp-2", r.observedAtMs, r.powerState, r.status, r.level, r.powerW));
        }
        return rollup(network, lamp1, two).faults();
    }

    private static NightRollup.Result rollup(
            LightingNetwork network, List<LampReading> lamp1, List<LampReading> lamp2) {
        List<LampNight> nights = new ArrayList<>();
        nights.addAll(
                LampNights.of(LAMP, lamp1, List.of(NIGHT), MONACO, LightingSettings.defaults())
                        .nights());
        nights.addAll(
                LampNights.of(
                                network.lamps().get("lamp-2"),
                                lamp2,
                                List.of(NIGHT),
                                MONACO,
                                LightingSettings.defaults())
                        .nights());
        return NightRollup.of(
                (int) NIGHT.toEpochDay(),
                nights,
                List.of(),
                network,
                NightRollup.shares(network),
                "monaco",
                LightingSettings.defaults());
    }
}
