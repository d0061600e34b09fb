package org.citylake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.JobRunLog;
import org.citylake.analytics.parking.ForecastSkill;
import org.citylake.analytics.parking.ForecastWindow;
import org.citylake.analytics.parking.ParkingJob;
import org.citylake.analytics.parking.ParkingLots;
import org.citylake.analytics.parking.ParkingSettings;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.tables.ParkingTables;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake run parking}. */
@Command(
        name = "parking",
        description = {
            "Garage occupancy, daily peaks and a next-hour availability forecast from"
                    + " clean.parking.",
            "Writes gold.parking_occupancy (per garage per 15 minutes: the last reading before"
                    + " the slot ends, if at most --max-age old; otherwise the slot is stale and"
                    + " has no value), gold.parking_daily (peak occupancy and when, hours above 90"
                    + " %), and, holding back the last --test-days days of the period,"
                    + " gold.parking_forecast and gold.parking_forecast_skill (MAE/RMSE of the"
                    + " seasonal-delta forecast beside the naive 'same as now'); then prints the"
                    + " busiest garages and the forecast skill.",
            "Example: citylake run parking --from 2014-09-29 --to 2014-11-02 --city aarhus"
        },
        mixinStandardHelpOptions = true)
public final class RunParkingCommand implements Callable<Integer> {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Mixin LakeArgs lakeArgs;
    @Mixin PeriodArgs periodArgs;

    @Option(
            names = "--max-age",
            defaultValue = "60",
            paramLabel = "MINUTES",
            description =
                    "Oldest reading a slot may carry forward, minutes (default ${DEFAULT-VALUE}).")
    int maxAgeMinutes;

    @Option(
            names = "--test-days",
            defaultValue = "7",
            paramLabel = "DAYS",
            description =
                    "Last days of the period held back to test the forecast; the days before"
                            + " train it (default ${DEFAULT-VALUE}).")
    int testDays;

    @Option(names = "--top", defaultValue = "10", description = "Garages to print.")
    int top;

    @Override
    public Integer call() throws Exception {
        LakeConfig config = lakeArgs.load();
        ParkingSettings settings =
                ParkingSettings.defaults()
                        .withMaxAge(Duration.ofMinutes(maxAgeMinutes))
                        .withTestDays(testDays);
        for (String city : cities(config)) {
            AnalyticsPeriod days = AnalyticsPeriod.of(city, periodArgs.from(), periodArgs.to());
            ParkingJob.Plan plan = runOne(config, days, settings);
            try (Lake lake = Lake.open(config)) {
                printBusiest(lake, days, top, System.out);
                plan.window().ifPresent(w -> printSkill(lake, w, System.out));
            }
        }
        return 0;
    }

    private ParkingJob.Plan runOne(
            LakeConfig config, AnalyticsPeriod days, ParkingSettings settings) throws Exception {
        JobRunLog log =
                new JobRunLog(
                        ParkingJob.NAME,
                        days.city(),
                        String.join(" ", periodArgs.asArgs())
                                + " --max-age "
                                + maxAgeMinutes
                                + " --test-days "
                                + testDays);
        Map<String, Integer> lots;
        try (Lake lake = Lake.open(config)) {
            lots = ParkingLots.load(lake, days.city());
        }
        ParkingJob.Plan plan = new ParkingJob.Plan(days, settings, lots, log.runId());
        System.err.printf(
                "parking %s: %d garages, slots carry readings up to %d min old%s%n",
                days,
                lots.size(),
                maxAgeMinutes,
                plan.window()
                        .map(w -> ", forecast trained " + w.train() + ", tested " + w.test())
                        .orElse(""));
        long started = System.nanoTime();
        log.failureRecorded(
                config,
                () ->
                        ParkingJob.run(
                                config,
                                plan,
                                periodArgs.allowIncomplete,
                                System.err,
                                BatchOverwrite.FailurePoints.NONE));
        try (Lake lake = Lake.open(config)) {
            long slots = RunTrafficCommand.addedRows(lake, ParkingTables.OCCUPANCY, log.runId());
            long daily = RunTrafficCommand.addedRows(lake, ParkingTables.DAILY, log.runId());
            long forecasts = RunTrafficCommand.addedRows(lake, ParkingTables.FORECAST, log.runId());
            String summary =
                    slots + " slot rows, " + daily + " day rows, " + forecasts + " forecasts";
            log.succeeded(lake, -1, slots + daily + forecasts, summary);
            System.err.printf(
                    "parking %s: %s in %.1f s (run %s)%n",
                    days, summary, (System.nanoTime() - started) / 1e9, log.runId());
        }
        return plan;
    }

