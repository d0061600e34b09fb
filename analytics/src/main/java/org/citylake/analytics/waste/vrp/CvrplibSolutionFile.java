package org.citylake.analytics.waste.vrp;

import java.util.List;
import java.util.OptionalLong;

/**
 * A CVRPLIB solution file ({@code .sol}): "Route #k: c1 c2 …" lines and a "Cost c" line. The
 * customers are numbered as in the re-indexed problem of {@link CvrplibInstance}: the depot is 0
 * and is omitted, customer i is the i-th non-depot node in file order (with the depot as node 1, as
 * in the A, B and P sets, this is the file's id − 1).
 *
 * @param routes the routes, in file order
 * @param cost the stated cost, if any
 */
public record CvrplibSolutionFile(List<List<Integer>> routes, OptionalLong cost) {

    public CvrplibSolutionFile {
        routes = routes.stream().map(List::copyOf).toList();
    }

    /** The routes as a plan of the problem, its cost recomputed from the matrix. */
    public CvrpSolution toSolution(CvrpProblem problem) {
        return CvrpSolution.of(problem, routes);
    }
}
