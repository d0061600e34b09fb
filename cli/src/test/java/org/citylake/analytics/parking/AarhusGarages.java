package org.citylake.analytics.parking;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The parking job's results for the Aarhus garages computed straight from the source CSV, with none
 * of the product's code: the rules of README "Analytics: parking" written out plainly.
 *
 * <p><b>Readings.</b> Free spots = totalspaces − vehiclecount; a row is kept when 0 ≤ vehiclecount
 * ≤ totalspaces (ingest rejects the others); the first row of a (garage, instant) wins. {@code
 * updatetime} is Copenhagen local time; in the autumn overlap a garage's rows, taken in {@code _id}
 * order, get the summer offset unless that would put them before the garage's previous row, then
 * the winter offset.
 *
 * <p><b>Slots.</b> 15-minute slots in absolute time from local midnight to local midnight (92 / 100
 * on DST days), each on the local day and quarter of day ({@code hour × 4 + minute / 15}) of its
 * start. A run reads the readings from 60 minutes before its first day to the end of its last. A
 * slot's value is the last reading observed before the slot ends if that reading is at most 60
 * minutes old at the slot's end ({@code no_reading} without one, {@code stale} when older); a
 * reading belonging to a run of one free-spot count spanning 24 h or more among the run's readings
 * is a stuck sensor ({@code frozen}): no value either.
 *
 * <p><b>Days.</b> Peak = highest occupancy (occupied / capacity) and the first slot reaching it;
 * hours above 90 % = slots with more than 90 % of the spots taken × 15 minutes; mean over the
 * valued slots.
 *
 * <p><b>Forecast.</b> The last seven days of the range are the test days, the days before train.
 * Free spots one hour after a valued slot = free spots now + the mean change over one hour of the
 * garage's training pairs (both slots valued, the later one ending by the first test day) that
 * start at the same quarter of day on the same kind of day (Monday–Friday, Saturday, Sunday); with
 * fewer than 3 such pairs the same quarter on any day, with fewer than 3 of those no change; kept
 * within 0 .. the capacity now. Every valued slot of the test days whose slot an hour later lies in
 * the range is forecast; those whose later slot has a value are scored, beside the naive forecast
 * (free spots now): MAE, RMSE and skill = 1 − RMSE / RMSE<sub>naive</sub>, per garage and pooled.
 */
final class AarhusGarages {

    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    static final String LOT_PREFIX = "urn:ngsi-ld:OffStreetParking:aarhus:";
    static final long MINUTE = 60_000L;
    static final long QUARTER = 15 * MINUTE;
    static final long HOUR = 60 * MINUTE;
    static final long MAX_AGE = 60 * MINUTE;
    static final long FROZEN_AFTER = 24 * HOUR;
    static final int TEST_DAYS = 7;
    static final int MIN_PAIRS = 3;

    private AarhusGarages() {}

    /** One accepted reading. */
    record Reading(long atMs, int free, int total) {}

    /** One slot; free and total are null unless the status is ok. */
    record Slot(
            long startMs, LocalDate day, int quarter, String status, Integer free, Integer total) {

        boolean valued() {
            return "ok".equals(status);
        }

        Integer occupied() {
            return valued() ? total - free : null;
        }

        Double occupancy() {
            return valued() ? (double) (total - free) / total : null;
        }
    }

    /** One day of a garage. */
    record Day(
            LocalDate day,
            int slots,
            int slotsWithData,
            Double peakOccupancy,
            Long peakAtMs,
            Integer peakOccupied,
            Integer minFree,
            Double meanOccupancy,
            double hoursAbove90) {}

    /** One forecast of the test days; actual null when the slot an hour later has no value. */
    record Forecast(long originMs, int freeNow, double forecast, Integer actual) {}

    /** Error sums over the scored forecasts. */
    record Errors(long pairs, double naiveAbs, double naiveSq, double modelAbs, double modelSq) {

        static final Errors NONE = new Errors(0, 0, 0, 0, 0);

        Errors plus(double actual, double naive, double model) {
            return new Errors(
                    pairs + 1,
                    naiveAbs + Math.abs(naive - actual),
                    naiveSq + (naive - actual) * (naive - actual),
                    modelAbs + Math.abs(model - actual),
                    modelSq + (model - actual) * (model - actual));
        }

        Errors plus(Errors o) {
            return new Errors(
                    pairs + o.pairs,
                    naiveAbs + o.naiveAbs,
                    naiveSq + o.naiveSq,
                    modelAbs + o.modelAbs,
                    modelSq + o.modelSq);
        }

