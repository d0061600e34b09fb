package org.citylake.analytics.waste.vrp;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CVRPLIB instance as read by {@link CvrplibReader}: the problem re-indexed so the depot is node
 * 0 and the other nodes follow in the file's order, and each node's id in the file.
 *
 * @param name the NAME
 * @param comment the COMMENT, or empty
 * @param edgeWeightType the EDGE_WEIGHT_TYPE (e.g. EUC_2D)
 * @param problem the problem (node 0 = the depot)
 * @param fileIds {@code fileIds[i]} is node i's id in the file
 */
public record CvrplibInstance(
        String name, String comment, String edgeWeightType, CvrpProblem problem, int[] fileIds) {

    private static final Pattern OPTIMAL =
            Pattern.compile("(?i)(?:optimal|best)\\s+value\\s*:?\\s*(\\d+)");

    /**
     * The optimal (or best) value a COMMENT states, e.g. "(Augerat et al, …, Optimal value: 784)".
     */
    public OptionalLong commentValue() {
        Matcher m = OPTIMAL.matcher(comment);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static final Pattern TRUCKS = Pattern.compile("(?i)no\\s+of\\s+trucks\\s*:?\\s*(\\d+)");

    /**
     * The number of trucks a COMMENT states (the A, B and P sets: "No of trucks: 5"), the fleet
     * their optimal values are for.
     */
    public OptionalInt commentTrucks() {
        Matcher m = TRUCKS.matcher(comment);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The same instance with at most {@code vehicles} vehicles (0 = as many as needed). */
    public CvrplibInstance withVehicleLimit(int vehicles) {
        CvrpProblem p = problem;
        return new CvrplibInstance(
                name,
                comment,
                edgeWeightType,
                new CvrpProblem(p.name(), p.cost(), p.demand(), p.capacity(), vehicles),
                fileIds);
    }

    /** The node index of a file id, or −1. */
    public int indexOf(int fileId) {
        for (int i = 0; i < fileIds.length; i++) {
            if (fileIds[i] == fileId) {
                return i;
            }
        }
        return -1;
    }
}
