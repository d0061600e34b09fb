package org.citylake.analytics.waste.vrp;

import java.util.Objects;

/**
 * A capacitated vehicle routing problem: one depot (node 0), customers 1…n−1 with a demand each,
 * identical vehicles of one capacity that start and end at the depot.
 *
 * <p>{@code cost[i][j]} is the cost of driving from node i to node j (e.g. road metres); it may be
 * asymmetric. The arrays are copied on construction; callers must not modify the arrays the
 * accessors return.
 *
 * @param name a label for messages and reports
 * @param cost square matrix of non-negative arc costs, node 0 the depot
 * @param demand demand per node, {@code demand[0] = 0}, each at most {@code capacity}
 * @param capacity capacity of every vehicle, positive
 * @param vehicleLimit most vehicles that may be used, or 0 for as many as needed
 */
public record CvrpProblem(
        String name, long[][] cost, int[] demand, long capacity, int vehicleLimit) {

    public CvrpProblem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(demand, "demand");
        int n = cost.length;
        if (n == 0) {
            throw new IllegalArgumentException(
                    name + ": the cost matrix is empty (node 0 is the depot)");
        }
        long[][] copy = new long[n][];
        for (int i = 0; i < n; i++) {
            if (cost[i] == null || cost[i].length != n) {
                throw new IllegalArgumentException(
                        name
                                + ": the cost matrix must be square: row "
                                + i
                                + " has "
                                + (cost[i] == null ? "no" : String.valueOf(cost[i].length))
                                + " entries, expected "
                                + n);
            }
            for (int j = 0; j < n; j++) {
                if (cost[i][j] < 0) {
                    throw new IllegalArgumentException(
                            name
                                    + ": cost from node "
                                    + i
                                    + " to node "
                                    + j
                                    + " is negative: "
                                    + cost[i][j]);
                }
            }
            copy[i] = cost[i].clone();
        }
        if (demand.length != n) {
            throw new IllegalArgumentException(
                    name
                            + ": "
                            + demand.length
                            + " demands for "
                            + n
                            + " nodes (one per node, the depot's 0)");
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException(
                    name + ": vehicle capacity must be positive, got " + capacity);
        }
        if (demand[0] != 0) {
            throw new IllegalArgumentException(
                    name + ": the depot (node 0) has demand " + demand[0] + ", expected 0");
        }
        for (int i = 1; i < n; i++) {
            if (demand[i] < 0) {
                throw new IllegalArgumentException(
                        name + ": node " + i + " has a negative demand " + demand[i]);
            }
            if (demand[i] > capacity) {
                throw new IllegalArgumentException(
                        name
                                + ": node "
                                + i
                                + " demands "
                                + demand[i]
                                + ", more than the vehicle capacity "
                                + capacity
                                + ": no vehicle can serve it");
            }
        }
        if (vehicleLimit < 0) {
            throw new IllegalArgumentException(
                    name
                            + ": vehicle limit must be 0 (as many as needed) or positive, got "
                            + vehicleLimit);
        }
        cost = copy;
        demand = demand.clone();
    }

    /** A problem with as many vehicles as needed. */
    public static CvrpProblem of(String name, long[][] cost, int[] demand, long capacity) {
        return new CvrpProblem(name, cost, demand, capacity, 0);
    }

    /** Nodes including the depot. */
    public int size() {
        return cost.length;
    }

    /** Customers (nodes other than the depot). */
    public int customers() {
        return cost.length - 1;
    }

    public long cost(int from, int to) {
        return cost[from][to];
    }

    public long totalDemand() {
        long total = 0;
        for (int d : demand) {
            total += d;
        }
        return total;
    }

    /** Whether {@code cost[i][j] == cost[j][i]} for every pair. */
    public boolean symmetric() {
        for (int i = 0; i < cost.length; i++) {
            for (int j = i + 1; j < cost.length; j++) {
                if (cost[i][j] != cost[j][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CvrpProblem["
                + name
                + ", "
                + customers()
                + " customers, capacity "
                + capacity
                + (vehicleLimit > 0 ? ", at most " + vehicleLimit + " vehicles" : "")
                + "]";
    }
}
