package org.citylake.analytics.parking;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.citylake.analytics.Completeness;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.tables.ParkingTables;
import org.citylake.model.AnalyticsPeriod;

/**
 * The parking job (DESIGN §5): {@code clean.parking} → occupancy per garage per 15 minutes, daily
 * peaks and hours above 90 %, and a next-hour free-spot forecast tested on the last days of the
 * period.
 *
 * <pre>
 * clean.parking (period - max age .. period end) ─┐
 * ref.parking_lots (one marker per lot) ──────────┴─► keyBy lot ─► ParkingLotSeries
 *     main:  slots ────────────────────────► gold.parking_occupancy   (city, local_date)
 *     side:  days  ────────────────────────► gold.parking_daily       (city, local_date)
 *     side:  forecasts of the test days ───► gold.parking_forecast    (city, test_start)
 *     side:  error sums ─┬──────────────────► gold.parking_forecast_skill (city, test_start)
 *                        └─ sum over lots ─┘  (lot ALL)
 * </pre>
 *
 * <p>Slotting rule: {@link Slotting}; days: {@link DailyPeaks}; forecast: {@link
 * SeasonalDeltaModel} on the training days, scored by {@link AvailabilityForecast} beside the naive
 * forecast. A run covers whole local days of one city. Every lot of the reference table gets all
 * its slots and days, so each gold table receives every partition of the period, and each table is
 * written in one commit that replaces exactly the partitions written: a re-run gives the same rows.
 * The commits happen in the driver once the job has succeeded ({@link BatchOverwrite}): a run that
 * fails, even after its files are written, commits nothing, and a failed commit rolls back the
 * tables committed before it, so the previous results of every table stay the readable ones. The
 * forecast tables are keyed by the test period: runs over different periods keep their own
 * evaluations side by side.
 */
public final class ParkingJob {

    public static final String NAME = "parking";

    /** What one run computes. */
    public record Plan(
            AnalyticsPeriod days,
            ParkingSettings settings,
            Map<String, Integer> lots,
            String runId) {

        public Optional<ForecastWindow> window() {
            return ForecastWindow.of(days, settings.testDays());
        }
    }

    /** The pipeline's results. */
    public record Outputs(
            DataStream<OccupancySlot> slots,
            DataStream<DailyPeak> daily,
            DataStream<ForecastRow> forecasts,
            DataStream<ForecastSkill> skill) {}

    private ParkingJob() {}

    /** The pipeline from readings to results; tests call it with their own readings. */
    public static Outputs define(DataStream<ParkingReading> readings, Plan plan) {
        StreamExecutionEnvironment env = readings.getExecutionEnvironment();
        DataStream<ParkingReading> markers =
                env.fromData(
                                plan.lots().keySet().stream()
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
                                new ParkingLotSeries(
                                        plan.days(), plan.settings(), plan.lots(), plan.window()))
                        .returns(OccupancySlot.class)
                        .name("parking-lot-series")
                        .uid("parking-lot-series");
        DataStream<ForecastSkill> perLot = slots.getSideOutput(ParkingLotSeries.SKILL);
        String city = plan.days().city();
        DataStream<ForecastSkill> pooled =
                perLot.keyBy(s -> city, Types.STRING)
                        .process(new PoolSkill())
                        .returns(ForecastSkill.class)
                        .name("pool-forecast-skill")
                        .uid("pool-forecast-skill");
        return new Outputs(
                slots,
                slots.getSideOutput(ParkingLotSeries.DAILY),
                slots.getSideOutput(ParkingLotSeries.FORECASTS),
                perLot.union(pooled));
    }

    /** Checks the input is complete, then runs the job on the lake and waits for it. */
    public static void run(LakeConfig config, Plan plan, boolean allowIncomplete, PrintStream log)
            throws Exception {
        run(config, plan, allowIncomplete, log, BatchOverwrite.FailurePoints.NONE);
    }

    /**
     * As {@link #run(LakeConfig, Plan, boolean, PrintStream)}; fault tests pass where the run
     * should fail.
     *
     * @return rows committed per gold table
     * @throws IllegalStateException if the job or a commit failed; every table then keeps its
     *     previous snapshot
     */
    public static Map<String, Long> run(
            LakeConfig config,
            Plan plan,
            boolean allowIncomplete,
            PrintStream log,
            BatchOverwrite.FailurePoints failurePoints)
            throws Exception {
        try (Lake lake = Lake.open(config)) {
            lake.init();
            Completeness.require(
                    lake.table(ParkingReadings.TABLE),
                    ParkingReadings.TABLE,
                    plan.days().end(),
                    ParkingSettings.SLOT,
                    allowIncomplete,
                    log);
            if (plan.lots().isEmpty()) {
                throw new IllegalStateException(
                        "ref.parking_lots has no garage for city '"
                                + plan.days().city()
                                + "': load the reference data first (citylake ref load)");
            }
            StreamExecutionEnvironment env = environment();
            long from = plan.days().start().minus(plan.settings().maxAge()).toEpochMilli();
            DataStream<ParkingReading> readings =
                    ParkingReadings.read(
                            env, lake, plan.days().city(), from, plan.days().end().toEpochMilli());
            Outputs outputs = define(readings, plan);
            String city = plan.days().city();
            BatchOverwrite gold =
                    new BatchOverwrite(
                            lake,
                            Map.of(
                                    "citylake.job", NAME,
                                    "citylake.run-id", plan.runId(),
                                    "citylake.period", plan.days().toString()),
                            failurePoints);
            gold.add(
                    ParkingTables.OCCUPANCY,
                    typed(
                            lake,
                            ParkingTables.OCCUPANCY,
                            outputs.slots().map(new ParkingRows.Occupancy(city))));
            gold.add(
                    ParkingTables.DAILY,
                    typed(
                            lake,
                            ParkingTables.DAILY,
                            outputs.daily().map(new ParkingRows.Daily(city))));
            Optional<ForecastWindow> window = plan.window();
            if (window.isPresent()) {
                gold.add(
                        ParkingTables.FORECAST,
                        typed(
                                lake,
                                ParkingTables.FORECAST,
                                outputs.forecasts()
                                        .map(new ParkingRows.Forecast(city, window.get()))));
                gold.add(
                        ParkingTables.FORECAST_SKILL,
                        typed(
                                lake,
                                ParkingTables.FORECAST_SKILL,
                                outputs.skill()
                                        .flatMap(new ParkingRows.Skill(city, window.get()))));
            } else {
                log.printf(
                        "parking %s: no forecast: the period needs more than %d days (the last %d"
                                + " test it, the days before train it)%n",
                        plan.days(), plan.settings().testDays(), plan.settings().testDays());
            }
            return gold.execute(env, "citylake parking " + plan.days());
        }
    }

    static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    private static DataStream<RowData> typed(
            Lake lake, String table, SingleOutputStreamOperator<RowData> rows) {
        var schema = lake.table(table).schema();
        return rows.returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(schema)))
                .name("to-" + table)
                .uid("to-" + table);
    }
}
