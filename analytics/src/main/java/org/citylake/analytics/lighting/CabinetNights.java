package org.citylake.analytics.lighting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.LightingFault;

/**
 * One cabinet's meter readings and its lamps' nights → the cabinet's nights ({@link CabinetNight})
 * and its meter faults. Pure: no Flink.
 *
 * <p>The meter is cumulative. Each pair of consecutive readings is an interval, of the night its
 * first reading is in (the night's last interval closes with the next night's first reading). Per
 * interval: the increment is the meter's energy; the lamps' energy is the sum of their report slots
 * starting in it ({@link LampNight#slotKwh}: reported; a missing report estimated from the lamps of
 * the cabinet that reported that slot, else from the lamp's schedule, see {@link Slots}), so a lamp
 * that stopped reporting but still burns does not look like unmetered load.
 *
 * <ul>
 *   <li>{@code METER_RESET}: the meter went backwards (reset or replaced). The reading after the
 *       reset counts from 0 (never negative); for the comparison below the interval takes the
 *       lamps' energy, since what the meter counted before the reset is lost. A jump forward of
 *       more than {@value LightingSettings#METER_JUMP_FACTOR} × the lamps' rated power over the
 *       interval is not counted (never huge) and is a reset too. Severity medium.
 *   <li>{@code METER_MISMATCH}: {@code |reconciled − lamps| / lamps} above the tolerance, where
 *       reconciled is the meter with its reset intervals replaced; judged only when at most half of
 *       the lamps' energy is estimated (otherwise the estimate, not the meter, is in doubt).
 *       Severity high at 3 × the tolerance or more, else medium.
 * </ul>
 */
public final class CabinetNights {

    private CabinetNights() {}

    public record Result(List<CabinetNight> nights, List<FaultRow> faults) {}