    private List<String> cities(LakeConfig config) throws Exception {
        if (!periodArgs.cities.isEmpty()) {
            return periodArgs.cities.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        }
        try (Lake lake = Lake.open(config)) {
            List<String> cities = ParkingLots.cities(lake);
            if (cities.isEmpty()) {
                throw new IllegalStateException(
                        ParkingLots.TABLE
                                + " is empty: load the reference data first (citylake ref load)");
            }
            return cities;
        }
    }

    /** One garage over the period, from its daily rows. */
    record Busiest(
            String lotId,
            Integer capacity,
            int daysWithData,
            Double peakOccupancy,
            Long peakAtMs,
            double hoursAbove90,
            double hoursWithData) {}

    /** Garages ranked by hours above 90 %, then by peak occupancy. */
    static List<Busiest> busiest(Lake lake, AnalyticsPeriod days) {
        Map<String, Busiest> byLot = new LinkedHashMap<>();
        for (Record r :
                read(
                        lake,
                        ParkingTables.DAILY,
                        Expressions.and(
                                Expressions.equal(TableRegistry.CITY, days.city()),
                                Expressions.greaterThanOrEqual(
                                        "local_date", (int) days.from().toEpochDay()),
                                Expressions.lessThanOrEqual(
                                        "local_date", (int) days.to().toEpochDay())))) {
            String lot = (String) r.getField("lot_id");
            Double peak = (Double) r.getField("peak_occupancy");
            OffsetDateTime peakAt = (OffsetDateTime) r.getField("peak_at");
            Busiest day =
                    new Busiest(
                            lot,
                            (Integer) r.getField("capacity"),
                            (Integer) r.getField("slots_with_data") > 0 ? 1 : 0,
                            peak,
                            peakAt == null ? null : peakAt.toInstant().toEpochMilli(),
                            (Double) r.getField("hours_above_90"),
                            (Double) r.getField("hours_with_data"));
            byLot.merge(lot, day, RunParkingCommand::combine);
        }
        List<Busiest> ranked = new ArrayList<>(byLot.values());
        ranked.sort(
                Comparator.comparingDouble(Busiest::hoursAbove90)
                        .thenComparing(b -> b.peakOccupancy() == null ? -1 : b.peakOccupancy())
                        .reversed()
                        .thenComparing(Busiest::lotId));
        return ranked;
    }

    private static Busiest combine(Busiest a, Busiest b) {
        boolean bPeak =
                b.peakOccupancy() != null
                        && (a.peakOccupancy() == null
                                || b.peakOccupancy() > a.peakOccupancy()
                                || (b.peakOccupancy().equals(a.peakOccupancy())
                                        && b.peakAtMs() < a.peakAtMs()));
        return new Busiest(
                a.lotId(),
                a.capacity() == null
                        ? b.capacity()
                        : b.capacity() == null
                                ? a.capacity()
                                : Math.max(a.capacity(), b.capacity()),
                a.daysWithData() + b.daysWithData(),
                bPeak ? b.peakOccupancy() : a.peakOccupancy(),
                bPeak ? b.peakAtMs() : a.peakAtMs(),
                a.hoursAbove90() + b.hoursAbove90(),
                a.hoursWithData() + b.hoursWithData());
    }

