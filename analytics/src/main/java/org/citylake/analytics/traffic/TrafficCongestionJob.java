package org.citylake.analytics.traffic;

import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
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
import org.citylake.model.CityPolicy;
import org.citylake.model.HourRange;

/**
 * The congestion job (DESIGN §5): {@code clean.traffic_flow} → the index per segment per 5 minutes
 * and per hour ({@code gold.segment_congestion}) and the peak-hour rankings of segments, districts
 * and the city per day and per ISO week ({@code gold.congestion_ranking}).
 *
 * <p>A run covers whole days of one city. It reads the whole ISO weeks around them, so week
 * rankings always cover everything known of their week; rows and day rankings are written for the
 * asked days only. Each gold table is written in one commit that replaces the partitions the run
 * produced (city × day, city × period): a re-run gives the same rows. The template ({@link
 * org.citylake.analytics.job.JobRunner}) commits both only once the job has succeeded.
 *
 * <pre>
 * clean.traffic_flow (whole ISO weeks) ─► keyBy segment ─► SegmentCongestion
 *     main: index rows ───────────────────────────────────► write gold.segment_congestion ─┐
 *     side: period sums ─► ToScopes ─► keyBy scope group ─► RankScopes                     │
 *                                       ──► write gold.congestion_ranking ─────────────────┤
 *                                         committer, after every writer succeeded: both ◄──┘
 * ref.road_segments + ref.segment_districts ─► SegmentDirectory (when the graph is built)
 * </pre>
 */
public final class TrafficCongestionJob implements AnalyticsJob<CongestionSettings> {

    public static final String NAME = "traffic";

    /** The option value that stands for the city's own policy ({@code ref.cities}). */
    static final String CITY_POLICY = "city";

    static final JobOption<Optional<List<HourRange>>> PEAK_HOURS =
            new JobOption<>(
                    "peak-hours",
                    "H-H,...",
                    CITY_POLICY,
                    "Peak hours, local time, half-open, e.g. 06-10,15-19; 'city': the city's"
                            + " peak_hours in ref.cities (by default 06-10,15-19).",
                    text -> cityOr(text, HourRange::parseList));
    static final JobOption<Optional<Set<DayOfWeek>>> PEAK_DAYS =
            new JobOption<>(
                    "peak-days",
                    "DAYS",
                    CITY_POLICY,
                    "Days whose peak hours count, e.g. MON-FRI; 'city': the city's peak_days in"
                            + " ref.cities (by default MON-FRI).",
                    text -> cityOr(text, CityPolicy::parseDays));
    static final JobOption<Double> TTI_CAP =
            JobOption.number(
                    "tti-cap",
                    "10",
                    "Readings with a raw TTI above this are outliers: counted, left out.");
    static final JobOption<Integer> MIN_PEAK_READINGS =
            JobOption.integer(
                    "min-peak-readings",
                    "12",
                    "Rank only scopes with at least N peak readings with vehicles (one hour of"
                            + " 5-minute readings).");
    static final JobOption<Integer> TOP =
            JobOption.integer("top", "10", "Rows to print per ranking.");