    /**
     * @param readings the cabinet's meter readings of the run (any order)
     * @param lampNights the lamp nights of the cabinet's lamps, with their slots
     * @param ratedW the rated power of the cabinet's lamps together, W
     */
    public static Result of(
            String cabinetId,
            List<CabinetReading> readings,
            List<LampNight> lampNights,
            double ratedW,
            Set<LocalDate> nights,
            ZoneId zone,
            LightingSettings settings) {
        List<CabinetReading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(r -> r.observedAtMs));
        List<CabinetReading> unique = new ArrayList<>();
        for (CabinetReading r : sorted) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).observedAtMs != r.observedAtMs) {
                unique.add(r);
            }
        }
        Map<Integer, Integer> expectedSlots = new TreeMap<>();
        for (LampNight n : lampNights) {
            expectedSlots.put(n.night, n.reportsExpected);
        }
        Slots slots = Slots.of(lampNights);
        Map<LocalDate, Acc> byNight = new TreeMap<>();
        for (int i = 0; i < unique.size(); i++) {
            CabinetReading r = unique.get(i);
            LocalDate night = SolarDay.lightingDate(Instant.ofEpochMilli(r.observedAtMs), zone);
            if (!nights.contains(night)) {
                continue;
            }
            Acc acc = byNight.computeIfAbsent(night, k -> new Acc());
            acc.readings++;
            if (i + 1 >= unique.size()) {
                continue;
            }
            CabinetReading next = unique.get(i + 1);
            double lamps = slots.kwh(r.observedAtMs, next.observedAtMs);
            acc.estimated += slots.estimatedKwh(r.observedAtMs, next.observedAtMs);
            double delta = next.energyKwh - r.energyKwh;
            double hours = (next.observedAtMs - r.observedAtMs) / 3_600_000.0;
            double jump =
                    Math.max(LightingSettings.METER_JUMP_FACTOR * ratedW * hours / 1000, 0.01);
            acc.intervals++;
            acc.firstStart = acc.firstStart == null ? r.observedAtMs : acc.firstStart;
            acc.lastEnd = next.observedAtMs;
            acc.lamps += lamps;
            if (delta < 0) {
                acc.metered += next.energyKwh;
                acc.reconciled += lamps;
                acc.reset(
                        r.observedAtMs,
                        next.observedAtMs,
                        "went back from "
                                + fmt(r.energyKwh)
                                + " to "
                                + fmt(next.energyKwh)
                                + " kWh");
            } else if (delta > jump) {
                acc.reconciled += lamps;
                acc.reset(
                        r.observedAtMs,
                        next.observedAtMs,
                        "jumped forward by " + fmt(delta) + " kWh");
            } else {
                acc.metered += delta;
                acc.reconciled += delta;
            }
        }
        List<CabinetNight> out = new ArrayList<>();
        List<FaultRow> faults = new ArrayList<>();
        for (Map.Entry<LocalDate, Acc> e : byNight.entrySet()) {
            Acc acc = e.getValue();
            int night = (int) e.getKey().toEpochDay();
            CabinetNight c = new CabinetNight();
            c.cabinetId = cabinetId;
            c.night = night;
            c.readings = acc.readings;
            c.meteredKwh = acc.intervals == 0 ? null : acc.metered;
            c.lampsKwh = acc.lamps;
            c.reconciledKwh = acc.reconciled;
            c.resets = acc.resets;
            out.add(c);
            int expected =
                    expectedSlots.getOrDefault(
                            night, slotsOf(e.getKey(), zone, settings.intervalMs()));
            if (acc.resets > 0) {
                FaultRow f = FaultRow.cabinet(LightingFault.METER_RESET, night, cabinetId);
                f.firstSeenMs = acc.firstReset;
                f.lastSeenMs = acc.lastReset;
                f.readingsFlagged = acc.resets;
                f.energySeenKwh = c.meteredKwh;
                f.energyExpectedKwh = acc.lamps;
                f.reportsSeen = acc.readings;
                f.reportsExpected = expected;
                f.severity = "medium";
                f.detail =
                        "meter "
                                + String.join("; ", acc.resetDetails)
                                + "; counted from 0 after the reset, the interval compared with"
                                + " the lamps' energy";
                faults.add(f);
            }
            // judged only where most of the lamps' energy was reported, not estimated
            if (acc.intervals > 0 && acc.lamps > 0 && acc.estimated <= acc.lamps / 2) {
                double deviation = Math.abs(acc.reconciled - acc.lamps) / acc.lamps;
                if (deviation > settings.meterTolerance()) {
                    FaultRow f = FaultRow.cabinet(LightingFault.METER_MISMATCH, night, cabinetId);
                    f.firstSeenMs = acc.firstStart;
                    f.lastSeenMs = acc.lastEnd;
                    f.readingsFlagged = acc.intervals;
                    f.energySeenKwh = acc.reconciled;
                    f.energyExpectedKwh = acc.lamps;
                    f.reportsSeen = acc.readings;
                    f.reportsExpected = expected;
                    f.severity = deviation >= 3 * settings.meterTolerance() ? "high" : "medium";
                    f.detail =
                            String.format(
                                    Locale.ROOT,
                                    "meter %.3f kWh against %.3f kWh of its lamps: %+.1f %%"
                                            + " (tolerance %.1f %%)",
                                    acc.reconciled,
                                    acc.lamps,
                                    100 * (acc.reconciled - acc.lamps) / acc.lamps,
                                    100 * settings.meterTolerance());
                    faults.add(f);
                }
            }
        }
        return new Result(out, faults);
    }

    private static final class Acc {
        int readings;
        int intervals;
        int resets;
        double metered;
        double reconciled;
        double lamps;
        double estimated;
        Long firstReset;
        Long lastReset;
        final List<String> resetDetails = new ArrayList<>();
        Long firstStart;
        Long lastEnd;

        void reset(long from, long to, String what) {
            resets++;
            firstReset = firstReset == null ? from : firstReset;
            lastReset = to;
            resetDetails.add(
                    what
                            + " between "
                            + Instant.ofEpochMilli(from)
                            + " and "
                            + Instant.ofEpochMilli(to));
        }
    }

    /**
     * The cabinet's lamps' energy per slot start. A slot a lamp did not report is estimated from
     * the lamps of the same cabinet that did report it (they share the photocell and, mostly, the
     * dimming schedule): the lamp's rated power × the median of their power shares (reported power
     * / rated); where none reported, from the lamp's own schedule ({@link LampNights}).
     */
    static final class Slots {
        final TreeMap<Long, Double> kwh = new TreeMap<>();
        final TreeMap<Long, Double> estimated = new TreeMap<>();

        static Slots of(List<LampNight> lampNights) {
            Map<Long, List<Double>> shares = new TreeMap<>();
            for (LampNight n : lampNights) {
                if (n.slotShare == null) {
                    continue;
                }
                for (int s = 0; s < n.slotShare.length; s++) {
                    if (!Double.isNaN(n.slotShare[s])) {
                        shares.computeIfAbsent(
                                        n.slotsStartMs + s * n.slotMs, k -> new ArrayList<>())
                                .add(n.slotShare[s]);
                    }
                }
            }
            Slots slots = new Slots();
            for (LampNight n : lampNights) {
                if (n.slotKwh == null) {
                    continue;
                }
                for (int s = 0; s < n.slotKwh.length; s++) {
                    long start = n.slotsStartMs + s * n.slotMs;
                    double e = n.slotKwh[s];
                    boolean reported = n.slotShare != null && !Double.isNaN(n.slotShare[s]);
                    if (!reported) {
                        List<Double> others = shares.get(start);
                        if (others != null) {
                            e = n.ratedW * median(others) * n.slotMs / 3_600_000.0 / 1000;
                        }
                        slots.estimated.merge(start, e, Double::sum);
                    }
                    slots.kwh.merge(start, e, Double::sum);
                }
            }
            return slots;
        }

        /** The lamps' energy of the slots starting in {@code [from, to)}. */
        double kwh(long from, long to) {
            return sum(kwh, from, to);
        }

        /** The estimated part of it. */
        double estimatedKwh(long from, long to) {
            return sum(estimated, from, to);
        }

        private static double sum(TreeMap<Long, Double> slots, long from, long to) {
            double s = 0;
            for (double v : slots.subMap(from, true, to, false).values()) {
                s += v;
            }
            return s;
        }

        private static double median(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    private static int slotsOf(LocalDate night, ZoneId zone, long intervalMs) {
        long start = night.atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
        long end = night.plusDays(1).atTime(12, 0).atZone(zone).toInstant().toEpochMilli();
        return (int) ((end - start) / intervalMs);
    }

    private static String fmt(double kwh) {
        return String.format(Locale.ROOT, "%.3f", kwh);
    }

    static Map<String, Double> ratedByCabinet(LightingNetwork network) {
        Map<String, Double> rated = new LinkedHashMap<>();
        for (LightingNetwork.Lamp lamp : network.lamps().values()) {
            if (lamp.cabinetId() != null) {
                rated.merge(lamp.cabinetId(), lamp.ratedW(), Double::sum);
            }
        }
        return rated;
    }
}
