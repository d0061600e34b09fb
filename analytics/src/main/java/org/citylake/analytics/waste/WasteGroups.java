package org.citylake.analytics.waste;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.waste.vrp.CvrpSolver;
import org.citylake.analytics.waste.vrp.VrpSolvers;
import org.citylake.geo.routing.TravelMatrix;
import org.citylake.model.AnalyticsPeriod;

/** The waste job's groups: pure functions of one key's elements, wrapped in {@link GroupAtEnd}. */
final class WasteGroups {

    static final OutputTag<BinStatsRow> BIN_STATS =
            new OutputTag<>("waste-bin-stats", Types.POJO(BinStatsRow.class));
    static final OutputTag<PlanStopRow> PLAN =
            new OutputTag<>("waste-route-plan", Types.POJO(PlanStopRow.class));
    static final OutputTag<DistrictDayRow> DISTRICTS =
            new OutputTag<>("waste-district-daily", Types.POJO(DistrictDayRow.class));
    static final OutputTag<PlanSummaryRow> SUMMARY =
            new OutputTag<>("waste-plan-summary", Types.POJO(PlanSummaryRow.class));

    private WasteGroups() {}

    /**
     * One bin's events (history and period) → its statistics over the period (side) and its state
     * at the start of each day of the period (main).
     */
    static final class BinSeries implements GroupAtEnd.Group<String, BinEvent, BinDay> {
        private final AnalyticsPeriod days;
        private final WasteSettings settings;

        BinSeries(AnalyticsPeriod days, WasteSettings settings) {
            this.days = days;
            this.settings = settings;
        }

        @Override
        public void apply(String bin, List<BinEvent> events, GroupAtEnd.Emitter<BinDay> out) {
            BinHistory history = new BinHistory(bin, events, settings.overflowLevel());
            BinStatsRow stats =
                    history.stats(
                            days.start().toEpochMilli(),
                            days.end().toEpochMilli(),
                            settings.lowFill(),
                            settings.overflowLevel());
            if (stats != null) {
                out.output(BIN_STATS, stats);
            }
            ZoneId zone = days.zone();
            for (LocalDate day : days.days()) {
                BinDay state = history.dayStart(day, zone, settings.historyDays());
                if (state != null) {
                    out.collect(state);
                }
            }
        }
    }

    /**
     * One day's pickups and bin states → the routes driven (main), the plan for the bins due and
     * the day's summary (sides). The travel matrix covers the depots and every bin of the day.
     */
    static final class DaySeries implements GroupAtEnd.Group<Integer, DayInput, RouteKpiRow> {
        private final WasteAssets assets;
        private final WasteSettings settings;

        DaySeries(WasteAssets assets, WasteSettings settings) {
            this.assets = assets;
            this.settings = settings;
        }

        @Override
        public void apply(Integer day, List<DayInput> inputs, GroupAtEnd.Emitter<RouteKpiRow> out)
                throws Exception {
            List<BinEvent> pickups = new ArrayList<>();
            List<BinDay> states = new ArrayList<>();
            Set<String> bins = new LinkedHashSet<>();
            for (DayInput in : inputs) {
                if (in.pickup != null) {
                    pickups.add(in.pickup);
                    bins.add(in.pickup.containerId);
                } else {
                    states.add(in.state);
                    bins.add(in.state.containerId);
                }
            }
            DayPoints points = new DayPoints(assets, new ArrayList<>(new TreeSet<>(bins)));
            TravelMatrix matrix = Travels.between(points.points(), settings);
            List<RouteKpiRow> routes = Routes.kpis(day, pickups, assets, points, matrix, settings);
            routes.forEach(out::collect);
            DistrictDays.of(day, pickups, assets, settings).forEach(d -> out.output(DISTRICTS, d));
            WasteAssets.Depot depot = assets.depotOf(null);
            if (depot == null) {
                return;
            }
            double capacity = assets.routeCapacityKg(settings);
            CvrpSolver solver = VrpSolvers.byName(settings.solver());
            DayPlanner.Plan plan =
                    DayPlanner.plan(
                            day, states, assets, depot, points, matrix, capacity, solver, settings);
            plan.stops().forEach(s -> out.output(PLAN, s));
            PlanSummaryRow summary = new PlanSummaryRow();
            summary.day = day;
            summary.binsEmptied = pickups.size();
            summary.binsDue = plan.due();
            summary.actualRoutes = routes.size();
            summary.plannedRoutes = plan.routes();
            for (RouteKpiRow r : routes) {
                summary.actualKm += r.km;
                summary.actualTruckHours += r.truckHours;
            }
            summary.plannedKm = plan.km();
            summary.plannedTruckHours = plan.truckHours();
            summary.vehicleCapacityKg = capacity;
            summary.solver = solver.name() + " " + settings.solveTime().toSeconds() + " s";
            summary.distanceSource = matrix.source();
            out.output(SUMMARY, summary);
        }
    }
}
