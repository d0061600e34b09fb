package org.citylake.analytics.lighting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.LightingFault;

/**
 * One lamp's reports → its lighting days ({@link LampNight}) and its lamp faults. Pure: no Flink,
 * tested on plain lists.
 *
 * <p><b>Energy.</b> A report's power lasts from its time until the next report, at most one report
 * interval ({@link LightingSettings#interval}): {@code kWh = Σ power × min(gap to next, interval)}.
 * A gap longer than the interval is not bridged; the report slots of the lighting day (a grid of
 * the interval from local noon) that hold no report are <i>estimated</i>: the lamp's schedule gives
 * 0 W in daylight and, from sunset to sunrise at the lamp's position ({@link SolarDay}), rated
 * power × the dimming level the lamp reported at that local time on the run's other nights (the
 * median; full power when it never reported then). {@code burning hours} = Σ intervals with power
 * drawn; {@code baseline} = rated power × sunset→sunrise.
 *
 * <p><b>Faults</b>, each reported once per lamp and night when at least {@link
 * LightingSettings#faultReadings} reports show it ({@code margin} = {@link
 * LightingSettings#switchMargin}):
 *
 * <ul>
 *   <li>{@code DAY_BURNER}: power drawn before {@code sunset - margin} or from {@code sunrise +
 *       margin} on. Severity high when those reports cover 2 h or more, else medium.
 *   <li>{@code DARK_AT_NIGHT}: no power (below 1 % of rated) from {@code sunset + margin} to before
 *       {@code sunrise - margin}. High when half or more of that window's slots are dark, else
 *       medium.
 *   <li>{@code OVER_POWER}: power above {@code tolerance × rated × dimming level} (the reported
 *       level, else the schedule's). High when the flagged reports' mean is 1.5 × expected or more,
 *       else medium.
 * </ul>
 *
 * {@code MISSING_REPORTS} needs to know whether the city reported that night at all, and is decided
 * per night ({@link NightRollup}).
 */
public final class LampNights {

    /** Power below this share of the rated power is no power. */
    static final double DARK_SHARE = 0.01;

    /** A day burner whose daylight reports cover this long is high severity. */
    static final double DAY_BURNER_HIGH_HOURS = 2.0;

    /** An over-power lamp at this multiple of its expected power or more is high severity. */
    static final double OVER_POWER_HIGH = 1.5;

    private LampNights() {}

    /** The lamp nights and lamp faults of one lamp. */
    public record Result(List<LampNight> nights, List<FaultRow> faults) {}

