package org.citylake.analytics.waste.vrp;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan for a {@link CvrpProblem}: one route per vehicle used, each the customers' node indices in
 * visiting order (the depot at both ends is implied), and the total cost the solver reported.
 *
 * @param routes non-empty routes of customer node indices (1…n−1)
 * @param cost total cost of all routes, depot legs included
 */
public record CvrpSolution(List<List<Integer>> routes, long cost) {

    public CvrpSolution {
        routes = routes.stream().map(List::copyOf).toList();
    }

    /** The solution for these routes with their cost computed from the problem's matrix. */
    public static CvrpSolution of(CvrpProblem problem, List<List<Integer>> routes) {
        long total = 0;
        for (List<Integer> r : routes) {
            total += routeCost(problem, r);
        }
        return new CvrpSolution(routes.stream().filter(r -> !r.isEmpty()).toList(), total);
    }

    /** Cost of one route: depot → customers in order → depot. */
    public static long routeCost(CvrpProblem problem, List<Integer> route) {
        long c = 0;
        int at = 0;
        for (int node : route) {
            c += problem.cost(at, node);
            at = node;
        }
        return c + problem.cost(at, 0);
    }

    /** Sum of the demands on one route. */
    public static long routeLoad(CvrpProblem problem, List<Integer> route) {
        long load = 0;
        for (int node : route) {
            load += problem.demand()[node];
        }
        return load;
    }

    /**
     * Everything wrong with this plan, checked from scratch against the problem: nodes outside
     * 1…n−1 (the depot inside a route included), customers visited twice or never, empty routes,
     * routes over capacity, more routes than the vehicle limit, and a stated cost that differs from
     * the recomputed one. Empty when the plan is feasible and its cost is right.
     */
    public List<String> violations(CvrpProblem problem) {
        List<String> out = new ArrayList<>();
        int n = problem.size();
        int[] visits = new int[n];
        long total = 0;
        for (int r = 0; r < routes.size(); r++) {
            List<Integer> route = routes.get(r);
            if (route.isEmpty()) {
                out.add("route " + (r + 1) + " is empty");
                continue;
            }
            long load = 0;
            boolean inRange = true;
            for (int node : route) {
                if (node < 1 || node >= n) {
                    out.add(
                            "route "
                                    + (r + 1)
                                    + " visits node "
                                    + node
                                    + ", not a customer (1.."
                                    + (n - 1)
                                    + ")");
                    inRange = false;
                    continue;
                }
                visits[node]++;
                load += problem.demand()[node];
            }
            if (load > problem.capacity()) {
                out.add(
                        "route "
                                + (r + 1)
                                + " loads "
                                + load
                                + ", over the capacity "
                                + problem.capacity());
            }
            if (inRange) {
                total += routeCost(problem, route);
            }
        }
        for (int i = 1; i < n; i++) {
            if (visits[i] == 0) {
                out.add("customer " + i + " is not visited");
            } else if (visits[i] > 1) {
                out.add("customer " + i + " is visited " + visits[i] + " times");
            }
        }
        if (problem.vehicleLimit() > 0 && routes.size() > problem.vehicleLimit()) {
            out.add(
                    routes.size()
                            + " routes, over the limit of "
                            + problem.vehicleLimit()
                            + " vehicles");
        }
        if (out.isEmpty() && total != cost) {
            out.add("stated cost " + cost + " but the routes cost " + total);
        }
        return out;
    }

    /**
     * Checks this plan against the problem (see {@link #violations}) and returns its cost.
     *
     * @throws IllegalStateException naming every violation
     */
    public long validate(CvrpProblem problem) {
        List<String> v = violations(problem);
        if (!v.isEmpty()) {
            throw new IllegalStateException(
                    "infeasible plan for " + problem.name() + ": " + String.join("; ", v));
        }
        return cost;
    }

    /** Vehicles used. */
    public int vehicles() {
        return routes.size();
    }
}
