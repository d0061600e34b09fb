package org.citylake.analytics.waste.vrp;

import com.google.ortools.Loader;
import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.ortools.constraintsolver.main;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CVRP with Google OR-Tools' routing solver: a {@code RoutingModel} with the cost matrix as arc
 * costs, a capacity dimension over the demands, a first solution by a construction heuristic and
 * guided local search until the time limit. The routing solver is single-threaded; the matrix and
 * demands are registered as native arrays, so the search makes no call back into Java.
 *
 * <p>With no vehicle limit the model gets enough vehicles for any optimum on a cost matrix with the
 * triangle inequality (road distances): two routes of an optimal plan never fit into one vehicle
 * together, so there are fewer than {@code 2·demand/capacity + 1}; and at least as many as a
 * first-fit-decreasing packing needs, so a plan always exists.
 */
public final class OrToolsCvrpSolver implements CvrpSolver {

    /**
     * @param firstSolution construction heuristic
     * @param metaheuristic improvement after the construction
     */
    public record Settings(
            FirstSolutionStrategy.Value firstSolution,
            LocalSearchMetaheuristic.Value metaheuristic) {

        public static Settings defaults() {
            return new Settings(
                    FirstSolutionStrategy.Value.PARALLEL_CHEAPEST_INSERTION,
                    LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH);
        }
    }

    private static final Object NATIVES = new Object();
    private static boolean loaded;

    private final Settings settings;

    public OrToolsCvrpSolver() {
        this(Settings.defaults());
    }

    public OrToolsCvrpSolver(Settings settings) {
        this.settings = settings;
    }

    /** Loads OR-Tools' native libraries once per JVM (they are extracted from the jar). */
    public static void loadNatives() {
        synchronized (NATIVES) {
            if (!loaded) {
                Loader.loadNativeLibraries();
                loaded = true;
            }
        }
    }

    @Override
    public String name() {
        return "ortools";
    }

    @Override
    public CvrpSolution solve(CvrpProblem problem, Duration timeLimit, long seed) {
        return solve(problem, timeLimit, seed, null);
    }

    /**
     * As {@link #solve(CvrpProblem, Duration, long)}, starting the local search from a given plan
     * (e.g. another solver's) instead of a construction.
     */
    public CvrpSolution solve(
            CvrpProblem problem, Duration timeLimit, long seed, CvrpSolution initial) {
        if (problem.customers() == 0) {
            return new CvrpSolution(List.of(), 0);
        }
        loadNatives();
        int n = problem.size();
        int vehicles =
                problem.vehicleLimit() > 0
                        ? problem.vehicleLimit()
                        : vehiclesNeeded(problem, initial);
        RoutingIndexManager manager = new RoutingIndexManager(n, vehicles, 0);
        RoutingModel routing = new RoutingModel(manager);
        int arc = routing.registerTransitMatrix(problem.cost());
        routing.setArcCostEvaluatorOfAllVehicles(arc);
        long[] demand = Arrays.stream(problem.demand()).asLongStream().toArray();
        int load = routing.registerUnaryTransitVector(demand);
        long[] capacities = new long[vehicles];
        Arrays.fill(capacities, problem.capacity());
        routing.addDimensionWithVehicleCapacity(load, 0, capacities, true, "load");
        if (problem.vehicleLimit() > 0) {
            // With a tight fleet the construction can fail to place every customer (ROUTING_FAIL).
            // Each customer may then be left out at a penalty above any plan's cost, so a first
            // plan always exists and the search brings every customer in; any left out is an error.
            long penalty = dropPenalty(problem);
            for (int node = 1; node < n; node++) {
                routing.addDisjunction(new long[] {manager.nodeToIndex(node)}, penalty);
            }
        }
        long millis = Math.max(1, timeLimit.toMillis());
        RoutingSearchParameters params =
                main.defaultRoutingSearchParameters().toBuilder()
                        .setFirstSolutionStrategy(settings.firstSolution())
                        .setLocalSearchMetaheuristic(settings.metaheuristic())
                        .setTimeLimit(
                                com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(millis / 1000)
                                        .setNanos((int) (millis % 1000) * 1_000_000))
                        .build();
        Assignment found;
        if (initial != null) {
            routing.closeModelWithParameters(params);
            long[][] routes = new long[vehicles][];
            for (int v = 0; v < vehicles; v++) {
                routes[v] =
                        v < initial.routes().size()
                                ? initial.routes().get(v).stream()
                                        .mapToLong(node -> manager.nodeToIndex(node))
                                        .toArray()
                                : new long[0];
            }
            Assignment start = routing.readAssignmentFromRoutes(routes, true);
            if (start == null) {
                throw new IllegalArgumentException(
                        problem.name() + ": the initial plan is not a plan of this problem");
            }
            found = routing.solveFromAssignmentWithParameters(start, params);
        } else {
            found = routing.solveWithParameters(params);
        }
        if (found == null) {
            throw new IllegalStateException(
                    problem.name()
                            + ": OR-Tools found no plan within "
                            + timeLimit
                            + " with "
                            + vehicles
                            + " vehicles (status "
                            + routing.status()
                            + ")");
        }
        List<List<Integer>> routes = new ArrayList<>();
        int visited = 0;
        for (int v = 0; v < vehicles; v++) {
            List<Integer> nodes = new ArrayList<>();
            for (long index = found.value(routing.nextVar(routing.start(v)));
                    !routing.isEnd(index);
                    index = found.value(routing.nextVar(index))) {
                nodes.add(manager.indexToNode(index));
            }
            visited += nodes.size();
            if (!nodes.isEmpty()) {
                routes.add(nodes);
            }
        }
        if (visited < problem.customers()) {
            throw new IllegalStateException(
                    problem.name()
                            + ": OR-Tools left "
                            + (problem.customers() - visited)
                            + " customers unvisited within "
                            + timeLimit
                            + " (at most "
                            + vehicles
                            + " vehicles)");
        }
        return CvrpSolution.of(problem, routes);
    }

    /** More than any plan costs: every arc at its most expensive, twice over, plus one. */
    static long dropPenalty(CvrpProblem p) {
        long sum = 0;
        for (long[] row : p.cost()) {
            long max = 0;
            for (long c : row) {
                max = Math.max(max, c);
            }
            sum = Math.addExact(sum, max);
        }
        return Math.addExact(Math.multiplyExact(2, sum), 1);
    }

    /**
     * Vehicles for an unlimited fleet: fewer than {@code 2·demand/capacity + 1} are ever needed
     * with the triangle inequality, at least a first-fit-decreasing packing's count and the routes
     * of a given starting plan.
     */
    static int vehiclesNeeded(CvrpProblem p, CvrpSolution initial) {
        long twice = 2 * p.totalDemand() / p.capacity() + 1;
        int bound = (int) Math.min(p.customers(), twice);
        bound = Math.max(bound, firstFitDecreasing(p));
        if (initial != null) {
            bound = Math.max(bound, initial.routes().size());
        }
        return Math.max(1, bound);
    }

    /** Bins used by first-fit decreasing over the customers' demands. */
    static int firstFitDecreasing(CvrpProblem p) {
        int[] d = Arrays.copyOfRange(p.demand(), 1, p.size());
        Arrays.sort(d);
        List<long[]> bins = new ArrayList<>();
        for (int i = d.length - 1; i >= 0; i--) {
            boolean placed = false;
            for (long[] bin : bins) {
                if (bin[0] + d[i] <= p.capacity()) {
                    bin[0] += d[i];
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                bins.add(new long[] {d[i]});
            }
        }
        return bins.size();
    }
}
