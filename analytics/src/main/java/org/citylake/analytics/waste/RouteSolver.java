package org.citylake.analytics.waste;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** A capacitated VRP solver as the day's plan calls it. */
public interface RouteSolver extends Serializable {

    /**
     * Routes for every customer of {@code cost}: node 0 is the depot, nodes 1.. the customers;
     * each route is its customers in driving order.
     */
    List<int[]> solve(long[][] cost, int[] demand, long capacity, Duration limit, long seed);

    /** The solver's name as the summary records it. */
    String name();
}
