package org.citylake.analytics.waste.vrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers of the CVRP solvers: a brute-forced toy, A-n32-k5, feasibility everywhere. */
class CvrpSolversTest {

    /**
     * Seven bins around a depot D (coordinates in 100 m), capacity 10:
     *
     * <pre>
     *   y
     *   6 |  1(4)          2(3)
     *   4 |        3(5)
     *   2 |                      4(6)
     *   0 |  D
     *  -2 |        5(2)    6(4)
     *  -4 |  7(3)
     *     +---------------------------- x
     *        0     3       6     9
     * </pre>
     *
     * Cost: Euclidean distance × 100, rounded (metres).
     */
    static CvrpProblem toy() {
        int[][] xy = {{0, 0}, {0, 6}, {6, 6}, {3, 4}, {9, 2}, {3, -2}, {6, -2}, {0, -4}};
        int[] demand = {0, 4, 3, 5, 6, 2, 4, 3};
        long[][] cost = new long[xy.length][xy.length];
        for (int i = 0; i < xy.length; i++) {
            for (int j = 0; j < xy.length; j++) {
                cost[i][j] = Math.round(100 * Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]));
            }
        }
        return CvrpProblem.of("toy", cost, demand, 10);
    }

    /** A one-way street grid: every arc's cost differs by direction (seeded, 18 customers). */
    static CvrpProblem asymmetric(int customers, long seed) {
        Random r = new Random(seed);
        int n = customers + 1;
        double[][] p = new double[n][2];
        for (double[] q : p) {
            q[0] = r.nextDouble() * 5000;
            q[1] = r.nextDouble() * 5000;
        }
        long[][] cost = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.abs(p[i][0] - p[j][0]) + Math.abs(p[i][1] - p[j][1]);
                // detours: going "up" (j above i) costs 30 % more than coming down
                cost[i][j] = i == j ? 0 : Math.round(d * (p[j][1] > p[i][1] ? 1.3 : 1.0));
            }
        }
        int[] demand = new int[n];
        for (int i = 1; i < n; i++) {
            demand[i] = 1 + r.nextInt(9);
        }
        return CvrpProblem.of("asymmetric-" + customers, cost, demand, 20);
    }

    static Stream<CvrpSolver> solvers() {
        return Stream.of(
                new JspritCvrpSolver(),
                new OrToolsCvrpSolver(),
                VrpSolvers.byName(VrpSolvers.HYBRID));
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void everySolverReachesTheBruteForcedOptimumOfTheToy(CvrpSolver solver) {
        CvrpProblem toy = toy();
        long optimum = BruteForceCvrp.optimum(toy.cost(), toy.demand(), toy.capacity());

        CvrpSolution plan = solver.solve(toy, Duration.ofSeconds(2), 7);

        assertThat(plan.validate(toy)).isEqualTo(optimum);
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void everySolverReachesTheBruteForcedOptimumOfAnAsymmetricToy(CvrpSolver solver) {
        CvrpProblem p = asymmetric(7, 3);
        assertThat(p.symmetric()).isFalse();
        long optimum = BruteForceCvrp.optimum(p.cost(), p.demand(), p.capacity());

        CvrpSolution plan = solver.solve(p, Duration.ofSeconds(2), 7);

        assertThat(plan.validate(p)).isEqualTo(optimum);
    }

    @Test
    void theDefaultSolverComesWithinOnePercentOfTheOptimumOfAn32k5() {
        CvrplibInstance a32 = CvrplibData.instance("A", "A-n32-k5");

        CvrpSolution plan =
                VrpSolvers.defaultSolver().solve(a32.problem(), Duration.ofSeconds(5), 1);

        assertThat(plan.validate(a32.problem())).isLessThanOrEqualTo(Math.round(784 * 1.01));
    }

    static Stream<Arguments> instancesAndSolvers() {
        List<Arguments> out = new ArrayList<>();
        List<CvrpProblem> problems =
                List.of(
                        CvrplibData.instance("P", "P-n16-k8").problem(),
                        CvrplibData.instance("B", "B-n31-k5").problem(),
                        CvrplibData.instance("P", "P-n55-k15").problem(),
                        asymmetric(30, 11));
        solvers().forEach(s -> problems.forEach(p -> out.add(Arguments.of(s, p))));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("instancesAndSolvers")
    void everyPlanVisitsEachCustomerOnceWithinCapacity(CvrpSolver solver, CvrpProblem problem) {
        CvrpSolution plan = solver.solve(problem, Duration.ofSeconds(1), 5);

        assertThat(plan.violations(problem)).isEmpty();
        List<Integer> visited = plan.routes().stream().flatMap(List::stream).sorted().toList();
        assertThat(visited).hasSize(problem.customers()).doesNotHaveDuplicates();
        for (List<Integer> route : plan.routes()) {
            long load = route.stream().mapToLong(c -> problem.demand()[c]).sum();
            assertThat(load).isLessThanOrEqualTo(problem.capacity());
        }
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void aVehicleLimitIsKept(CvrpSolver solver) {
        CvrpProblem p16 = CvrplibData.instance("P", "P-n16-k8").problem();
        CvrpProblem limited =
                new CvrpProblem(
                        "P-n16-k8 with 8 vehicles", p16.cost(), p16.demand(), p16.capacity(), 8);

        CvrpSolution plan = solver.solve(limited, Duration.ofSeconds(1), 5);

        assertThat(plan.violations(limited)).isEmpty();
        assertThat(plan.vehicles()).isLessThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("solvers")
    void aProblemWithoutCustomersHasAnEmptyPlan(CvrpSolver solver) {
        CvrpProblem empty = CvrpProblem.of("depot only", new long[][] {{0}}, new int[] {0}, 10);

        assertThat(solver.solve(empty, Duration.ofSeconds(1), 1).routes()).isEmpty();
    }

    @Test
    void theValidatorFindsEveryKindOfViolation() {
        CvrpProblem toy = toy();
        // 1 and 2 fit (7), 3 + 4 = 11 > 10, 5 twice, 6 and 7 never, a stated cost that is wrong
        CvrpSolution bad =
                new CvrpSolution(List.of(List.of(1, 2, 5), List.of(3, 4), List.of(5)), 1);

        assertThat(bad.violations(toy))
                .containsExactlyInAnyOrder(
                        "route 2 loads 11, over the capacity 10",
                        "customer 5 is visited 2 times",
                        "customer 6 is not visited",
                        "customer 7 is not visited");
        assertThatThrownBy(() -> bad.validate(toy))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("infeasible plan for toy")
                .hasMessageContaining("customer 6 is not visited");

        CvrpSolution wrongCost =
                new CvrpSolution(
                        List.of(List.of(1, 2), List.of(3, 5), List.of(4), List.of(6, 7)), 1);
        assertThat(wrongCost.violations(toy))
                .singleElement()
                .asString()
                .startsWith("stated cost 1 but the routes cost ");
        assertThat(new CvrpSolution(List.of(List.of(0, 1)), 0).violations(toy))
                .contains("route 1 visits node 0, not a customer (1..7)");
    }

    @Test
    void aProblemNamesTheNodeWhoseDemandNoVehicleCanCarry() {
        long[][] cost = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};

        assertThatThrownBy(() -> CvrpProblem.of("bins", cost, new int[] {0, 3, 12}, 10))
                .hasMessage(
                        "bins: node 2 demands 12, more than the vehicle capacity 10: no vehicle can serve it");
        assertThatThrownBy(
                        () ->
                                CvrpProblem.of(
                                        "bins", new long[][] {{0, 1}, {1}}, new int[] {0, 1}, 10))
                .hasMessageContaining(
                        "the cost matrix must be square: row 1 has 1 entries, expected 2");
        assertThatThrownBy(
                        () ->
                                CvrpProblem.of(
                                        "bins",
                                        new long[][] {{0, -1}, {1, 0}},
                                        new int[] {0, 1},
                                        10))
                .hasMessage("bins: cost from node 0 to node 1 is negative: -1");
    }
}