    /**
     * @param readings the lamp's reports (any order, markers ignored), of the run's lighting days
     * @param nights the run's nights; one {@link LampNight} each, with or without reports
     */
    public static Result of(
            LightingNetwork.Lamp lamp,
            List<LampReading> readings,
            List<LocalDate> nights,
            ZoneId zone,
            LightingSettings settings) {
        List<LampReading> sorted = new ArrayList<>();
        for (LampReading r : readings) {
            if (!r.isMarker()) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparingLong(r -> r.observedAtMs));
        // one report per instant
        List<LampReading> unique = new ArrayList<>();
        for (LampReading r : sorted) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).observedAtMs != r.observedAtMs) {
                unique.add(r);
            }
        }
        long intervalMs = settings.intervalMs();
        long[] dt = new long[unique.size()];
        for (int i = 0; i < unique.size(); i++) {
            long next =
                    i + 1 < unique.size()
                            ? unique.get(i + 1).observedAtMs - unique.get(i).observedAtMs
                            : intervalMs;
            dt[i] = Math.min(next, intervalMs);
        }
        Map<LocalTime, List<Double>> levels = levelsByTimeOfDay(unique, zone, intervalMs);
        Map<LocalDate, List<Integer>> byNight = new TreeMap<>();
        for (int i = 0; i < unique.size(); i++) {
            LocalDate night =
                    SolarDay.lightingDate(Instant.ofEpochMilli(unique.get(i).observedAtMs), zone);
            byNight.computeIfAbsent(night, k -> new ArrayList<>()).add(i);
        }
        List<LampNight> out = new ArrayList<>();
        List<FaultRow> faults = new ArrayList<>();
        for (LocalDate night : nights) {
            List<Integer> idx = byNight.getOrDefault(night, List.of());
            SolarDay sun = SolarDay.of(night, lamp.lat(), lamp.lon(), zone);
            LampNight n = new LampNight();
            n.lampId = lamp.id();
            n.cabinetId = lamp.cabinetId();
            n.night = (int) night.toEpochDay();
            long start = night.atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
            long end = night.plusDays(1).atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
            int slots = (int) ((end - start) / intervalMs);
            n.slotsStartMs = start;
            n.slotMs = intervalMs;
            n.reportsExpected = slots;
            n.sunsetMs = sun.sunset().toEpochMilli();
            n.sunriseMs = sun.sunrise().toEpochMilli();
            n.baselineKwh = lamp.ratedW() * sun.nightHours() / 1000;
            n.slotKwh = new double[slots];
            n.slotShare = new double[slots];
            java.util.Arrays.fill(n.slotShare, Double.NaN);
            n.ratedW = lamp.ratedW();
            boolean[] reported = new boolean[slots];
            for (int i : idx) {
                LampReading r = unique.get(i);
                n.reports++;
                n.firstReportMs = n.firstReportMs == null ? r.observedAtMs : n.firstReportMs;
                n.lastReportMs = r.observedAtMs;
                Double power = r.power();
                int slot = (int) Math.min(slots - 1, (r.observedAtMs - start) / intervalMs);
                if (power == null) {
                    continue; // a report without power: its slot is estimated
                }
                double kwh = power * dt[i] / 3_600_000.0 / 1000;
                n.kwh += kwh;
                n.slotKwh[slot] += kwh;
                n.slotShare[slot] = power / lamp.ratedW();
                reported[slot] = true;
                if (power > 0) {
                    n.burningHours += dt[i] / 3_600_000.0;
                }
            }
            for (int s = 0; s < slots; s++) {
                if (!reported[s]) {
                    long slotStart = start + s * intervalMs;
                    double kwh =
                            expectedPowerW(lamp, sun, levels, slotStart, zone, intervalMs)
                                    * intervalMs
                                    / 3_600_000.0
                                    / 1000;
                    n.slotKwh[s] = kwh;
                    n.kwhEstimated += kwh;
                }
            }
            out.add(n);
            if (!idx.isEmpty()) {
                List<LampReading> nightReadings = new ArrayList<>();
                List<Long> nightDt = new ArrayList<>();
                for (int i : idx) {
                    nightReadings.add(unique.get(i));
                    nightDt.add(dt[i]);
                }
                faults.addAll(faults(lamp, n, sun, nightReadings, nightDt, levels, zone, settings));
            }
        }
        return new Result(out, faults);
    }

    /** The lamp faults of one night with reports (everything but MISSING_REPORTS). */
    static List<FaultRow> faults(
            LightingNetwork.Lamp lamp,
            LampNight n,
            SolarDay sun,
            List<LampReading> readings,
            List<Long> dt,
            Map<LocalTime, List<Double>> levels,
            ZoneId zone,
            LightingSettings settings) {
        long margin = settings.switchMargin().toMillis();
        long dayBefore = sun.sunset().toEpochMilli() - margin;
        long dayFrom = sun.sunrise().toEpochMilli() + margin;
        long darkFrom = sun.sunset().toEpochMilli() + margin;
        long darkUntil = sun.sunrise().toEpochMilli() - margin;
        Flagged dayBurner = new Flagged();
        Flagged dark = new Flagged();
        Flagged over = new Flagged();
        for (int i = 0; i < readings.size(); i++) {
            LampReading r = readings.get(i);
            Double power = r.power();
            if (power == null) {
                continue;
            }
            long t = r.observedAtMs;
            boolean burning = power > 0;
            if (burning && (t < dayBefore || t >= dayFrom)) {
                dayBurner.add(t, power, 0, power * dt.get(i) / 3_600_000.0 / 1000, dt.get(i));
            }
            double level =
                    r.level != null && r.level > 0
                            ? r.level
                            : scheduledLevel(levels, t, zone, settings.intervalMs());
            double expected = lamp.ratedW() * level;
            if (t >= darkFrom && t < darkUntil && power < DARK_SHARE * lamp.ratedW()) {
                dark.add(t, power, expected, 0, dt.get(i));
            }
            if (burning && power > settings.overPowerTolerance() * expected) {
                over.add(t, power, expected, 0, dt.get(i));
            }
        }
        List<FaultRow> out = new ArrayList<>();
        int min = settings.faultReadings();
        if (dayBurner.count >= min) {
            FaultRow f = dayBurner.row(LightingFault.DAY_BURNER, lamp, n);
            f.energySeenKwh = dayBurner.energyKwh;
            double hours = dayBurner.ms / 3_600_000.0;
            f.severity = hours >= DAY_BURNER_HIGH_HOURS ? "high" : "medium";
            f.detail =
                    String.format(
                            Locale.ROOT,
                            "power drawn in daylight: %d reports over %.2f h, mean %.1f W, %.3f"
                                    + " kWh (sunset %s, sunrise %s, margin %d min)",
                            dayBurner.count,
                            hours,
                            f.powerSeenW,
                            dayBurner.energyKwh,
                            sun.sunset(),
                            sun.sunrise(),
                            settings.switchMargin().toMinutes());
            out.add(f);
        }
        long windowSlots = Math.max(0, (darkUntil - darkFrom) / settings.intervalMs());
        if (dark.count >= min) {
            FaultRow f = dark.row(LightingFault.DARK_AT_NIGHT, lamp, n);
            f.severity = windowSlots > 0 && dark.count * 2 >= windowSlots ? "high" : "medium";
            f.detail =
                    String.format(
                            Locale.ROOT,
                            "no power at night: %d of the %d report slots from sunset + %d min"
                                    + " to sunrise - %d min dark, expected %.1f W on average",
                            dark.count,
                            windowSlots,
                            settings.switchMargin().toMinutes(),
                            settings.switchMargin().toMinutes(),
                            f.powerExpectedW);
            out.add(f);
        }
        if (over.count >= min) {
            FaultRow f = over.row(LightingFault.OVER_POWER, lamp, n);
            double ratio = f.powerSeenW / f.powerExpectedW;
            f.severity = ratio >= OVER_POWER_HIGH ? "high" : "medium";
            f.detail =
                    String.format(
                            Locale.ROOT,
                            "%d reports above %.2f x rated %.0f W x dimming level: mean %.1f W"
                                    + " against %.1f W expected (x%.2f)",
                            over.count,
                            settings.overPowerTolerance(),
                            lamp.ratedW(),
                            f.powerSeenW,
                            f.powerExpectedW,
                            ratio);
            out.add(f);
        }
        return out;
    }

    /** Reports that show one fault. */
    private static final class Flagged {
        int count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double powerSum;
        double expectedSum;
        double energyKwh;
        long ms;

        void add(long t, double power, double expected, double kwh, long dtMs) {
            count++;
            first = Math.min(first, t);
            last = Math.max(last, t);
            powerSum += power;
            expectedSum += expected;
            energyKwh += kwh;
            ms += dtMs;
        }

        FaultRow row(LightingFault type, LightingNetwork.Lamp lamp, LampNight n) {
            FaultRow f = FaultRow.lamp(type, n.night, lamp.id(), lamp.cabinetId());
            f.firstSeenMs = first;
            f.lastSeenMs = last;
            f.readingsFlagged = count;
            f.powerSeenW = powerSum / count;
            f.powerExpectedW = expectedSum / count;
            f.reportsSeen = n.reports;
            f.reportsExpected = n.reportsExpected;
            return f;
        }
    }

    /**
     * The dimming levels the lamp reported while burning, by local time of day (the start of the
     * report slot).
     */
    static Map<LocalTime, List<Double>> levelsByTimeOfDay(
            List<LampReading> readings, ZoneId zone, long intervalMs) {
        Map<LocalTime, List<Double>> levels = new HashMap<>();
        for (LampReading r : readings) {
            Double power = r.power();
            if (r.level != null && r.level > 0 && power != null && power > 0) {
                levels.computeIfAbsent(
                                timeOfDay(r.observedAtMs, zone, intervalMs), k -> new ArrayList<>())
                        .add(r.level);
            }
        }
        return levels;
    }

    /** The schedule's dimming level at {@code t}: the median reported then, else 1 (full power). */
    static double scheduledLevel(
            Map<LocalTime, List<Double>> levels, long t, ZoneId zone, long intervalMs) {
        List<Double> seen = levels.get(timeOfDay(t, zone, intervalMs));
        if (seen == null || seen.isEmpty()) {
            return 1.0;
        }
        double[] sorted = seen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The power the lamp's schedule gives at {@code t}, W: 0 in daylight. */
    static double expectedPowerW(
            LightingNetwork.Lamp lamp,
            SolarDay sun,
            Map<LocalTime, List<Double>> levels,
            long t,
            ZoneId zone,
            long intervalMs) {
        if (!sun.isNight(Instant.ofEpochMilli(t))) {
            return 0;
        }
        return lamp.ratedW() * scheduledLevel(levels, t, zone, intervalMs);
    }

    private static LocalTime timeOfDay(long t, ZoneId zone, long intervalMs) {
        LocalTime local = Instant.ofEpochMilli(t).atZone(zone).toLocalTime();
        long slotSeconds = intervalMs / 1000;
        long s = local.toSecondOfDay() / slotSeconds * slotSeconds;
        return LocalTime.ofSecondOfDay(s);
    }
}
