package org.citylake.analytics.parking;

import java.io.PrintStream;
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
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.Committed;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobContext;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * The parking job (DESIGN §5): {@code clean.parking} → occupancy per garage per 15 minutes, daily
 * peaks and hours above 90 %, the garages ranked busiest first, and a next-hour free-spot forecast
 * tested on the last days of the period.
 *
 * <pre>
 * clean.parking (period - max age .. period end) ─┐
 * ref.parking_lots (one marker per lot) ──────────┴─► keyBy lot ─► ParkingLotSeries
 *     main:  slots ────────────────────────► gold.parking_occupancy   (city, local_date)
 *     side:  days  ─┬──────────────────────► gold.parking_daily       (city, local_date)
 *                   └─ by city: BusiestGarages ► gold.parking_busiest (city, period_from)
 *     side:  forecasts of the test days ───► gold.parking_forecast    (city, test_start)
 *     side:  error sums ─┬──────────────────► gold.parking_forecast_skill (city, test_start)
 *                        └─ by city: PoolSkill ┘  (lot ALL)
 * </pre>
 *
 * <p>Slotting rule: {@link Slotting}; days: {@link DailyPeaks}; busiest: {@link BusiestGarages};
 * forecast: {@link SeasonalDeltaModel} on the training days, scored by {@link AvailabilityForecast}
 * beside the naive forecast. A run covers whole local days of one city. Every lot of the reference
 * table gets all its slots and days, so each gold table receives every partition of the period, and
 * each table is written in one commit that replaces exactly the partitions written: a re-run gives
 * the same rows. The forecast tables are keyed by the test period: runs over different periods keep
 * their own evaluations side by side.
 */
public final class ParkingJob implements AnalyticsJob<ParkingSettings> {

    public static final String NAME = "parking";

