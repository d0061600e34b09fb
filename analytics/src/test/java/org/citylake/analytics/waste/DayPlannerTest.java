package org.citylake.analytics.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citylake.analytics.waste.vrp.CvrpProblem;
import org.citylake.analytics.waste.vrp.CvrpSolution;
import org.citylake.analytics.waste.vrp.CvrpSolver;
import org.citylake.analytics.waste.vrp.VrpSolvers;
import org.citylake.geo.routing.TravelMatrix;
import org.junit.jupiter.api.Test;

/**
 * The day's plan on a hand-built city, worked out by hand.
 *
 * <pre>
 *   bins (due level 80 %, revisit 1 day; load = level at mid-day, capped at 1, x kg when full):
 *     P 85 %, no rate            due now                 load 0.85  x 40          = 34 kg
 *     Q 60 %, 0.25 /d            0.85 by the next visit  load 0.725 x 240 l x 0.07 = 12.18 kg
 *     R 50 %, 0.10 /d            0.60: not due
 *     S 90 %, no position        not plannable
 *     T 79 %, 0.02 /d            0.81 by the next visit  load 0.80  x 50          = 40 kg
 *   route capacity 50 kg: P + Q = 46.18 fits, P + T and Q + T do not.
 *   metres (symmetric): D-P 1000, D-Q 1200, D-T 900, P-Q 300, P-T 1500, Q-T 1600
 *   optimum: D-P-Q-D 2500 + D-T-D 1800 = 4300 m; P, Q, T alone would be 6200 m.
 * </pre>
 */
class DayPlannerTest {

    static final int DAY = 17000;

    static WasteSettings settings() {
        return new WasteSettings(
                Duration.ofMinutes(120),
                0.3,
                1.0,
                0.8,
                1,
                28,
                Duration.ofSeconds(60),
                25,
                0.07,
                50.0,
                Duration.ofSeconds(2),
                "",
                VrpSolvers.DEFAULT,
                1);
    }

    static WasteAssets assets() {
        return new WasteAssets(
                Map.of(
                        "P", new WasteAssets.Bin("P", 7.41, 43.73, null, "Mixed"),
                        "Q", new WasteAssets.Bin("Q", 7.42, 43.73, 240.0, "Mixed"),
                        "R", new WasteAssets.Bin("R", 7.43, 43.73, 240.0, "Mixed"),
                        "S", new WasteAssets.Bin("S", Double.NaN, Double.NaN, 240.0, "Mixed"),
                        "T", new WasteAssets.Bin("T", 7.44, 43.73, null, "Mixed")),
                Map.of("D", new WasteAssets.Depot("D", 7.40, 43.72)),
                Map.of(
                        "v1", new WasteAssets.Vehicle("v1", "D", 50.0),
                        "v2", new WasteAssets.Vehicle("v2", "D", 50.0)));
    }

    static List<BinDay> states() {
        return List.of(
                BinDay.of("P", DAY, 0.85, null, 40.0),
                BinDay.of("Q", DAY, 0.60, 0.25, null),
                BinDay.of("R", DAY, 0.50, 0.10, 30.0),
                BinDay.of("S", DAY, 0.90, null, 30.0),
                BinDay.of("T", DAY, 0.79, 0.02, 50.0));
    }

