package org.citylake.analytics.waste.vrp;

import java.util.List;
import java.util.Locale;

/**
 * The product's CVRP solvers by name, and the default one the waste job uses.
 *
 * <p>The default is chosen by {@code citylake bench vrp} on the CVRPLIB sets A, B and P (see
 * bench/README.md): jsprit reaches a far smaller gap to the optimum than OR-Tools' guided local
 * search in the same time on one core.
 */
public final class VrpSolvers {

    public static final String JSPRIT = "jsprit";
    public static final String ORTOOLS = "ortools";
    public static final String HYBRID = "jsprit+ortools";
    public static final String DEFAULT = "default";

    private VrpSolvers() {}

    /** The solver the product uses. */
    public static CvrpSolver defaultSolver() {
        return new JspritCvrpSolver();
    }

    /**
     * Whether Google OR-Tools is on the class path. The product ships without it (its protobuf 4
     * breaks the OSM PBF reader's protobuf 3 code); the bench module carries it.
     */
    public static boolean orToolsAvailable() {
        try {
            Class.forName("com.google.ortools.Loader", false, VrpSolvers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void requireOrTools(String solver) {
        if (!orToolsAvailable()) {
            throw new IllegalStateException(
                    "solver '"
                            + solver
                            + "' needs Google OR-Tools (com.google.ortools:ortools-java), which is not"
                            + " on this class path: the product ships jsprit only; `citylake bench vrp`"
                            + " carries OR-Tools");
        }
    }

    /** Every name {@link #byName} knows. */
    public static List<String> names() {
        return List.of(DEFAULT, JSPRIT, ORTOOLS, HYBRID);
    }

    /**
     * @param name {@code default}, {@code jsprit}, {@code ortools} or {@code jsprit+ortools}
     */
    public static CvrpSolver byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case DEFAULT -> defaultSolver();
            case JSPRIT -> new JspritCvrpSolver();
            case ORTOOLS -> {
                requireOrTools(name);
                yield new OrToolsCvrpSolver();
            }
            case HYBRID -> {
                requireOrTools(name);
                yield new HybridCvrpSolver(new JspritCvrpSolver(), new OrToolsCvrpSolver(), 0.8);
            }
            default ->
                    throw new IllegalArgumentException(
                            "unknown solver '"
                                    + name
                                    + "': expected one of "
                                    + String.join(", ", names()));
        };
    }
}
