package org.citylake.analytics.waste;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
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
import org.citylake.analytics.waste.vrp.VrpSolvers;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * The waste-collection job (DESIGN §5 Waste): the collections and bin levels of days {@code
 * --from..--to} (and of {@code --history-days} before, for fill rates) → the routes driven and
 * their efficiency, each bin's fill statistics, and per day an optimised plan for the bins that
 * were due with its saving against the routes driven.
 *
 * <pre>
 * clean.waste_collection (history .. to) ─► ToPickup ─┬─────────────────────────┐
 * clean.waste_container  (history .. to) ─► ToLevel ──┴─► keyBy bin             │
 *     BinSeries (BinHistory): side: bin statistics ───────────────────────────────┼─► gold.waste_bin_stats
 *                             main: each bin's state at each day's start ─┐     │
 *                                                                         │  pickups of from..to
 *                                                           keyBy day ◄───┴─────┘
 *     DaySeries: the day's travel matrix (road or great circle) over depots and bins
 *       main: Routes (reconstructed, per vehicle) ──────────────────────────► gold.waste_route_kpi
 *       side: DayPlanner (due bins, capacitated VRP) ──────────────────────► gold.waste_route_plan
 *       side: the day's plan against its routes ───────────────────────────► gold.waste_plan_summary
 *       side: DistrictDays (pickups by the district of their bin) ──────────► gold.waste_district_daily
 * </pre>
 *
 * <p>Rules: {@link BinHistory} (fill cycles, rates, day states), {@link Routes} (reconstruction,
 * KPIs), {@link DayPlanner} (due bins, loads, plan). A run commits every table at the end, all or
 * nothing; the day tables are replaced for the run's days as a whole and the bin statistics for the
 * run's period. Re-runs give the same rows (the solver is seeded).
 */
public final class WasteJob implements AnalyticsJob<WasteSettings> {

    public static final String NAME = "waste";

