package org.citylake.analytics.waste;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The history of one bin, pure: its fill cycles, its statistics over a period and its state at the
 * start of each day.
 *
 * <p>A <b>fill cycle</b> runs from one emptying to the next. It starts at the level the emptying
 * left (fill after; 0 when not reported) and its <b>rate</b> is (last level seen in the cycle -
 * start level) / days elapsed to that observation, where the last level seen is the next emptying's
 * fill before (or, without it, the cycle's last level reading). Cycles shorter than an hour or
 * longer than {@value #MAX_CYCLE_DAYS} days give no rate (a bin out of service, or two reports of
 * one emptying). A cycle <b>overflowed</b> when any level seen in it, readings or the fill before
 * its closing emptying, is at or above the overflow level. The typical rate is the median rate of
 * the cycles considered (robust to one odd cycle).
 *
 * <p>The <b>state at a day's start</b> uses only events before it: the level of the last event
 * (what an emptying left, or a reading) plus the typical rate of the cycles that ended in the
 * {@code historyDays} before, times the days elapsed since that event.
 */
final class BinHistory {

    static final long DAY_MS = 86_400_000L;
    static final double MIN_CYCLE_DAYS = 1.0 / 24;
    static final double MAX_CYCLE_DAYS = 30;

    /** Levels under this are not used to derive the weight of a full bin (noise dominates). */
    static final double MIN_LEVEL_FOR_WEIGHT = 0.1;

    /**
     * One fill cycle.
     *
     * @param rate share of capacity per day; NaN when the cycle gives none
     */
    record Cycle(long startMs, long endMs, double days, double rate, boolean overflowed) {}

    private final String containerId;
    private final List<BinEvent> events;
    private final List<Cycle> cycles;

    BinHistory(String containerId, List<BinEvent> events, double overflowLevel) {
        this.containerId = containerId;
        this.events = new ArrayList<>(events);
        this.events.sort(
                Comparator.comparingLong((BinEvent e) -> e.atMs)
                        .thenComparingInt(e -> e.isPickup() ? 1 : 0));
        this.cycles = cycles(this.events, overflowLevel);
    }

    List<Cycle> cycles() {
        return cycles;
    }

    private static List<Cycle> cycles(List<BinEvent> events, double overflowLevel) {
        List<Cycle> out = new ArrayList<>();
        BinEvent start = null;
        BinEvent lastLevel = null;
        boolean overflowed = false;
        for (BinEvent e : events) {
            if (e.level != null && e.level >= overflowLevel) {
                overflowed = true;
            }
            if (e.level != null) {
                lastLevel = e;
            }
            if (!e.isPickup()) {
                continue;
            }
            if (start != null) {
                double days = (e.atMs - start.atMs) / (double) DAY_MS;
                double rate = Double.NaN;
                if (lastLevel != null && lastLevel.atMs > start.atMs) {
                    double seenDays = (lastLevel.atMs - start.atMs) / (double) DAY_MS;
                    if (seenDays >= MIN_CYCLE_DAYS && days <= MAX_CYCLE_DAYS) {
                        rate = Math.max(0, lastLevel.level - start.levelLeft()) / seenDays;
                    }
                }
                out.add(new Cycle(start.atMs, e.atMs, days, rate, overflowed));
            }
            start = e;
            lastLevel = null;
            overflowed = false;
        }
        return out;
    }

    /** Median of the rates of the cycles that ended in {@code [fromMs, toMs)}; null when none. */
    Double typicalRate(long fromMs, long toMs) {
        List<Double> rates = new ArrayList<>();
        for (Cycle c : cycles) {
            if (c.endMs() >= fromMs && c.endMs() < toMs && !Double.isNaN(c.rate())) {
                rates.add(c.rate());
            }
        }
        return median(rates);
    }

    /** kg of the bin when full: median of weight / level over its emptyings before {@code toMs}. */
    Double kgWhenFull(long toMs) {
        List<Double> ratios = new ArrayList<>();
        for (BinEvent e : events) {
            if (e.atMs < toMs
                    && e.isPickup()
                    && e.level != null
                    && e.level >= MIN_LEVEL_FOR_WEIGHT
                    && e.weightKg != null
                    && e.weightKg > 0) {
                ratios.add(e.weightKg / e.level);
            }
        }
        return median(ratios);
    }

    /** The bin's statistics over the days {@code [fromMs, toMs)}; null when nothing happened. */
    BinStatsRow stats(long fromMs, long toMs, double lowFill, double overflowLevel) {
        BinStatsRow row = new BinStatsRow();
        row.containerId = containerId;
        double fillSum = 0;
        int fills = 0;
        for (BinEvent e : events) {
            if (!e.isPickup() || e.atMs < fromMs || e.atMs >= toMs) {
                continue;
            }
            row.pickups++;
            row.kgCollected += e.weightKg == null ? 0 : e.weightKg;
            if (e.level != null) {
                fillSum += e.level;
                fills++;
                if (e.level < lowFill) {
                    row.lowFillPickups++;
                }
            }
        }
        double daySum = 0;
        int ended = 0;
        for (Cycle c : cycles) {
            if (c.endMs() >= fromMs && c.endMs() < toMs) {
                ended++;
                daySum += c.days();
                if (c.overflowed()) {
                    row.overflows++;
                }
            }
        }
        if (row.pickups == 0 && ended == 0) {
            return null;
        }
        row.meanFill = fills == 0 ? null : fillSum / fills;
        row.fillRatePerDay = typicalRate(fromMs, toMs);
        row.daysToFull =
                row.fillRatePerDay == null || row.fillRatePerDay <= 0
                        ? null
                        : overflowLevel / row.fillRatePerDay;
        row.meanDaysBetweenPickups = ended == 0 ? null : daySum / ended;
        return row;
    }

    /**
     * The bin's state at the start of {@code day} (in {@code zone}) from what happened before it;
     * null when nothing did.
     */
    BinDay dayStart(LocalDate day, ZoneId zone, int historyDays) {
        long startMs = day.atStartOfDay(zone).toInstant().toEpochMilli();
        BinEvent last = null;
        for (BinEvent e : events) {
            if (e.atMs >= startMs) {
                break;
            }
            if (e.isPickup() || e.level != null) {
                last = e;
            }
        }
        if (last == null) {
            return null;
        }
        double level = last.isPickup() ? last.levelLeft() : last.level;
        Double rate = typicalRate(startMs - historyDays * DAY_MS, startMs);
        double elapsed = (startMs - last.atMs) / (double) DAY_MS;
        double now = rate == null ? level : level + rate * elapsed;
        return BinDay.of(containerId, (int) day.toEpochDay(), now, rate, kgWhenFull(startMs));
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
