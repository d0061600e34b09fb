package org.citylake.analytics.waste;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.citylake.analytics.waste.vrp.CvrpProblem;
import org.citylake.analytics.waste.vrp.CvrpSolution;
import org.citylake.analytics.waste.vrp.CvrpSolver;
import org.citylake.geo.routing.TravelMatrix;

/**
 * One day's optimised collection, pure: the bins due, the capacitated VRP over them, and the plan
 * as stops.
 *
 * <p>A bin is <b>due</b> on day D when its level at the day's start, or its forecast by the next
 * visit ({@code --revisit-days} later), is at or above {@code --due-level}: left today, it would
 * pass the level before a truck comes again. Its <b>load</b> is its level forecast at mid-day
 * (capped at a full bin) times the kg it holds when full (its own emptyings' weight per level, else
 * its capacity x {@code --kg-per-litre}, else the day's median). Every route starts and ends at the
 * depot and carries at most the route capacity; a vehicle may drive several routes. Routes are
 * handed to the fleet's vehicles (id order) longest first, round robin.
 */
final class DayPlanner {

    /** Demands and capacity go to the solver in units of 0.1 kg. */
    static final double UNITS_PER_KG = 10;

    /** The day's plan: its stops and its totals. */
    record Plan(List<PlanStopRow> stops, int due, int routes, double km, double truckHours) {}

    private DayPlanner() {}

    /** The bins of {@code states} that are due, placed ones only, in id order. */
    static List<BinDay> due(List<BinDay> states, DayPoints points, WasteSettings settings) {
        List<BinDay> due = new ArrayList<>();
        for (BinDay b : states) {
            double next = b.levelAfter(settings.revisitDays());
            if (points.bin(b.containerId) >= 0 && Math.max(b.level, next) >= settings.dueLevel()) {
                due.add(b);
            }
        }
        due.sort(Comparator.comparing(b -> b.containerId));
        return due;
    }

    /** The kg each due bin is forecast to hold at mid-day. */
    static double[] loads(List<BinDay> due, WasteAssets assets, WasteSettings settings) {
        List<Double> known = new ArrayList<>();
        double[] full = new double[due.size()];
        for (int i = 0; i < due.size(); i++) {
            BinDay b = due.get(i);
            WasteAssets.Bin bin = assets.bins().get(b.containerId);
            if (b.kgWhenFull != null) {
                full[i] = b.kgWhenFull;
            } else if (bin != null && bin.capacityL() != null) {
                full[i] = bin.capacityL() * settings.kgPerLitre();
            } else {
                full[i] = Double.NaN;
                continue;
            }
            known.add(full[i]);
        }
        Double median = BinHistory.median(known);
        double[] loads = new double[due.size()];
        for (int i = 0; i < due.size(); i++) {
            double kgFull = Double.isNaN(full[i]) ? (median == null ? 0 : median) : full[i];
            loads[i] = Math.min(1.0, Math.max(0, due.get(i).levelAfter(0.5))) * kgFull;
        }
        return loads;
    }

    static Plan plan(
            int day,
            List<BinDay> states,
            WasteAssets assets,
            WasteAssets.Depot depot,
            DayPoints points,
            TravelMatrix matrix,
            double capacityKg,
            CvrpSolver solver,
            WasteSettings settings) {
        List<BinDay> due = due(states, points, settings);
        if (due.isEmpty()) {
            return new Plan(List.of(), 0, 0, 0, 0);
        }
        double[] loads = loads(due, assets, settings);
        int n = due.size() + 1;
        int[] node = new int[n];
        node[0] = points.depot(depot);
        long capacity = (long) Math.floor(capacityKg * UNITS_PER_KG);
        int[] demand = new int[n];
        for (int i = 1; i < n; i++) {
            node[i] = points.bin(due.get(i - 1).containerId);
            demand[i] = (int) Math.min(capacity, Math.ceil(loads[i - 1] * UNITS_PER_KG));
        }
        long[][] cost = new long[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                cost[a][b] = a == b ? 0 : Math.round(matrix.meters(node[a], node[b]));
            }
        }
        CvrpProblem problem =
                CvrpProblem.of(
                        "day " + LocalDate.ofEpochDay(day) + " of the bins due",
                        cost,
                        demand,
                        capacity);
        CvrpSolution solution = solver.solve(problem, settings.solveTime(), settings.seed());
        List<String> violations = solution.violations(problem);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(
                    solver.name()
                            + " returned an infeasible plan for "
                            + problem.name()
                            + ": "
                            + violations);
        }
        List<List<Integer>> routes = new ArrayList<>(solution.routes());
        routes.removeIf(List::isEmpty);
        routes.sort(
                Comparator.comparingLong((List<Integer> r) -> -CvrpSolution.routeCost(problem, r))
                        .thenComparing(r -> due.get(r.get(0) - 1).containerId));
        List<String> fleet = new ArrayList<>(assets.vehicles().keySet());
        List<PlanStopRow> stops = new ArrayList<>();
        double km = 0;
        double hours = 0;
        for (int k = 0; k < routes.size(); k++) {
            List<Integer> route = routes.get(k);
            String vehicle = fleet.isEmpty() ? "planned-" + (k + 1) : fleet.get(k % fleet.size());
            int routeNo = fleet.isEmpty() ? 1 : k / fleet.size() + 1;
            double cum = 0;
            double load = 0;
            double seconds = 0;
            int prev = 0;
            int seq = 0;
            for (int c : route) {
                double leg = matrix.meters(node[prev], node[c]) / 1000;
                seconds += matrix.seconds(node[prev], node[c]);
                cum += leg;
                load += loads[c - 1];
                BinDay b = due.get(c - 1);
                stops.add(
                        stop(
                                day,
                                vehicle,
                                routeNo,
                                ++seq,
                                "bin",
                                b.containerId,
                                null,
                                points.at(node[c]),
                                leg,
                                cum,
                                load,
                                b.levelAfter(0.5)));
                prev = c;
            }
            double back = node[prev] == node[0] ? 0 : matrix.meters(node[prev], node[0]) / 1000;
            seconds += node[prev] == node[0] ? 0 : matrix.seconds(node[prev], node[0]);
            cum += back;
            stops.add(
                    stop(
                            day,
                            vehicle,
                            routeNo,
                            ++seq,
                            "depot",
                            null,
                            depot.id(),
                            points.at(node[0]),
                            back,
                            cum,
                            load,
                            null));
            km += cum;
            hours += seconds / 3600 + route.size() * settings.service().toSeconds() / 3600.0;
        }
        return new Plan(stops, due.size(), routes.size(), km, hours);
    }

    private static PlanStopRow stop(
            int day,
            String vehicle,
            int routeNo,
            int seq,
            String kind,
            String containerId,
            String depotId,
            double[] at,
            double legKm,
            double cumKm,
            double loadKg,
            Double fill) {
        PlanStopRow s = new PlanStopRow();
        s.day = day;
        s.vehicleId = vehicle;
        s.routeNo = routeNo;
        s.stopSeq = seq;
        s.stopKind = kind;
        s.containerId = containerId;
        s.depotId = depotId;
        s.lon = at[0];
        s.lat = at[1];
        s.legKm = legKm;
        s.cumKm = cumKm;
        s.loadKg = loadKg;
        s.fillForecast = fill;
        return s;
    }
}