    /** Points D=0, P=1, Q=2, R=3, T=4 (S has no position); seconds = metres / 10. */
    static TravelMatrix matrix() {
        double[][] m = new double[5][5];
        set(m, 0, 1, 1000);
        set(m, 0, 2, 1200);
        set(m, 0, 3, 2000);
        set(m, 0, 4, 900);
        set(m, 1, 2, 300);
        set(m, 1, 3, 2000);
        set(m, 1, 4, 1500);
        set(m, 2, 3, 2000);
        set(m, 2, 4, 1600);
        set(m, 3, 4, 2000);
        double[][] s = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                s[i][j] = m[i][j] / 10;
            }
        }
        return TravelMatrix.of(m, s, Travels.ROAD);
    }

    static void set(double[][] m, int a, int b, double v) {
        m[a][b] = v;
        m[b][a] = v;
    }

    static DayPoints points() {
        return new DayPoints(assets(), List.of("P", "Q", "R", "S", "T"));
    }

    @Test
    void dueBinsAndTheirLoads() {
        List<BinDay> due = DayPlanner.due(states(), points(), settings());
        assertThat(due).extracting(b -> b.containerId).containsExactly("P", "Q", "T");
        double[] loads = DayPlanner.loads(due, assets(), settings());
        assertThat(loads[0]).isCloseTo(34.0, within(1e-9));
        assertThat(loads[1]).isCloseTo(0.725 * 240 * 0.07, within(1e-9));
        assertThat(loads[2]).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void theOptimalPlanOfAHandBuiltDay() {
        DayPlanner.Plan plan = plan(new Exhaustive());
        assertThat(plan.due()).isEqualTo(3);
        assertThat(plan.routes()).isEqualTo(2);
        assertThat(plan.km()).isCloseTo(4.3, within(1e-12));
        assertThat(plan.truckHours()).isCloseTo((430 + 3 * 60) / 3600.0, within(1e-12));

        List<PlanStopRow> stops = plan.stops();
        // longest route first, to the first vehicle: P and Q (either order), then the depot
        assertThat(stops).hasSize(5);
        assertThat(stops.subList(0, 3)).allMatch(s -> s.vehicleId.equals("v1") && s.routeNo == 1);
        assertThat(stops.subList(0, 2))
                .extracting(s -> s.containerId)
                .containsExactlyInAnyOrder("P", "Q");
        assertThat(stops.get(2).stopKind).isEqualTo("depot");
        assertThat(stops.get(2).depotId).isEqualTo("D");
        assertThat(stops.get(2).cumKm).isCloseTo(2.5, within(1e-12));
        assertThat(stops.get(2).loadKg).isCloseTo(34 + 12.18, within(1e-9));
        assertThat(stops.get(3).vehicleId).isEqualTo("v2");
        assertThat(stops.get(3).containerId).isEqualTo("T");
        assertThat(stops.get(3).legKm).isCloseTo(0.9, within(1e-12));
        assertThat(stops.get(3).fillForecast).isCloseTo(0.80, within(1e-12));
        assertThat(stops.get(4).cumKm).isCloseTo(1.8, within(1e-12));
        assertThat(stops).extracting(s -> s.stopSeq).containsExactly(1, 2, 3, 1, 2);
    }

    @Test
    void theProductSolverFindsTheSameOptimum() {
        DayPlanner.Plan plan = plan(VrpSolvers.defaultSolver());
        assertThat(plan.km()).isCloseTo(4.3, within(1e-12));
        for (PlanStopRow s : plan.stops()) {
            assertThat(s.loadKg).isLessThanOrEqualTo(50.0);
        }
    }

    @Test
    void aDayWithNothingDuePlansNothing() {
        List<BinDay> low = List.of(BinDay.of("R", DAY, 0.1, 0.1, 30.0));
        DayPlanner.Plan plan =
                DayPlanner.plan(
                        DAY,
                        low,
                        assets(),
                        assets().depots().get("D"),
                        points(),
                        matrix(),
                        50,
                        new Exhaustive(),
                        settings());
        assertThat(plan.stops()).isEmpty();
        assertThat(plan.km()).isZero();
    }

    private static DayPlanner.Plan plan(CvrpSolver solver) {
        return DayPlanner.plan(
                DAY,
                states(),
                assets(),
                assets().depots().get("D"),
                points(),
                matrix(),
                50,
                solver,
                settings());
    }

    /**
     * The test's own oracle: every assignment of customers to routes and every order within a
     * route, for a handful of customers; written without the product's solvers.
     */
    static final class Exhaustive implements CvrpSolver {
        private List<List<Integer>> best;
        private long bestCost;

        @Override
        public String name() {
            return "exhaustive";
        }

        @Override
        public CvrpSolution solve(CvrpProblem problem, Duration timeLimit, long seed) {
            best = null;
            bestCost = Long.MAX_VALUE;
            assign(problem, 1, new ArrayList<>());
            return CvrpSolution.of(problem, best);
        }

        private void assign(CvrpProblem p, int customer, List<List<Integer>> routes) {
            if (customer == p.size()) {
                long cost = 0;
                for (List<Integer> r : routes) {
                    long load = 0;
                    for (int c : r) {
                        load += p.demand()[c];
                    }
                    if (load > p.capacity()) {
                        return;
                    }
                    cost += bestOrder(p, r, 0, new ArrayList<>()).cost;
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new ArrayList<>();
                    for (List<Integer> r : routes) {
                        best.add(bestOrder(p, r, 0, new ArrayList<>()).order);
                    }
                }
                return;
            }
            for (int i = 0; i <= routes.size(); i++) {
                List<List<Integer>> next = new ArrayList<>();
                routes.forEach(r -> next.add(new ArrayList<>(r)));
                if (i == routes.size()) {
                    next.add(new ArrayList<>());
                }
                next.get(i).add(customer);
                assign(p, customer + 1, next);
            }
        }

        record Ordered(long cost, List<Integer> order) {}

        private static Ordered bestOrder(
                CvrpProblem p, List<Integer> left, int at, List<Integer> so) {
            if (left.isEmpty()) {
                long c = 0;
                int prev = 0;
                for (int x : so) {
                    c += p.cost()[prev][x];
                    prev = x;
                }
                return new Ordered(c + p.cost()[prev][0], so);
            }
            Ordered best = null;
            for (int i = 0; i < left.size(); i++) {
                List<Integer> rest = new ArrayList<>(left);
                int x = rest.remove(i);
                List<Integer> order = new ArrayList<>(so);
                order.add(x);
                Ordered o = bestOrder(p, rest, x, order);
                if (best == null || o.cost < best.cost) {
                    best = o;
                }
            }
            return best;
        }
    }
}