    static final JobOption<Integer> ROUTE_GAP =
            JobOption.integer(
                    "route-gap",
                    "120",
                    "Minutes without a pickup after which a vehicle's next pickup starts a new"
                            + " route.");
    static final JobOption<Double> LOW_FILL =
            JobOption.number(
                    "low-fill",
                    "30",
                    "Percent full below which an emptying counts as too early (low_fill_share).");
    static final JobOption<Double> OVERFLOW_LEVEL =
            JobOption.number(
                    "overflow-level", "100", "Percent full at or above which a bin overflows.");
    static final JobOption<Double> DUE_LEVEL =
            JobOption.number(
                    "due-level",
                    "80",
                    "Percent full at which a bin is due: now, or by the next visit.");
    static final JobOption<Integer> REVISIT_DAYS =
            JobOption.integer(
                    "revisit-days",
                    "1",
                    "Days until a bin left today is visited again: a bin forecast to reach the due"
                            + " level by then is due today.");
    static final JobOption<Integer> HISTORY_DAYS =
            JobOption.integer(
                    "history-days",
                    "28",
                    "Days of collections before each day its bins' fill rates are learned from.");
    static final JobOption<Integer> SERVICE_SECONDS =
            JobOption.integer(
                    "service-seconds",
                    "60",
                    "Seconds a truck stops to empty one bin (truck hours = driving + stops).");
    static final JobOption<Double> SPEED =
            JobOption.number(
                    "speed",
                    "25",
                    "km/h of the driving times when distances are great-circle (no --osm).");
    static final JobOption<Double> KG_PER_LITRE =
            JobOption.number(
                    "kg-per-litre",
                    "0.07",
                    "Density of the waste for bins whose emptyings report no weight (capacity x"
                            + " level x density); 0.07 is the Edinburgh sensors' own.");
    static final JobOption<Double> VEHICLE_CAPACITY =
            new JobOption<>(
                    "vehicle-capacity",
                    "KG|fleet",
                    "fleet",
                    "kg one planned route may carry; 'fleet' = the median capacity_kg of"
                            + " ref.waste_vehicles (2000 when none is known).",
                    WasteJob::capacity);
    static final JobOption<Integer> SOLVE_SECONDS =
            JobOption.integer(
                    "solve-seconds", "10", "Time limit of the route optimiser per day, seconds.");
    static final JobOption<String> OSM =
            new JobOption<>(
                    "osm",
                    "FILE|none",
                    "none",
                    "OSM extract (.osm, .osm.gz, .osm.pbf) of the city's streets for road"
                            + " distances and times; 'none' = great-circle distances. On a cluster,"
                            + " a path every task manager can read.",
                    WasteJob::osm);
    static final JobOption<String> SOLVER =
            new JobOption<>(
                    "solver",
                    "NAME",
                    VrpSolvers.DEFAULT,
                    "Route optimiser: one of "
                            + VrpSolvers.names()
                            + " (`citylake bench vrp` compares them on CVRPLIB).",
                    WasteJob::solver);
    static final JobOption<Integer> SEED =
            JobOption.integer("seed", "1", "Seed of the route optimiser (same seed, same plan).");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "Waste collection efficiency and optimised routes from clean.waste_collection"
                        + " (emptyings: bin, vehicle, time, fill before/after, kg) and"
                        + " clean.waste_container (fill levels), over ref.waste_containers (bin"
                        + " positions), ref.waste_depots and ref.waste_vehicles.",
                "Routes are reconstructed per vehicle in time order (a pause longer than"
                        + " --route-gap starts a new one): depot -> pickups -> depot, by road on"
                        + " the --osm network, else great circle.",
                "Writes gold.waste_route_kpi (per route, vehicle and day: km, tonnes, kg per km,"
                        + " bins emptied, mean fill, share emptied below --low-fill, overflows,"
                        + " truck hours), gold.waste_bin_stats (per bin over the period: fill rate"
                        + " per day, days to full, overflows), gold.waste_route_plan (per day: the"
                        + " bins due, routed by a capacitated VRP solver; stops in order with km"
                        + " and load) and gold.waste_plan_summary (the plan's km and truck hours"
                        + " against the routes driven) and gold.waste_district_daily (per district"
                        + " of ref.districts and day: pickups, bins, tonnes, fill, overflows); then"
                        + " prints the KPIs and the saving.",
                "Example: citylake run waste --city edinburgh --from 2016-07-04 --to 2016-07-10"
                        + " --osm test-data/osm-monaco/monaco.osm.gz");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(
                ROUTE_GAP,
                LOW_FILL,
                OVERFLOW_LEVEL,
                DUE_LEVEL,
                REVISIT_DAYS,
                HISTORY_DAYS,
                SERVICE_SECONDS,
                SPEED,
                KG_PER_LITRE,
                VEHICLE_CAPACITY,
                SOLVE_SECONDS,
                OSM,
                SOLVER,
                SEED);
    }

    private static Double capacity(String text) {
        if (text.trim().equalsIgnoreCase("fleet")) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of kg nor 'fleet'");
        }
    }

    private static String solver(String text) {
        VrpSolvers.byName(text.trim());
        return text.trim();
    }

    private static String osm(String text) {
        return text.trim().equalsIgnoreCase("none") ? "" : text.trim();
    }

    @Override
    public WasteSettings settings(Map<String, String> options, City city) {
        JobOption.requireKnown(options(), options);
        return new WasteSettings(
                Duration.ofMinutes(ROUTE_GAP.of(options)),
                LOW_FILL.of(options) / 100,
                OVERFLOW_LEVEL.of(options) / 100,
                DUE_LEVEL.of(options) / 100,
                REVISIT_DAYS.of(options),
                HISTORY_DAYS.of(options),
                Duration.ofSeconds(SERVICE_SECONDS.of(options)),
                SPEED.of(options),
                KG_PER_LITRE.of(options),
                VEHICLE_CAPACITY.of(options),
                Duration.ofSeconds(SOLVE_SECONDS.of(options)),
                OSM.of(options),
                SOLVER.of(options),
                SEED.of(options));
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, WasteSettings settings) {
        return List.of(
                WasteReadings.collections(days, settings), WasteReadings.levels(days, settings));
    }

    @Override
    public Map<String, Expression> replacedRanges(RunPlan<WasteSettings> plan) {
        Expression days = days(plan.days());
        Expression period =
                Expressions.and(
                        Expressions.equal(TableRegistry.CITY, plan.days().city()),
                        Expressions.equal(
                                WasteTables.PERIOD_FROM, (int) plan.days().from().toEpochDay()));
        return Map.of(
                WasteTables.ROUTE_KPI,
                days,
                WasteTables.ROUTE_PLAN,
                days,
                WasteTables.PLAN_SUMMARY,
                days,
                WasteTables.DISTRICT_DAILY,
                days,
                WasteTables.BIN_STATS,
                period);
    }

    private static Expression days(AnalyticsPeriod days) {
        return Expressions.and(
                Expressions.equal(TableRegistry.CITY, days.city()),
                Expressions.greaterThanOrEqual(WasteTables.DAY, (int) days.from().toEpochDay()),
                Expressions.lessThanOrEqual(WasteTables.DAY, (int) days.to().toEpochDay()));
    }

    @Override
    public List<TableDef> outputs() {
        return WasteTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<WasteSettings> plan) {
        List<Input> inputs = inputs(plan.days(), plan.settings());
        DataStream<BinEvent> pickups =
                context.read(
                        inputs.get(0),
                        new WasteReadings.ToPickup(inputs.get(0)),
                        BinEvent.class,
                        "to-pickup");
        DataStream<BinEvent> levels =
                context.read(
                        inputs.get(1),
                        new WasteReadings.ToLevel(inputs.get(1)),
                        BinEvent.class,
                        "to-level");
        Outputs outputs =
                pipeline(
                        pickups,
                        levels,
                        plan.days(),
                        plan.settings(),
                        WasteAssets.of(context, plan.city()));
        String city = plan.days().city();
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        rows.put(
                WasteTables.ROUTE_KPI,
                context.rows(
                        WasteTables.ROUTE_KPI, outputs.routes().map(new WasteRows.RouteKpi(city))));
        rows.put(
                WasteTables.BIN_STATS,
                context.rows(
                        WasteTables.BIN_STATS,
                        outputs.bins()
                                .map(
                                        new WasteRows.BinStats(
                                                city,
                                                (int) plan.days().from().toEpochDay(),
                                                (int) plan.days().to().toEpochDay()))));
        rows.put(
                WasteTables.ROUTE_PLAN,
                context.rows(
                        WasteTables.ROUTE_PLAN, outputs.plan().map(new WasteRows.PlanStop(city))));
        rows.put(
                WasteTables.PLAN_SUMMARY,
                context.rows(
                        WasteTables.PLAN_SUMMARY,
                        outputs.summary().map(new WasteRows.PlanSummary(city))));
        rows.put(
                WasteTables.DISTRICT_DAILY,
                context.rows(
                        WasteTables.DISTRICT_DAILY,
                        outputs.districts().map(new WasteRows.DistrictDay(city))));
        return rows;
    }

    /** The pipeline's results. */
    public record Outputs(
            DataStream<RouteKpiRow> routes,
            DataStream<BinStatsRow> bins,
            DataStream<PlanStopRow> plan,
            DataStream<PlanSummaryRow> summary,
            DataStream<DistrictDayRow> districts) {}

    /** The pure pipeline from events to results; tests call it with their own events. */
    public static Outputs pipeline(
            DataStream<BinEvent> pickups,
            DataStream<BinEvent> levels,
            AnalyticsPeriod days,
            WasteSettings settings,
            WasteAssets assets) {
        SingleOutputStreamOperator<BinDay> states =
                pickups.union(levels)
                        .keyBy(e -> e.containerId, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(BinEvent.class),
                                        new WasteGroups.BinSeries(days, settings)))
                        .returns(BinDay.class)
                        .name("bin-series")
                        .uid("bin-series");
        DataStream<DayInput> dayPickups =
                pickups.filter(new InPeriod(days.start(), days.end()))
                        .name("pickups-of-the-days")
                        .uid("pickups-of-the-days")
                        .map(new PickupDay(days))
                        .returns(DayInput.class)
                        .name("pickup-to-day")
                        .uid("pickup-to-day");
        SingleOutputStreamOperator<RouteKpiRow> routes =
                dayPickups
                        .union(
                                states.map(DayInput::of)
                                        .returns(DayInput.class)
                                        .name("state-to-day")
                                        .uid("state-to-day"))
                        .keyBy(d -> d.day, Types.INT)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(DayInput.class),
                                        new WasteGroups.DaySeries(assets, settings)))
                        .returns(RouteKpiRow.class)
                        .name("day-series")
                        .uid("day-series");
        return new Outputs(
                routes,
                states.getSideOutput(WasteGroups.BIN_STATS),
                routes.getSideOutput(WasteGroups.PLAN),
                routes.getSideOutput(WasteGroups.SUMMARY),
                routes.getSideOutput(WasteGroups.DISTRICTS));
    }

    /** Pickups in {@code [start, end)}. */
    static final class InPeriod implements FilterFunction<BinEvent> {
        private final long startMs;
        private final long endMs;

        InPeriod(Instant start, Instant end) {
            this.startMs = start.toEpochMilli();
            this.endMs = end.toEpochMilli();
        }

        @Override
        public boolean filter(BinEvent e) {
            return e.atMs >= startMs && e.atMs < endMs;
        }
    }

    /** A pickup with its local day. */
    static final class PickupDay implements MapFunction<BinEvent, DayInput> {
        private final AnalyticsPeriod days;

        PickupDay(AnalyticsPeriod days) {
            this.days = days;
        }

        @Override
        public DayInput map(BinEvent e) {
            int day =
                    (int)
                            Instant.ofEpochMilli(e.atMs)
                                    .atZone(days.zone())
                                    .toLocalDate()
                                    .toEpochDay();
            return DayInput.of(day, e);
        }
    }

    @Override
    public void print(Committed run, RunPlan<WasteSettings> plan, PrintStream out) {
        AnalyticsPeriod days = plan.days();
        printRoutes(run.read(WasteTables.ROUTE_KPI, days(days)), days, out);
        printPlans(run.read(WasteTables.PLAN_SUMMARY, days(days)), days, out);
    }

    static void printRoutes(List<Record> rows, AnalyticsPeriod days, PrintStream out) {
        Map<String, double[]> byVehicle = new TreeMap<>();
        double[] all = new double[7];
        for (Record r : rows) {
            double[] acc =
                    byVehicle.computeIfAbsent(
                            (String) r.getField("vehicle_id"), k -> new double[7]);
            for (double[] a : List.of(acc, all)) {
                int bins = (Integer) r.getField("bins_emptied");
                a[0] += 1;
                a[1] += (Double) r.getField("km");
                a[2] += (Double) r.getField("tonnes");
                a[3] += bins;
                Double fill = (Double) r.getField("mean_fill");
                Double low = (Double) r.getField("low_fill_share");
                a[4] += fill == null ? 0 : fill * bins;
                a[5] += low == null ? 0 : low * bins;
                a[6] += (Integer) r.getField("overflows");
            }
        }
        String source = rows.isEmpty() ? "-" : (String) rows.get(0).getField("distance_source");
        out.printf(
                "%nWaste collection, %s %s..%s: routes driven (distances: %s)%n",
                days.city(), days.from(), days.to(), source);
        List<List<String>> cells = new ArrayList<>();
        byVehicle.forEach((v, acc) -> cells.add(routeCells(v, acc)));
        if (all[0] > 0) {
            cells.add(routeCells("all vehicles", all));
        }
        TextTable.print(
                out,
                List.of(
                        "vehicle",
                        "routes",
                        "km",
                        "tonnes",
                        "kg/km",
                        "bins emptied",
                        "mean fill %",
                        "below low-fill %",
                        "overflows"),
                cells,
                false);
    }

    private static List<String> routeCells(String name, double[] a) {
        return List.of(
                name,
                String.format(Locale.ROOT, "%.0f", a[0]),
                String.format(Locale.ROOT, "%.1f", a[1]),
                String.format(Locale.ROOT, "%.2f", a[2]),
                a[1] > 0 ? String.format(Locale.ROOT, "%.1f", a[2] * 1000 / a[1]) : "-",
                String.format(Locale.ROOT, "%.0f", a[3]),
                a[3] > 0 ? String.format(Locale.ROOT, "%.1f", 100 * a[4] / a[3]) : "-",
                a[3] > 0 ? String.format(Locale.ROOT, "%.1f", 100 * a[5] / a[3]) : "-",
                String.format(Locale.ROOT, "%.0f", a[6]));
    }

    static void printPlans(List<Record> rows, AnalyticsPeriod days, PrintStream out) {
        if (rows.isEmpty()) {
            out.printf(
                    "%nNo optimised plan: %s has no depot in ref.waste_depots; load one (<feeds>/%s"
                            + "/ref/waste_depots.jsonl, then `citylake ref load`) to plan"
                            + " routes.%n",
                    days.city(), days.city());
            return;
        }
        List<Record> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(r -> (LocalDate) r.getField(WasteTables.DAY)));
        out.printf(
                "%nOptimised routes for the bins due (%s), against the routes driven:%n",
                sorted.get(0).getField("solver"));
        List<List<String>> cells = new ArrayList<>();
        double[] total = new double[6];
        for (Record r : sorted) {
            double actualKm = (Double) r.getField("actual_km");
            double plannedKm = (Double) r.getField("planned_km");
            double actualH = (Double) r.getField("actual_truck_hours");
            double plannedH = (Double) r.getField("planned_truck_hours");
            int emptied = (Integer) r.getField("bins_emptied");
            int due = (Integer) r.getField("bins_due");
            total[0] += emptied;
            total[1] += due;
            total[2] += actualKm;
            total[3] += plannedKm;
            total[4] += actualH;
            total[5] += plannedH;
            cells.add(
                    planCells(
                            r.getField(WasteTables.DAY).toString(),
                            emptied,
                            due,
                            actualKm,
                            plannedKm,
                            actualH,
                            plannedH));
        }
        cells.add(
                planCells(
                        "all days",
                        (int) total[0],
                        (int) total[1],
                        total[2],
                        total[3],
                        total[4],
                        total[5]));
        TextTable.print(
                out,
                List.of(
                        "day",
                        "bins emptied",
                        "bins due",
                        "km driven",
                        "km planned",
                        "saving %",
                        "truck h driven",
                        "truck h planned"),
                cells,
                false);
    }

    private static List<String> planCells(
            String day, int emptied, int due, double km, double plannedKm, double h, double ph) {
        return List.of(
                day,
                String.valueOf(emptied),
                String.valueOf(due),
                String.format(Locale.ROOT, "%.1f", km),
                String.format(Locale.ROOT, "%.1f", plannedKm),
                km > 0 ? String.format(Locale.ROOT, "%.1f", 100 * (km - plannedKm) / km) : "-",
                String.format(Locale.ROOT, "%.1f", h),
                String.format(Locale.ROOT, "%.1f", ph));
    }
}
