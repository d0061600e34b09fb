package org.citylake.bench.vrp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.citylake.analytics.waste.vrp.CvrpSolution;
import org.citylake.analytics.waste.vrp.CvrplibInstance;
import org.citylake.analytics.waste.vrp.CvrplibReader;
import org.citylake.analytics.waste.vrp.CvrplibSolutionFile;

/**
 * The best known cost of an instance, and where it comes from. A {@code .sol} next to the instance
 * counts only when its routes are a feasible plan whose recomputed cost equals its stated cost;
 * else the COMMENT's "Optimal value", else a {@code bks.csv} row (set, instance, …, sol_cost, …) in
 * the instance's folder or its parent.
 *
 * @param cost the best known cost
 * @param source e.g. "sol", "comment (B-n50-k8.sol: customer 3 is not visited)", "bks.csv"
 */
public record BestKnown(long cost, String source) {

    public static BestKnown of(Path vrp, CvrplibInstance instance) {
        String file = vrp.getFileName().toString();
        Path sol = vrp.resolveSibling(file.replaceFirst("\\.vrp$", "") + ".sol");
        String why = "no .sol";
        if (Files.isRegularFile(sol)) {
            CvrplibSolutionFile s = CvrplibReader.readSolution(sol);
            CvrpSolution plan = s.toSolution(instance.problem());
            List<String> violations = plan.violations(instance.problem());
            if (!violations.isEmpty()) {
                why = sol.getFileName() + ": " + String.join("; ", violations);
            } else if (s.cost().isPresent() && s.cost().getAsLong() != plan.cost()) {
                why =
                        sol.getFileName()
                                + ": states "
                                + s.cost().getAsLong()
                                + ", routes cost "
                                + plan.cost();
            } else {
                return new BestKnown(plan.cost(), "sol");
            }
        }
        OptionalLong comment = instance.commentValue();
        if (comment.isPresent()) {
            return new BestKnown(comment.getAsLong(), "comment (" + why + ")");
        }
        for (Path dir = vrp.toAbsolutePath().getParent(),
                        stop = dir == null ? null : dir.getParent();
                dir != null;
                dir = dir.equals(stop) ? null : dir.getParent()) {
            Long csv = bksCsv(dir.resolve("bks.csv")).get(instance.name());
            if (csv != null) {
                return new BestKnown(csv, "bks.csv (" + why + ")");
            }
        }
        throw new IllegalArgumentException(
                vrp
                        + ": no best known cost ("
                        + why
                        + ", no optimal value in the COMMENT, no bks.csv row)");
    }

    /** instance → sol_cost of a {@code bks.csv}, empty when there is none. */
    static Map<String, Long> bksCsv(Path csv) {
        Map<String, Long> out = new TreeMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(","));
            int name = header.indexOf("instance");
            int cost = header.indexOf("sol_cost");
            if (name < 0 || cost < 0) {
                return out;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length > Math.max(name, cost) && !f[cost].isBlank()) {
                    out.put(f[name], Long.parseLong(f[cost].trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
