package org.citylake.analytics.waste.vrp;

import java.time.Duration;

/**
 * Solves a {@link CvrpProblem} within a time limit on one core. Every implementation returns a
 * feasible plan (each customer exactly once, no route over capacity, at most the vehicle limit) or
 * throws; with the same seed and problem it follows the same search, so only the time limit (wall
 * clock) can make two runs differ.
 */
public interface CvrpSolver {

    /** Short name, e.g. {@code jsprit}, used in options and reports. */
    String name();

    /**
     * @param problem the problem
     * @param timeLimit wall-clock budget of the search (construction included)
     * @param seed seed of the search's random choices
     * @return a feasible plan whose {@link CvrpSolution#cost()} is the recomputed cost of its
     *     routes
     * @throws IllegalStateException when no plan within the vehicle limit was found
     */
    CvrpSolution solve(CvrpProblem problem, Duration timeLimit, long seed);
}
