package org.citylake.analytics.lighting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Hand-made lamp reports for the tests: one report every 15 minutes of a lighting day (local noon
 * to the next local noon) from a power function, written without the job's code.
 */
final class Schedules {

    static final ZoneId MONACO = ZoneId.of("Europe/Monaco");
    static final double LAT = 43.7384;
    static final double LON = 7.4246;
    static final LocalDate NIGHT = LocalDate.of(2025, 1, 15);
    static final Duration SLOT = Duration.ofMinutes(15);

    private Schedules() {}

    static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(MONACO).toInstant();
    }

    /** The report times of a lighting day: noon, 12:15, ..., 11:45 the next day. */
    static List<Instant> slots(LocalDate night) {
        List<Instant> times = new ArrayList<>();
        for (Instant t = noon(night); t.isBefore(noon(night.plusDays(1))); t = t.plus(SLOT)) {
            times.add(t);
        }
        return times;
    }

    /** One report per slot with the given power (W) and level; off when the power is 0. */
    static List<LampReading> reports(
            String lamp,
            LocalDate night,
            Function<Instant, Double> powerW,
            Function<Instant, Double> level) {
        List<LampReading> out = new ArrayList<>();
        for (Instant t : slots(night)) {
            double p = powerW.apply(t);
            double l = level.apply(t);
            out.add(
                    new LampReading(
                            lamp,
                            t.toEpochMilli(),
                            p == 0 ? "off" : l < 1 ? "low" : "on",
                            "ok",
                            p == 0 ? 0.0 : l,
                            p));
        }
        return out;
    }

    /** The reports minus those {@code drop} selects. */
    static List<LampReading> without(List<LampReading> reports, Predicate<Instant> drop) {
        return reports.stream()
                .filter(r -> !drop.test(Instant.ofEpochMilli(r.observedAtMs)))
                .toList();
    }

    /** Whether local time of {@code t} is in [from, to) (to may be past midnight). */
    static boolean localBetween(Instant t, LocalTime from, LocalTime to) {
        LocalTime local = t.atZone(MONACO).toLocalTime();
        return from.isBefore(to)
                ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    static LightingNetwork.Lamp lamp(String id, String segment, String cabinet, double ratedW) {
        return new LightingNetwork.Lamp(id, segment, cabinet, ratedW, LON, LAT, "LED");
    }
}
