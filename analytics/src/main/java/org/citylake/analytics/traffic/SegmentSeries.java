package org.citylake.analytics.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.model.AnalyticsPeriod;

/**
 * The congestion index of one segment from its readings: 5-minute and hourly rows, and the
 * peak-hour sums per day and per ISO week that the rankings add up.
 *
 * <p>Per reading: travel time = the reported mean travel time (or length / speed when only a speed
 * is given), only when vehicles were counted; raw TTI = travel time / free-flow time; above the
 * plausibility cap the reading is an outlier, counted and left out of every mean; else TTI = max(1,
 * raw). A window's TTI, speed and travel time are means weighted by vehicles; its flow counts every
 * vehicle. Windows follow local clock time (a DST day has 23 or 25 hourly windows).
 */
public final class SegmentSeries {

    public static final String DAY = "day";
    public static final String WEEK = "week";

    /** What one segment contributes. */
    public record Result(List<IndexRow> rows, List<PeriodSums> sums) {}

    private SegmentSeries() {}

    /**
     * @param indexDays rows and day sums are produced for these days only; week sums for every week
     *     the readings fall in
     */
    public static Result compute(
            SegmentRef segment,
            List<TrafficReading> readings,
            AnalyticsPeriod indexDays,
            CongestionSettings settings) {
        ZoneId zone = indexDays.zone();
        FreeFlow freeFlow = FreeFlow.of(segment, readings, zone, settings);
        List<TrafficReading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(r -> r.observedAtMs));

        Map<Long, Window> fiveMinutes = new LinkedHashMap<>();
        Map<Long, Window> hours = new LinkedHashMap<>();
        Map<String, PeriodSums> sums = new LinkedHashMap<>();
        for (TrafficReading reading : sorted) {
            ZonedDateTime local = Instant.ofEpochMilli(reading.observedAtMs).atZone(zone);
            LocalDate day = local.toLocalDate();
            Classified c = classify(reading, segment, freeFlow, settings);
            boolean peak = settings.isPeak(local.toLocalDateTime());
            if (indexDays.contains(day)) {
                long fiveStart =
                        local.truncatedTo(ChronoUnit.MINUTES)
                                .withMinute(local.getMinute() - local.getMinute() % 5)
                                .toInstant()
                                .toEpochMilli();
                long hourStart = local.truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli();
                fiveMinutes
                        .computeIfAbsent(fiveStart, s -> new Window(s, 5, local, peak))
                        .add(reading, c);
                hours.computeIfAbsent(hourStart, s -> new Window(s, 60, local, peak))
                        .add(reading, c);
            }
            if (!peak) {
                continue;
            }
            LocalDate week = AnalyticsPeriod.weekOf(day);
            if (indexDays.contains(day)) {
                addPeak(sums, segment.id(), DAY, day, day, reading, c, freeFlow);
            }
            addPeak(sums, segment.id(), WEEK, week, day, reading, c, freeFlow);
        }
        List<IndexRow> rows = new ArrayList<>(fiveMinutes.size() + hours.size());
        fiveMinutes.values().forEach(w -> rows.add(w.row(segment.id(), freeFlow)));
        hours.values().forEach(w -> rows.add(w.row(segment.id(), freeFlow)));
        List<PeriodSums> periodSums =
                sums.values().stream().filter(s -> s.flow > 0 || s.outlierReadings > 0).toList();
        return new Result(rows, periodSums);
    }

    /** A reading's travel time and TTI, or why it has none. */
    record Classified(Double travelTimeS, Double tti, boolean outlier) {
        boolean usable() {
            return travelTimeS != null && !outlier;
        }
    }

    static Classified classify(
            TrafficReading r, SegmentRef segment, FreeFlow freeFlow, CongestionSettings settings) {
        Double travelTime = null;
        if (r.flow > 0) {
            if (r.travelTimeS != null && r.travelTimeS > 0) {
                travelTime = r.travelTimeS;
            } else if (r.speedKmh != null && r.speedKmh > 0 && segment.lengthKm() > 0) {
                travelTime = segment.lengthM() / (r.speedKmh / 3.6);
            }
        }
        if (travelTime == null || !freeFlow.known()) {
            return new Classified(travelTime, null, false);
        }
        double raw = travelTime / freeFlow.timeS();
        if (raw > settings.ttiCap()) {
            return new Classified(travelTime, null, true);
        }
        return new Classified(travelTime, CongestionIndex.clip(raw), false);
    }

    private static void addPeak(
            Map<String, PeriodSums> sums,
            String segmentId,
            String period,
            LocalDate periodStart,
            LocalDate day,
            TrafficReading r,
            Classified c,
            FreeFlow freeFlow) {
        PeriodSums s =
                sums.computeIfAbsent(
                        period + periodStart,
                        k -> new PeriodSums(segmentId, period, (int) periodStart.toEpochDay()));
        if (c.outlier()) {
            s.outlierReadings++;
            return;
        }
        if (c.tti() == null) {
            return;
        }
        s.flowTti += r.flow * c.tti();
        s.flow += r.flow;
        s.delayVehicleSeconds += r.flow * (c.tti() - 1.0) * freeFlow.timeS();
        s.peakReadings++;
        s.daysMask |= 1 << (int) (day.toEpochDay() - periodStart.toEpochDay());
    }

    /** Sums of one window. */
    private static final class Window {
        final long startMs;
        final int minutes;
        final int localEpochDay;
        final int localHour;
        final boolean peak;
        long flow;
        int readings;
        int outliers;
        long speedFlow;
        double flowSpeed;
        long timeFlow;
        double flowTime;
        long ttiFlow;
        double flowTti;

        Window(long startMs, int minutes, ZonedDateTime local, boolean peak) {
            this.startMs = startMs;
            this.minutes = minutes;
            this.localEpochDay = (int) local.toLocalDate().toEpochDay();
            this.localHour = local.getHour();
            this.peak = peak;
        }

        void add(TrafficReading r, Classified c) {
            readings++;
            flow += r.flow;
            if (c.outlier()) {
                outliers++;
                return;
            }
            if (!c.usable()) {
                return;
            }
            if (r.speedKmh != null && r.speedKmh > 0) {
                speedFlow += r.flow;
                flowSpeed += r.flow * r.speedKmh;
            }
            timeFlow += r.flow;
            flowTime += r.flow * c.travelTimeS();
            if (c.tti() != null) {
                ttiFlow += r.flow;
                flowTti += r.flow * c.tti();
            }
        }

        IndexRow row(String segmentId, FreeFlow freeFlow) {
            IndexRow row = new IndexRow();
            row.segmentId = segmentId;
            row.windowStartMs = startMs;
            row.windowMinutes = minutes;
            row.localEpochDay = localEpochDay;
            row.localHour = localHour;
            row.peak = peak;
            row.flow = flow;
            row.meanSpeedKmh = speedFlow > 0 ? flowSpeed / speedFlow : null;
            row.travelTimeS = timeFlow > 0 ? flowTime / timeFlow : null;
            row.freeFlowTimeS = freeFlow.known() ? freeFlow.timeS() : null;
            row.tti = ttiFlow > 0 ? flowTti / ttiFlow : null;
            row.freeFlowMethod = freeFlow.method();
            row.readings = readings;
            row.outlierReadings = outliers;
            return row;
        }
    }
}