    /** The reading interval of the traffic feed. */
    static final Duration INTERVAL = Duration.ofMinutes(5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "Congestion index and rankings from clean.traffic_flow.",
                "Writes gold.segment_congestion (per segment per 5 minutes and per hour: flow, mean"
                        + " speed, travel time, free-flow time and how it was found, TTI,"
                        + " congestion %, Gaode band) and gold.congestion_ranking (per day and per"
                        + " ISO week: segments, districts and the city ranked by peak-hour TTI"
                        + " weighted by vehicles x length, with delay vehicle-hours), then prints"
                        + " the most congested segments and districts.",
                "Example: citylake run traffic --from 2014-08-18 --city aarhus");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(PEAK_HOURS, PEAK_DAYS, TTI_CAP, MIN_PEAK_READINGS, TOP);
    }

    /**
     * The city's policy (peak days and hours, night) unless an option names other peaks; the TTI
     * cap and the minimum of peak readings from the options.
     */
    @Override
    public CongestionSettings settings(Map<String, String> options, City city) {
        CongestionSettings settings = CongestionSettings.of(city.policy());
        return settings.withPeakHours(PEAK_HOURS.of(options).orElse(settings.peakHours()))
                .withPeakDays(PEAK_DAYS.of(options).orElse(settings.peakDays()))
                .withTtiCap(TTI_CAP.of(options))
                .withMinPeakReadings(MIN_PEAK_READINGS.of(options));
    }

    private static <T> Optional<T> cityOr(String text, Function<String, T> parser) {
        return text.trim().equalsIgnoreCase(CITY_POLICY)
                ? Optional.empty()
                : Optional.of(parser.apply(text));
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, CongestionSettings settings) {
        return List.of(TrafficReadings.input(days.wholeWeeks(), INTERVAL));
    }

    @Override
    public List<TableDef> outputs() {
        return TrafficTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<CongestionSettings> plan) {
        Input input = inputs(plan.days(), plan.settings()).get(0);
        DataStream<TrafficReading> readings =
                context.read(
                        input,
                        new TrafficReadings.ToReading(input),
                        TrafficReading.class,
                        "to-traffic-reading");
        Outputs outputs =
                pipeline(readings, plan.days(), plan.settings(), SegmentDirectory.of(context));
        String city = plan.days().city();
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        rows.put(
                TrafficTables.SEGMENT_CONGESTION,
                context.rows(
                        TrafficTables.SEGMENT_CONGESTION,
                        outputs.index().map(new TrafficRows.Index(city))));
        rows.put(
                TrafficTables.CONGESTION_RANKING,
                context.rows(
                        TrafficTables.CONGESTION_RANKING,
                        outputs.ranking().map(new TrafficRows.Ranking(city))));
        return rows;
    }

    /** The pipeline's two results. */
    public record Outputs(DataStream<IndexRow> index, DataStream<RankingRow> ranking) {}

    /** The pure pipeline from readings to results; tests call it with their own readings. */
    public static Outputs pipeline(
            DataStream<TrafficReading> readings,
            AnalyticsPeriod days,
            CongestionSettings settings,
            Map<String, SegmentRef> segments) {
        SingleOutputStreamOperator<IndexRow> index =
                readings.keyBy(r -> r.segmentId, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(TrafficReading.class),
                                        new SegmentCongestion(segments, days, settings)))
                        .returns(IndexRow.class)
                        .name("segment-congestion")
                        .uid("segment-congestion");
        DataStream<RankingRow> ranking =
                index.getSideOutput(SegmentCongestion.PERIOD_SUMS)
                        .flatMap(new ToScopes(segments, days.city()))
                        .returns(ScopeSums.class)
                        .name("to-scopes")
                        .uid("to-scopes")
                        .keyBy(ScopeSums::group, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(ScopeSums.class),
                                        new RankScopes(settings.minPeakReadings())))
                        .returns(RankingRow.class)
                        .name("rank-scopes")
                        .uid("rank-scopes");
        return new Outputs(index, ranking);
    }

    /** Prints the most congested segments and districts of the last ranked day, and the week. */
    @Override
    public void print(Committed run, RunPlan<CongestionSettings> plan, PrintStream out) {
        AnalyticsPeriod days = plan.days();
        int top = TOP.of(plan.options());
        String table = TrafficTables.CONGESTION_RANKING;
        LocalDate lastDay = null;
        List<Record> dayRows = List.of();
        for (LocalDate d = days.to(); !d.isBefore(days.from()) && lastDay == null; ) {
            dayRows = run.read(table, ranking(days.city(), "day", d));
            if (!dayRows.isEmpty()) {
                lastDay = d;
            }
            d = d.minusDays(1);
        }
        if (lastDay == null) {
            out.printf(
                    "%s: no peak-hour readings on %s..%s (peak days and hours as set)%n",
                    days.city(), days.from(), days.to());
            return;
        }
        for (String scope : List.of("segment", "district")) {
            print(dayRows, "day", lastDay, scope, top, out);
        }
        LocalDate week = AnalyticsPeriod.weekOf(days.to());
        run
                .read(
                        table,
                        Expressions.and(
                                ranking(days.city(), "week", week),
                                Expressions.equal(TrafficTables.SCOPE_KIND, "city")))
                .stream()
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

    private static Expression ranking(String city, String period, LocalDate start) {
        return Expressions.and(
                Expressions.equal(TableRegistry.CITY, city),
                Expressions.equal(TrafficTables.PERIOD_KIND, period),
                Expressions.equal("period_start", (int) start.toEpochDay()));
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
                        .filter(r -> scope.equals(r.getField(TrafficTables.SCOPE_KIND)))
                        .sorted(
                                Comparator.comparing(
                                        r -> (Integer) r.getField(TrafficTables.SCOPE_RANK)))
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
                            String.valueOf(r.getField(TrafficTables.SCOPE_RANK)),
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
}
