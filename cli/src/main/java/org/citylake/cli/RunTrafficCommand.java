package org.citylake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.JobRunLog;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.analytics.traffic.SegmentDirectory;
import org.citylake.analytics.traffic.SegmentRef;
import org.citylake.analytics.traffic.TrafficCongestionJob;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.lakehouse.tables.TrafficTables;
import org.citylake.model.AnalyticsPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake run traffic}. */
@Command(
        name = "traffic",
        description = {
            "Congestion index and rankings from clean.traffic_flow.",
            "Writes gold.segment_congestion (per segment per 5 minutes and per hour: flow, mean"
                    + " speed, travel time, free-flow time and how it was found, TTI, congestion %,"
                    + " Gaode band) and gold.congestion_ranking (per day and per ISO week: segments,"
                    + " districts and the city ranked by peak-hour TTI weighted by vehicles x"
                    + " length, with delay vehicle-hours), then prints the most congested"
                    + " segments and districts.",
            "Example: citylake run traffic --from 2014-08-18 --city aarhus"
        },
        mixinStandardHelpOptions = true)
public final class RunTrafficCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;
    @Mixin PeriodArgs periodArgs;

    @Option(
            names = "--peak-hours",
            defaultValue = "06-10,15-19",
            paramLabel = "H-H,...",
            description = "Peak hours, local time, half-open (default ${DEFAULT-VALUE}).")
    String peakHours;

    @Option(
            names = "--peak-days",
            defaultValue = "MON-FRI",
            paramLabel = "DAYS",
            description = "Days whose peak hours count (default ${DEFAULT-VALUE}).")
    String peakDays;

    @Option(
            names = "--tti-cap",
            defaultValue = "10",
            paramLabel = "X",
            description =
                    "Readings with a raw TTI above this are outliers: counted, left out"
                            + " (default ${DEFAULT-VALUE}).")
    double ttiCap;

    @Option(
            names = "--min-peak-readings",
            defaultValue = "12",
            paramLabel = "N",
            description =
                    "Rank only scopes with at least N peak readings with vehicles (default"
                            + " ${DEFAULT-VALUE}, one hour of 5-minute readings).")
    int minPeakReadings;

    @Option(names = "--top", defaultValue = "10", description = "Rows to print per ranking.")
    int top;

    @Override
    public Integer call() throws Exception {
        LakeConfig config = lakeArgs.load();
        CongestionSettings settings =
                CongestionSettings.defaults()
                        .withPeakHours(CongestionSettings.parseHours(peakHours))
                        .withPeakDays(CongestionSettings.parseDays(peakDays))
                        .withTtiCap(ttiCap)
                        .withMinPeakReadings(minPeakReadings);
        PrintStream out = System.out;
        for (String city : cities(config)) {
            AnalyticsPeriod days = AnalyticsPeriod.of(city, periodArgs.from(), periodArgs.to());
            runOne(config, days, settings);
            try (Lake lake = Lake.open(config)) {
                printTop(lake, days, top, out);
            }
        }
        return 0;
    }

    private void runOne(LakeConfig config, AnalyticsPeriod days, CongestionSettings settings)
            throws Exception {
        JobRunLog log =
                new JobRunLog(
                        TrafficCongestionJob.NAME,
                        days.city(),
                        String.join(" ", periodArgs.asArgs())
                                + " --peak-hours "
                                + peakHours
                                + " --peak-days "
                                + peakDays
                                + " --tti-cap "
                                + ttiCap
                                + " --min-peak-readings "
                                + minPeakReadings);
        Map<String, SegmentRef> segments;
        try (Lake lake = Lake.open(config)) {
            segments = SegmentDirectory.load(lake, days.city());
        }
        System.err.printf(
                "traffic %s: %d segments, peak %s %s%n",
                days, segments.size(), peakDays, peakHours);
        long started = System.nanoTime();
        log.failureRecorded(
                config,
                () ->
                        TrafficCongestionJob.run(
                                config,
                                new TrafficCongestionJob.Plan(
                                        days, settings, segments, log.runId()),
                                periodArgs.allowIncomplete,
                                System.err,
                                BatchOverwrite.FailurePoints.NONE));
        try (Lake lake = Lake.open(config)) {
            long rows = addedRows(lake, TrafficTables.SEGMENT_CONGESTION, log.runId());
            long ranked = addedRows(lake, TrafficTables.CONGESTION_RANKING, log.runId());
            log.succeeded(
                    lake, -1, rows + ranked, rows + " index rows, " + ranked + " ranking rows");
            System.err.printf(
                    "traffic %s: %,d index rows, %,d ranking rows in %.1f s (run %s)%n",
                    days, rows, ranked, (System.nanoTime() - started) / 1e9, log.runId());
        }
    }

    /** Rows the run's commit added, from the snapshot summary. */
    static long addedRows(Lake lake, String table, String runId) {
        for (var snapshot : lake.table(table).snapshots()) {
            if (runId.equals(snapshot.summary().get("citylake.run-id"))) {
                return Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
            }
        }
        return 0;
    }

    private List<String> cities(LakeConfig config) throws Exception {
        if (!periodArgs.cities.isEmpty()) {
            return periodArgs.cities.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        }
        TreeSet<String> cities = new TreeSet<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(lake.table(SegmentDirectory.ROAD_SEGMENTS))
                                .select(TableRegistry.CITY)
                                .build()) {
            rows.forEach(r -> cities.add((String) r.getField(TableRegistry.CITY)));
        }
        if (cities.isEmpty()) {
            throw new IllegalStateException(
                    "ref.road_segments is empty: load the reference data first (citylake ref"
                            + " load)");
        }
        return List.copyOf(cities);
    }

    /** Prints the most congested segments and districts of the last ranked day and week. */
    static void printTop(Lake lake, AnalyticsPeriod days, int top, PrintStream out) {
        List<Record> ranking = ranking(lake, days.city());
        LocalDate lastDay = null;
        for (Record r : ranking) {
            LocalDate start = (LocalDate) r.getField("period_start");
            if ("day".equals(r.getField("period")) && days.contains(start)) {
                lastDay = lastDay == null || start.isAfter(lastDay) ? start : lastDay;
            }
        }
        if (lastDay == null) {
            out.printf(
                    "%s: no peak-hour readings on %s..%s (peak days and hours as set)%n",
                    days.city(), days.from(), days.to());
            return;
        }
        for (String scope : List.of("segment", "district")) {
            print(ranking, "day", lastDay, scope, top, out);
        }
        LocalDate week = AnalyticsPeriod.weekOf(days.to());
        ranking.stream()
                .filter(r -> "week".equals(r.getField("period")))
                .filter(r -> week.equals(r.getField("period_start")))
                .filter(r -> "city".equals(r.getField("scope")))
                .findFirst()
                .ifPresent(
                        r ->
                                out.printf(
                                        Locale.ROOT,
                                        "%n%s, week of %s (%s peak days with data): peak TTI %.3f"
                                                + " (%.1f %% congestion, %s), %.1f delay"
                                                + " vehicle-hours%n",
                                        days.city(),
                                        week,
                                        r.getField("days_with_data"),
                                        (Double) r.getField("peak_tti"),
                                        (Double) r.getField("congestion_pct"),
                                        r.getField("band"),
                                        (Double) r.getField("delay_vehicle_hours")));
    }

    private static void print(
            List<Record> ranking,
            String period,
            LocalDate start,
            String scope,
            int top,
            PrintStream out) {
        List<Record> rows =
                ranking.stream()
                        .filter(r -> period.equals(r.getField("period")))
                        .filter(r -> start.equals(r.getField("period_start")))
                        .filter(r -> scope.equals(r.getField("scope")))
                        .sorted(Comparator.comparing(r -> (Integer) r.getField("rank")))
                        .limit(top)
                        .toList();
        if (rows.isEmpty()) {
            return;
        }
        out.printf(
                "%nMost congested %ss, %s %s (peak-hour TTI, weighted by vehicles x length):%n",
                scope, period, start);
        List<List<String>> cells = new ArrayList<>();
        for (Record r : rows) {
            cells.add(
                    List.of(
                            String.valueOf(r.getField("rank")),
                            String.valueOf(r.getField("scope_id")),
                            String.valueOf(r.getField("scope_name")),
                            String.format(Locale.ROOT, "%.3f", (Double) r.getField("peak_tti")),
                            String.format(
                                    Locale.ROOT, "%.1f", (Double) r.getField("congestion_pct")),
                            String.valueOf(r.getField("band")),
                            String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    (Double) r.getField("delay_vehicle_hours")),
                            String.valueOf(r.getField("vehicles"))));
        }
        TextTable.print(
                out,
                List.of(
                        "rank",
                        scope,
                        "name",
                        "peak TTI",
                        "congestion %",
                        "band",
                        "delay veh-h",
                        "vehicles"),
                cells,
                false);
    }

    private static List<Record> ranking(Lake lake, String city) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(lake.table(TrafficTables.CONGESTION_RANKING))
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