    static final JobOption<Integer> MAX_AGE =
            JobOption.integer("max-age", "60", "Oldest reading a slot may carry forward, minutes.");
    static final JobOption<Integer> TEST_DAYS =
            JobOption.integer(
                    "test-days",
                    "7",
                    "Last days of the period held back to test the forecast; the days before"
                            + " train it.");
    static final JobOption<Integer> TOP = JobOption.integer("top", "10", "Garages to print.");

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "Garage occupancy, daily peaks, the busiest garages and a next-hour availability"
                        + " forecast from clean.parking.",
                "Writes gold.parking_occupancy (per garage per 15 minutes: the last reading before"
                        + " the slot ends, if at most --max-age old; otherwise the slot is stale"
                        + " and has no value), gold.parking_daily (peak occupancy and when, hours"
                        + " above 90 %), gold.parking_busiest (the garages of the period ranked by"
                        + " hours above 90 %, then peak), and, holding back the last --test-days"
                        + " days of the period, gold.parking_forecast and"
                        + " gold.parking_forecast_skill (MAE/RMSE of the seasonal-delta forecast"
                        + " beside the naive 'same as now'); then prints the busiest garages and"
                        + " the forecast skill.",
                "Example: citylake run parking --from 2014-09-29 --to 2014-11-02 --city aarhus");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(MAX_AGE, TEST_DAYS, TOP);
    }

    @Override
    public ParkingSettings settings(Map<String, String> options, City city) {
        return ParkingSettings.defaults()
                .withMaxAge(Duration.ofMinutes(MAX_AGE.of(options)))
                .withTestDays(TEST_DAYS.of(options));
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, ParkingSettings settings) {
        return List.of(ParkingReadings.input(days.start().minus(settings.maxAge()), days.end()));
    }

    @Override
    public List<TableDef> outputs() {
        return ParkingTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<ParkingSettings> plan) {
        Input input = inputs(plan.days(), plan.settings()).get(0);
        DataStream<ParkingReading> readings =
                context.read(
                        input,
                        new ParkingReadings.ToReading(input),
                        ParkingReading.class,
                        "to-parking-reading");
        AnalyticsPeriod days = plan.days();
        Optional<ForecastWindow> window = ForecastWindow.of(days, plan.settings().testDays());
        Outputs outputs =
                pipeline(readings, days, plan.settings(), ParkingLots.of(context), window);
        String city = days.city();
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        rows.put(
                ParkingTables.OCCUPANCY,
                context.rows(
                        ParkingTables.OCCUPANCY,
                        outputs.slots().map(new ParkingRows.Occupancy(city))));
        rows.put(
                ParkingTables.DAILY,
                context.rows(
                        ParkingTables.DAILY, outputs.daily().map(new ParkingRows.Daily(city))));
        rows.put(
                ParkingTables.BUSIEST,
                context.rows(
                        ParkingTables.BUSIEST,
                        outputs.busiest()
                                .map(new ParkingRows.Busiest(city, days.from(), days.to()))));
        if (window.isPresent()) {
            rows.put(
                    ParkingTables.FORECAST,
                    context.rows(
                            ParkingTables.FORECAST,
                            outputs.forecasts().map(new ParkingRows.Forecast(city, window.get()))));
            rows.put(
                    ParkingTables.FORECAST_SKILL,
                    context.rows(
                            ParkingTables.FORECAST_SKILL,
                            outputs.skill().flatMap(new ParkingRows.Skill(city, window.get()))));
        }
        return rows;
    }

    /** The pipeline's results. */
    public record Outputs(
            DataStream<OccupancySlot> slots,
            DataStream<DailyPeak> daily,
            DataStream<GarageRank> busiest,
            DataStream<ForecastRow> forecasts,
            DataStream<ForecastSkill> skill) {}

    /** The pure pipeline from readings to results; tests call it with their own readings. */
    public static Outputs pipeline(
            DataStream<ParkingReading> readings,
            AnalyticsPeriod days,
            ParkingSettings settings,
            Map<String, Integer> lots,
            Optional<ForecastWindow> window) {
        StreamExecutionEnvironment env = readings.getExecutionEnvironment();
        DataStream<ParkingReading> markers =
                env.fromData(
                                lots.keySet().stream()
                                        .sorted()
                                        .map(ParkingReading::lotMarker)
                                        .toList(),
                                Types.POJO(ParkingReading.class))
                        .name("parking-lots")
                        .uid("parking-lots");
        SingleOutputStreamOperator<OccupancySlot> slots =
                readings.union(markers)
                        .keyBy(r -> r.lotId, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(ParkingReading.class),
                                        new ParkingLotSeries(days, settings, lots, window)))
                        .returns(OccupancySlot.class)
                        .name("parking-lot-series")
                        .uid("parking-lot-series");
        String city = days.city();
        DataStream<DailyPeak> daily = slots.getSideOutput(ParkingLotSeries.DAILY);
        DataStream<GarageRank> busiest =
                daily.keyBy(d -> city, Types.STRING)
                        .process(
                                new GroupAtEnd<>(Types.POJO(DailyPeak.class), new BusiestGarages()))
                        .returns(GarageRank.class)
                        .name("busiest-garages")
                        .uid("busiest-garages");
        DataStream<ForecastSkill> perLot = slots.getSideOutput(ParkingLotSeries.SKILL);
        DataStream<ForecastSkill> pooled =
                perLot.keyBy(s -> city, Types.STRING)
                        .process(new GroupAtEnd<>(Types.POJO(ForecastSkill.class), new PoolSkill()))
                        .returns(ForecastSkill.class)
                        .name("pool-forecast-skill")
                        .uid("pool-forecast-skill");
        return new Outputs(
                slots,
                daily,
                busiest,
                slots.getSideOutput(ParkingLotSeries.FORECASTS),
                perLot.union(pooled));
    }

    @Override
    public void print(Committed run, RunPlan<ParkingSettings> plan, PrintStream out) {
        AnalyticsPeriod days = plan.days();
        printBusiest(run, days, TOP.of(plan.options()), out);
        ForecastWindow.of(days, plan.settings().testDays())
                .ifPresentOrElse(
                        w -> printSkill(run, w, out),
                        () ->
                                out.printf(
                                        "%nNo forecast: the period needs more than %d days (the"
                                                + " last %d test it, the days before train"
                                                + " it)%n",
                                        plan.settings().testDays(), plan.settings().testDays()));
    }

    /** The garages' names in ref.parking_lots (current snapshot), by lot id. */
    /** A garage as printed: its name, else the last part of its id (ALL stays ALL). */
    private static String label(Map<String, String> names, String lot) {
        return names.getOrDefault(lot, lot.substring(lot.lastIndexOf(':') + 1));
    }

    private static void printBusiest(
            Committed run, AnalyticsPeriod days, int top, PrintStream out) {
        List<Record> ranked =
                new ArrayList<>(
                        run.read(
                                ParkingTables.BUSIEST,
                                Expressions.and(
                                        Expressions.equal(TableRegistry.CITY, days.city()),
                                        Expressions.equal(
                                                "period_from", (int) days.from().toEpochDay()))));
        ranked.sort(Comparator.comparing(r -> (Integer) r.getField("garage_rank")));
        out.printf(
                "%nBusiest garages, %s %s..%s (hours with more than 90 %% of the spots taken):%n",
                days.city(), days.from(), days.to());
        Map<String, String> names = ParkingLots.names(run.lake(), days.city());
        List<List<String>> cells = new ArrayList<>();
        for (Record r : ranked.subList(0, Math.min(top, ranked.size()))) {
            String lot = (String) r.getField("lot_id");
            Double peak = (Double) r.getField("peak_occupancy");
            OffsetDateTime peakAt = (OffsetDateTime) r.getField("peak_at");
            Double perDay = (Double) r.getField("hours_above_90_per_day");
            cells.add(
                    List.of(
                            String.valueOf(r.getField("garage_rank")),
                            label(names, lot),
                            String.valueOf(r.getField("capacity")),
                            String.valueOf(r.getField("days_with_data")),
                            peak == null ? "-" : String.format(Locale.ROOT, "%.1f", 100 * peak),
                            peakAt == null
                                    ? "-"
                                    : LOCAL_TIME.format(Instant.from(peakAt).atZone(days.zone())),
                            String.format(
                                    Locale.ROOT, "%.2f", (Double) r.getField("hours_above_90")),
                            perDay == null ? "-" : String.format(Locale.ROOT, "%.2f", perDay),
                            String.format(
                                    Locale.ROOT, "%.0f", (Double) r.getField("hours_with_data"))));
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

    private static void printSkill(Committed run, ForecastWindow window, PrintStream out) {
        String city = window.test().city();
        List<Record> rows =
                run.read(
                        ParkingTables.FORECAST_SKILL,
                        Expressions.and(
                                Expressions.equal(TableRegistry.CITY, city),
                                Expressions.equal(
                                        "test_start", (int) window.test().from().toEpochDay())));
        Map<String, Map<String, Record>> byLot = new TreeMap<>();
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
        Map<String, String> names = ParkingLots.names(run.lake(), city);
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
                                label(names, lot),
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
}
