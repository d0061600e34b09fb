package org.citylake.analytics.waste.vrp;

import java.time.Duration;

/**
 * jsprit's ruin-and-recreate search for most of the time limit, then OR-Tools' guided local search
 * started from jsprit's plan for the rest; the better of the two plans is returned (the local
 * search never returns a worse one, but a plan it cannot improve in time is kept as it is).
 */
public final class HybridCvrpSolver implements CvrpSolver {

    private final JspritCvrpSolver jsprit;
    private final OrToolsCvrpSolver ortools;
    private final double jspritShare;

    /**
     * @param jspritShare share of the time limit given to jsprit (0 < share < 1)
     */
    public HybridCvrpSolver(
            JspritCvrpSolver jsprit, OrToolsCvrpSolver ortools, double jspritShare) {
        if (!(jspritShare > 0 && jspritShare < 1)) {
            throw new IllegalArgumentException(
                    "jsprit's share must lie in (0, 1), got " + jspritShare);
        }
        this.jsprit = jsprit;
        this.ortools = ortools;
        this.jspritShare = jspritShare;
    }

    @Override
    public String name() {
        return "jsprit+ortools";
    }

    @Override
    public CvrpSolution solve(CvrpProblem problem, Duration timeLimit, long seed) {
        long start = System.nanoTime();
        CvrpSolution first =
                jsprit.solve(
                        problem,
                        Duration.ofNanos((long) (timeLimit.toNanos() * jspritShare)),
                        seed);
        Duration left = timeLimit.minusNanos(System.nanoTime() - start);
        if (problem.customers() < 2 || left.toMillis() < 100) {
            return first;
        }
        CvrpSolution polished = ortools.solve(problem, left, seed, first);
        return polished.cost() < first.cost() ? polished : first;
    }
}