        Double naiveMae() {
            return pairs == 0 ? null : naiveAbs / pairs;
        }

        Double naiveRmse() {
            return pairs == 0 ? null : Math.sqrt(naiveSq / pairs);
        }

        Double modelMae() {
            return pairs == 0 ? null : modelAbs / pairs;
        }

        Double modelRmse() {
            return pairs == 0 ? null : Math.sqrt(modelSq / pairs);
        }

        Double skill() {
            return pairs == 0 || naiveSq == 0 ? null : 1 - modelRmse() / naiveRmse();
        }
    }

    /** A garage over the range. */
    record Garage(
            String code,
            List<Slot> slots,
            Map<LocalDate, Day> days,
            List<Forecast> forecasts,
            Errors errors) {

        String lotId() {
            return LOT_PREFIX + code;
        }
    }

    /** A run over from..to: the garages by code, their pooled errors and the split. */
    record Run(
            Map<String, Garage> garages,
            Errors pooled,
            LocalDate trainStart,
            LocalDate trainEnd,
            LocalDate testStart,
            LocalDate testEnd) {}

    /** Garage code → its accepted readings in time order. */
    static Map<String, List<Reading>> readings(Path csvGz) throws IOException {
        record Row(long id, LocalDateTime local, int vehicles, int total) {}
        Map<String, List<Row>> rows = new TreeMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in =
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(csvGz)),
                                StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.parse(in, format)) {
            for (CSVRecord r : csv) {
                rows.computeIfAbsent(r.get("garagecode"), g -> new ArrayList<>())
                        .add(
                                new Row(
                                        Long.parseLong(r.get("_id")),
                                        LocalDateTime.parse(r.get("updatetime").replace(' ', 'T')),
                                        Integer.parseInt(r.get("vehiclecount")),
                                        Integer.parseInt(r.get("totalspaces"))));
            }
        }
        Map<String, List<Reading>> out = new TreeMap<>();
        rows.forEach(
                (garage, list) -> {
                    // the file lists rows by local text; the source stored them in _id order
                    List<Row> stored = new ArrayList<>(list);
                    stored.sort((a, b) -> Long.compare(a.id(), b.id()));
                    TreeMap<Long, Reading> byTime = new TreeMap<>();
                    Long previous = null;
                    for (Row r : stored) {
                        ZonedDateTime summer = ZonedDateTime.of(r.local(), CPH);
                        long at = summer.toInstant().toEpochMilli();
                        if (CPH.getRules().getValidOffsets(r.local()).size() == 2
                                && previous != null
                                && at < previous) {
                            at = summer.withLaterOffsetAtOverlap().toInstant().toEpochMilli();
                        }
                        previous = at;
                        if (r.vehicles() >= 0 && r.vehicles() <= r.total()) {
                            byTime.putIfAbsent(
                                    at, new Reading(at, r.total() - r.vehicles(), r.total()));
                        }
                    }
                    out.put(garage, new ArrayList<>(byTime.values()));
                });
        return out;
    }

    /** The job's results over the local days from..to, both included. */
    static Run run(Map<String, List<Reading>> readings, LocalDate from, LocalDate to) {
        long start = from.atStartOfDay(CPH).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(CPH).toInstant().toEpochMilli();
        LocalDate testStart = to.minusDays(TEST_DAYS - 1);
        long testStartMs = testStart.atStartOfDay(CPH).toInstant().toEpochMilli();
        Map<String, Garage> garages = new TreeMap<>();
        Errors pooled = Errors.NONE;
        for (var e : readings.entrySet()) {
            List<Reading> given =
                    e.getValue().stream()
                            .filter(r -> r.atMs() >= start - MAX_AGE && r.atMs() < end)
                            .toList();
            List<Slot> slots = slots(given, start, end);
            Map<Long, Slot> byStart = new HashMap<>();
            slots.forEach(s -> byStart.put(s.startMs(), s));

            // training: (day kind, quarter) and quarter alone → {sum of changes, pairs}
            double[][] cell = new double[3 * 96][2];
            double[][] quarter = new double[96][2];
            for (Slot o : slots) {
                Slot t = byStart.get(o.startMs() + HOUR);
                if (t == null || t.startMs() + QUARTER > testStartMs) {
                    continue;
                }
                if (o.valued() && t.valued()) {
                    int change = t.free() - o.free();
                    double[] c = cell[kind(o.day()) * 96 + o.quarter()];
                    c[0] += change;
                    c[1]++;
                    quarter[o.quarter()][0] += change;
                    quarter[o.quarter()][1]++;
                }
            }
            List<Forecast> forecasts = new ArrayList<>();
            Errors errors = Errors.NONE;
            for (Slot o : slots) {
                Slot t = byStart.get(o.startMs() + HOUR);
                if (o.startMs() < testStartMs || !o.valued() || t == null) {
                    continue;
                }
                double[] c = cell[kind(o.day()) * 96 + o.quarter()];
                double[] q = quarter[o.quarter()];
                double change =
                        c[1] >= MIN_PAIRS ? c[0] / c[1] : q[1] >= MIN_PAIRS ? q[0] / q[1] : 0;
                double forecast = Math.min(o.total(), Math.max(0, o.free() + change));
                forecasts.add(
                        new Forecast(
                                o.startMs(), o.free(), forecast, t.valued() ? t.free() : null));
                if (t.valued()) {
                    errors = errors.plus(t.free(), o.free(), forecast);
                }
            }
            garages.put(e.getKey(), new Garage(e.getKey(), slots, days(slots), forecasts, errors));
            pooled = pooled.plus(errors);
        }
        return new Run(garages, pooled, from, testStart.minusDays(1), testStart, to);
    }

    /** 0 Monday–Friday, 1 Saturday, 2 Sunday. */
    static int kind(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY
                ? 1
                : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 2 : 0;
    }

    /** The slots from start to end of one garage, from the readings the run reads. */
    static List<Slot> slots(List<Reading> given, long start, long end) {
        // readings of a run of one count spanning 24 h or more
        boolean[] stuck = new boolean[given.size()];
        int first = 0;
        while (first < given.size()) {
            int last = first;
            while (last + 1 < given.size()
                    && given.get(last + 1).free() == given.get(first).free()) {
                last++;
            }
            if (given.get(last).atMs() - given.get(first).atMs() >= FROZEN_AFTER) {
                for (int k = first; k <= last; k++) {
                    stuck[k] = true;
                }
            }
            first = last + 1;
        }
        NavigableMap<Long, Integer> index = new TreeMap<>();
        for (int i = 0; i < given.size(); i++) {
            index.put(given.get(i).atMs(), i);
        }
        List<Slot> slots = new ArrayList<>();
        for (long s = start; s < end; s += QUARTER) {
            ZonedDateTime local = Instant.ofEpochMilli(s).atZone(CPH);
            LocalDate day = local.toLocalDate();
            int q = local.getHour() * 4 + local.getMinute() / 15;
            var before = index.lowerEntry(s + QUARTER);
            String status;
            if (before == null) {
                status = "no_reading";
            } else if (s + QUARTER - before.getKey() > MAX_AGE) {
                status = "stale";
            } else if (stuck[before.getValue()]) {
                status = "frozen";
            } else {
                Reading r = given.get(before.getValue());
                slots.add(new Slot(s, day, q, "ok", r.free(), r.total()));
                continue;
            }
            slots.add(new Slot(s, day, q, status, null, null));
        }
        return slots;
    }

    /** Days of a garage, from its slots. */
    static Map<LocalDate, Day> days(List<Slot> slots) {
        Map<LocalDate, List<Slot>> byDay = new LinkedHashMap<>();
        slots.forEach(s -> byDay.computeIfAbsent(s.day(), d -> new ArrayList<>()).add(s));
        Map<LocalDate, Day> days = new TreeMap<>();
        byDay.forEach(
                (day, list) -> {
                    int with = 0;
                    int above = 0;
                    Slot peak = null;
                    Integer minFree = null;
                    double sum = 0;
                    for (Slot s : list) {
                        if (!s.valued()) {
                            continue;
                        }
                        with++;
                        sum += s.occupancy();
                        if (peak == null || s.occupancy() > peak.occupancy()) {
                            peak = s;
                        }
                        if (minFree == null || s.free() < minFree) {
                            minFree = s.free();
                        }
                        if (10 * s.occupied() > 9 * s.total()) {
                            above++;
                        }
                    }
                    days.put(
                            day,
                            new Day(
                                    day,
                                    list.size(),
                                    with,
                                    peak == null ? null : peak.occupancy(),
                                    peak == null ? null : peak.startMs(),
                                    peak == null ? null : peak.occupied(),
                                    minFree,
                                    with == 0 ? null : sum / with,
                                    above / 4.0));
                });
        return days;
    }
}