    static void printBusiest(Lake lake, AnalyticsPeriod days, int top, PrintStream out) {
        List<Busiest> ranked = busiest(lake, days);
        out.printf(
                "%nBusiest garages, %s %s..%s (hours with more than 90 %% of the spots taken):%n",
                days.city(), days.from(), days.to());
        List<List<String>> cells = new ArrayList<>();
        int rank = 0;
        for (Busiest b : ranked.subList(0, Math.min(top, ranked.size()))) {
            rank++;
            cells.add(
                    List.of(
                            String.valueOf(rank),
                            b.lotId().substring(b.lotId().lastIndexOf(':') + 1),
                            String.valueOf(b.capacity()),
                            String.valueOf(b.daysWithData()),
                            b.peakOccupancy() == null
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f", 100 * b.peakOccupancy()),
                            b.peakAtMs() == null
                                    ? "-"
                                    : LOCAL_TIME.format(
                                            Instant.ofEpochMilli(b.peakAtMs()).atZone(days.zone())),
                            String.format(Locale.ROOT, "%.2f", b.hoursAbove90()),
                            b.daysWithData() == 0
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.2f",
                                            b.hoursAbove90() / b.daysWithData()),
                            String.format(Locale.ROOT, "%.0f", b.hoursWithData())));
        }
        TextTable.print(
                out,
                List.of(
                        "rank",
                        "garage",
                        "spots",
                        "days",
                        "peak %",
                        "peak at (local)",
                        "h > 90 %",
                        "h > 90 % per day",
                        "h with data"),
                cells,
                false);
    }

    static void printSkill(Lake lake, ForecastWindow window, PrintStream out) {
        String city = window.test().city();
        List<Record> rows =
                read(
                        lake,
                        ParkingTables.FORECAST_SKILL,
                        Expressions.and(
                                Expressions.equal(TableRegistry.CITY, city),
                                Expressions.equal(
                                        "test_start", (int) window.test().from().toEpochDay())));
        Map<String, Map<String, Record>> byLot = new java.util.TreeMap<>();
        for (Record r : rows) {
            byLot.computeIfAbsent((String) r.getField("lot_id"), k -> new LinkedHashMap<>())
                    .put((String) r.getField("model"), r);
        }
        out.printf(
                "%nNext-hour free-spot forecast, %s, trained %s..%s, tested %s..%s (errors in"
                        + " spots):%n",
                city,
                window.train().from(),
                window.train().to(),
                window.test().from(),
                window.test().to());
        List<List<String>> cells = new ArrayList<>();
        List<String> lots = new ArrayList<>(byLot.keySet());
        if (lots.remove(ForecastSkill.ALL_LOTS)) {
            lots.add(ForecastSkill.ALL_LOTS);
        }
        for (String lot : lots) {
            Map<String, Record> models = byLot.get(lot);
            Record naive = models.get("naive");
            for (Map.Entry<String, Record> m : models.entrySet()) {
                if (m.getKey().equals("naive")) {
                    continue;
                }
                Record r = m.getValue();
                cells.add(
                        List.of(
                                lot.substring(lot.lastIndexOf(':') + 1),
                                String.valueOf(r.getField(ParkingTables.FORECAST_PAIRS)),
                                num(naive, "mae_spots"),
                                num(naive, "rmse_spots"),
                                m.getKey(),
                                num(r, "mae_spots"),
                                num(r, "rmse_spots"),
                                Optional.ofNullable((Double) r.getField("skill_vs_naive"))
                                        .map(s -> String.format(Locale.ROOT, "%.3f", s))
                                        .orElse("-")));
            }
        }
        TextTable.print(
                out,
                List.of(
                        "garage",
                        "pairs",
                        "naive MAE",
                        "naive RMSE",
                        "model",
                        "MAE",
                        "RMSE",
                        "skill vs naive"),
                cells,
                false);
    }

    private static String num(Record r, String field) {
        Double v = r == null ? null : (Double) r.getField(field);
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static List<Record> read(Lake lake, String table, Expression filter) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(lake.table(table)).where(filter).build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
