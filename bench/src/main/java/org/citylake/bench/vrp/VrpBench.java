package org.citylake.bench.vrp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.citylake.analytics.waste.vrp.CvrpSolution;
import org.citylake.analytics.waste.vrp.CvrpSolver;
import org.citylake.analytics.waste.vrp.CvrplibInstance;
import org.citylake.analytics.waste.vrp.CvrplibReader;
import org.citylake.analytics.waste.vrp.OrToolsCvrpSolver;
import org.citylake.analytics.waste.vrp.VrpSolvers;
import org.citylake.bench.harness.GitInfo;
import org.citylake.bench.harness.MachineInfo;

/**
 * Solver quality on CVRPLIB instances (issue 15): every {@code *.vrp} under a folder (or one file)
 * solved by each named solver within its time limit on one thread; the plan is checked
 * independently ({@link CvrpSolution#violations}) and its cost compared to the best known (see
 * {@link BestKnown}). Writes {@code vrp.json} and {@code vrp.md}: per instance and solver the set,
 * n, best known, cost found, gap %, seconds, feasibility; the mean gap per solver and per set.
 *
 * <pre>
 *  *.vrp ─► CvrplibReader ─► solver (time limit, seed, one thread) ─► validate ─► gap to best known
 *  *.sol / COMMENT / bks.csv ─► BestKnown ────────────────────────────────────────┘
 * </pre>
 */
public final class VrpBench {

    public static final String NAME = "vrp";

    /** Issue 15: mean gap to the best known cost. */
    public static final double GOAL_MEAN_GAP_PERCENT = 1.0;

    /** Issue 15: time per instance. */
    public static final double GOAL_SECONDS = 30.0;

    /**
     * @param solver a {@link VrpSolvers} name
     * @param timeLimit its time limit per instance
     */
    public record SolverRun(String solver, Duration timeLimit) {

        /** {@code name} or {@code name:seconds}. */
        public static SolverRun parse(String spec, Duration defaultLimit) {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                VrpSolvers.byName(spec);
                return new SolverRun(spec, defaultLimit);
            }
            String name = spec.substring(0, colon);
            VrpSolvers.byName(name);
            return new SolverRun(name, seconds(spec.substring(colon + 1)));
        }
    }

    /**
     * @param instances a folder searched recursively for {@code *.vrp}, or one instance file
     * @param runs the solvers with their time limits
     * @param seed the solvers' seed
     * @param threads solves run at once (each on one thread)
     * @param commentFleet limit the vehicles to the COMMENT's "No of trucks" (the fleet the A, B
     *     and P optima are for) when the file has no VEHICLES; else as many as needed
     */
    public record Params(
            Path instances, List<SolverRun> runs, long seed, int threads, boolean commentFleet) {}

    /**
     * One solve.
     *
     * @param n nodes, depot included (the instance's DIMENSION)
     * @param gapPercent 100 · (cost − best) / best; NaN when the solve failed
     */
    public record Row(
            String set,
            String instance,
            int n,
            int vehicleLimit,
            long bestKnown,
            String bestKnownSource,
            String solver,
            double timeLimitSeconds,
            long cost,
            double gapPercent,
            double seconds,
            double cpuSeconds,
            int routes,
            boolean feasible,
            String problem) {}

    private VrpBench() {}

    public static Duration seconds(String s) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("time limit '" + s + "' is not a number of seconds");
        }
        if (!(v > 0)) {
            throw new IllegalArgumentException("time limit must be positive, got " + s);
        }
        return Duration.ofMillis(Math.round(v * 1000));
    }

    /** The instance files: the file itself, or every {@code *.vrp} below the folder, sorted. */
    static List<Path> instanceFiles(Path instances) throws IOException {
        if (Files.isRegularFile(instances)) {
            return List.of(instances);
        }
        if (!Files.isDirectory(instances)) {
            throw new IllegalArgumentException(
                    "no instance file or folder at "
                            + instances.toAbsolutePath()
                            + " (give --instances DIR or a .vrp file)");
        }
        try (Stream<Path> s = Files.walk(instances)) {
            List<Path> files =
                    s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".vrp"))
                            .sorted(
                                    Comparator.comparing((Path p) -> setOf(p))
                                            .thenComparing(VrpBench::nodesOf)
                                            .thenComparing(p -> p.getFileName().toString()))
                            .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException(
                        "no *.vrp file under " + instances.toAbsolutePath());
            }
            return files;
        }
    }

    static String setOf(Path vrp) {
        Path parent = vrp.toAbsolutePath().getParent();
        return parent == null ? "" : parent.getFileName().toString();
    }

    private static final Pattern NODES = Pattern.compile("-n(\\d+)");

    private static int nodesOf(Path vrp) {
        Matcher m = NODES.matcher(vrp.getFileName().toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Runs every solve, {@code threads} at a time (all instances' solves are queued at once so the
     * threads stay busy); a progress line per instance, in order, on {@code progress}.
     */
    public static List<Row> run(Params p, PrintStream progress) throws Exception {
        List<Path> files = instanceFiles(p.instances());
        OrToolsCvrpSolver.loadNatives(); // once, outside the timed solves
        List<CvrplibInstance> instances = new ArrayList<>();
        List<BestKnown> bests = new ArrayList<>();
        for (Path file : files) {
            CvrplibInstance inst = CvrplibReader.read(file);
            if (p.commentFleet()
                    && inst.problem().vehicleLimit() == 0
                    && inst.commentTrucks().isPresent()) {
                inst = inst.withVehicleLimit(inst.commentTrucks().getAsInt());
            }
            instances.add(inst);
            bests.add(BestKnown.of(file, inst));
        }
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, p.threads()));
        try {
            List<List<Future<Row>>> solves = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                CvrplibInstance inst = instances.get(i);
                BestKnown best = bests.get(i);
                List<Future<Row>> mine = new ArrayList<>();
                for (SolverRun run : p.runs()) {
                    mine.add(pool.submit(() -> solve(file, inst, best, run, p.seed())));
                }
                solves.add(mine);
            }
            for (int i = 0; i < files.size(); i++) {
                CvrplibInstance inst = instances.get(i);
                StringBuilder line =
                        new StringBuilder(
                                String.format(
                                        Locale.ROOT,
                                        "vrp [%d/%d] %s/%s n=%d best %d:",
                                        i + 1,
                                        files.size(),
                                        setOf(files.get(i)),
                                        inst.name(),
                                        inst.problem().size(),
                                        bests.get(i).cost()));
                for (Future<Row> f : solves.get(i)) {
                    Row r = f.get();
                    rows.add(r);
                    line.append(
                            r.feasible()
                                    ? String.format(
                                            Locale.ROOT,
                                            "  %s %d (%+.2f %%, %.1f s)",
                                            r.solver(),
                                            r.cost(),
                                            r.gapPercent(),
                                            r.seconds())
                                    : "  " + r.solver() + " FAILED: " + r.problem());
                }
                progress.println(line);
                progress.flush();
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    private static Row solve(
            Path file, CvrplibInstance inst, BestKnown best, SolverRun run, long seed) {
        CvrpSolver solver = VrpSolvers.byName(run.solver());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CvrpSolution plan = null;
        String problem = "";
        try {
            plan = solver.solve(inst.problem(), run.timeLimit(), seed);
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        boolean feasible = false;
        long cost = -1;
        double gap = Double.NaN;
        int routes = 0;
        if (plan != null) {
            List<String> v = plan.violations(inst.problem());
            feasible = v.isEmpty();
            problem = String.join("; ", v);
            cost = plan.cost();
            routes = plan.vehicles();
            if (feasible) {
                gap = 100.0 * (cost - best.cost()) / best.cost();
            }
        }
        return new Row(
                setOf(file),
                inst.name(),
                inst.problem().size(),
                inst.problem().vehicleLimit(),
                best.cost(),
                best.source(),
                run.solver(),
                run.timeLimit().toMillis() / 1000.0,
                cost,
                gap,
                seconds,
                cpu,
                routes,
                feasible,
                problem);
    }

    /** Mean gap (%) of the feasible rows; NaN when there are none. */
    static double meanGap(List<Row> rows) {
        return rows.stream()
                .filter(Row::feasible)
                .mapToDouble(Row::gapPercent)
                .average()
                .orElse(Double.NaN);
    }

    /**
     * Summary per solver (in run order): instances, failures, mean / max gap, mean / max seconds.
     */
    static Map<String, Map<String, Object>> summary(List<Row> rows, List<SolverRun> runs) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (SolverRun run : runs) {
            List<Row> mine = rows.stream().filter(r -> r.solver().equals(run.solver())).toList();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("time_limit_s", run.timeLimit().toMillis() / 1000.0);
            s.put("instances", mine.size());
            s.put("infeasible_or_failed", mine.stream().filter(r -> !r.feasible()).count());
            s.put(
                    "optimal_found",
                    mine.stream().filter(r -> r.feasible() && r.cost() <= r.bestKnown()).count());
            s.put("mean_gap_percent", round(meanGap(mine)));
            s.put(
                    "max_gap_percent",
                    round(
                            mine.stream()
                                    .filter(Row::feasible)
                                    .mapToDouble(Row::gapPercent)
                                    .max()
                                    .orElse(Double.NaN)));
            s.put(
                    "mean_seconds",
                    round(mine.stream().mapToDouble(Row::seconds).average().orElse(Double.NaN)));
            s.put(
                    "max_seconds",
                    round(mine.stream().mapToDouble(Row::seconds).max().orElse(Double.NaN)));
            s.put(
                    "mean_cpu_seconds",
                    round(mine.stream().mapToDouble(Row::cpuSeconds).average().orElse(Double.NaN)));
            Map<String, Double> perSet = new TreeMap<>();
            mine.stream()
                    .collect(Collectors.groupingBy(Row::set, TreeMap::new, Collectors.toList()))
                    .forEach((set, rs) -> perSet.put(set, round(meanGap(rs))));
            s.put("mean_gap_percent_per_set", perSet);
            out.put(run.solver(), s);
        }
        return out;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    /** Writes {@code vrp.json} and {@code vrp.md} into {@code dir}; returns the Markdown. */
    public static String write(
            Path dir, Params p, List<Row> rows, Instant started, String command, Path home)
            throws IOException {
        Map<String, Object> machine = MachineInfo.describe();
        Map<String, Object> git = GitInfo.describe(home);
        Map<String, Map<String, Object>> summary = summary(rows, p.runs());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", NAME);
        doc.put("description", description());
        doc.put("command", command);
        doc.put("started_at", started.toString());
        doc.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        doc.put("git", git);
        doc.put("machine", machine);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("instances", shown(p.instances()));
        params.put(
                "solvers",
                p.runs().stream()
                        .map(r -> r.solver() + " " + r.timeLimit().toMillis() / 1000.0 + " s")
                        .toList());
        params.put("seed", p.seed());
        params.put("concurrent_solves", p.threads());
        params.put(
                "fleet",
                p.commentFleet()
                        ? "the COMMENT's No of trucks (VEHICLES when the file gives it)"
                        : "as many vehicles as needed (VEHICLES when the file gives it)");
        doc.put("parameters", params);
        doc.put("summary", summary);
        List<Map<String, Object>> goals = new ArrayList<>();
        for (SolverRun run : p.runs()) {
            Map<String, Object> s = summary.get(run.solver());
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("goal", goalText(run));
            g.put("measured", measured(s));
            g.put("met", met(run, s));
            goals.add(g);
        }
        doc.put("goals", goals);
        doc.put("rows", rows);
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(
                dir.resolve(NAME + ".json"),
                mapper.writeValueAsString(doc) + "\n",
                StandardCharsets.UTF_8);
        String md = markdown(doc, p, rows, summary, goals, machine, git, started, command);
        Files.writeString(dir.resolve(NAME + ".md"), md, StandardCharsets.UTF_8);
        return md;
    }

    static String description() {
        return "Capacitated VRP solver quality (issue 15): every CVRPLIB instance solved by each"
                + " solver within its time limit on one thread; each plan validated independently"
                + " (every customer once, no route over capacity, cost recomputed) and compared to"
                + " the best known cost (the instance's .sol when it is a valid plan of its stated"
                + " cost, else the COMMENT's optimal value).";
    }

    private static String goalText(SolverRun run) {
        return run.solver()
                + ": mean gap ≤ "
                + fmt(GOAL_MEAN_GAP_PERCENT)
                + " % at ≤ "
                + fmt(GOAL_SECONDS)
                + " s per instance on one core (limit used: "
                + fmt(run.timeLimit().toMillis() / 1000.0)
                + " s)";
    }

    private static String measured(Map<String, Object> s) {
        return String.format(
                Locale.ROOT,
                "mean gap %.3f %% (max %.2f %%), %s of %s feasible, seconds mean %.1f max %.1f",
                (double) s.get("mean_gap_percent"),
                (double) s.get("max_gap_percent"),
                ((Number) s.get("instances")).longValue()
                        - ((Number) s.get("infeasible_or_failed")).longValue(),
                s.get("instances"),
                (double) s.get("mean_seconds"),
                (double) s.get("max_seconds"));
    }

    private static boolean met(SolverRun run, Map<String, Object> s) {
        return ((Number) s.get("infeasible_or_failed")).longValue() == 0
                && (double) s.get("mean_gap_percent") <= GOAL_MEAN_GAP_PERCENT
                && (double) s.get("max_seconds") <= GOAL_SECONDS + 1.0
                && run.timeLimit().toMillis() / 1000.0 <= GOAL_SECONDS;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String markdown(
            Map<String, Object> doc,
            Params p,
            List<Row> rows,
            Map<String, Map<String, Object>> summary,
            List<Map<String, Object>> goals,
            Map<String, Object> machine,
            Map<String, Object> git,
            Instant started,
            String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark `")
                .append(NAME)
                .append("`\n\n")
                .append(description())
                .append("\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Run: ").append(started).append(" at commit `").append(git.get("commit"));
        md.append(Boolean.TRUE.equals(git.get("local_changes")) ? "` (with local changes)" : "`")
                .append("  \n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Machine: %s cores, %.1f GiB RAM, %s; %s; %s; load average at start %s%n%n",
                        machine.get("cores"),
                        ((Number) machine.get("ram_bytes")).doubleValue() / (1L << 30),
                        machine.get("cpu_model"),
                        machine.get("jvm"),
                        machine.get("os"),
                        machine.get("load_average_1m_at_start")));
        md.append("Finished: ")
                .append(doc.get("finished_at"))
                .append("; ")
                .append(p.threads())
                .append(" solve(s) at once, each on one thread; seed ")
                .append(p.seed())
                .append(".\n\n");

        md.append(
                "## Summary\n\n| solver | time limit s | instances | failed | optimum found | mean gap % | max gap % | mean s | max s |");
        List<String> sets = rows.stream().map(Row::set).distinct().sorted().toList();
        for (String set : sets) {
            md.append(" mean gap % ").append(set).append(" |");
        }
        md.append("\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
                .append("---:|".repeat(sets.size()))
                .append("\n");
        summary.forEach(
                (solver, s) -> {
                    md.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %s | %s | %s | **%.3f** | %.2f | %.1f | %.1f |",
                                    solver,
                                    fmt((double) s.get("time_limit_s")),
                                    s.get("instances"),
                                    s.get("infeasible_or_failed"),
                                    s.get("optimal_found"),
                                    (double) s.get("mean_gap_percent"),
                                    (double) s.get("max_gap_percent"),
                                    (double) s.get("mean_seconds"),
                                    (double) s.get("max_seconds")));
                    @SuppressWarnings("unchecked")
                    Map<String, Double> perSet =
                            (Map<String, Double>) s.get("mean_gap_percent_per_set");
                    for (String set : sets) {
                        Double g = perSet.get(set);
                        md.append(g == null ? " – |" : String.format(Locale.ROOT, " %.3f |", g));
                    }
                    md.append("\n");
                });

        md.append("\n## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
        for (Map<String, Object> g : goals) {
            md.append("| ")
                    .append(g.get("goal"))
                    .append(" | ")
                    .append(g.get("measured"))
                    .append(" | ")
                    .append(Boolean.TRUE.equals(g.get("met")) ? "yes" : "**no**")
                    .append(" |\n");
        }

        md.append(
                "\n## Per instance\n\n| set | instance | n | vehicles | best known | solver | cost | routes | gap % | seconds | feasible |\n");
        md.append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %s | %d | %s | %s | %s | %s | %.1f | %s |%n",
                            r.set(),
                            r.instance(),
                            r.n(),
                            r.vehicleLimit() == 0 ? "any" : String.valueOf(r.vehicleLimit()),
                            r.bestKnown(),
                            r.solver(),
                            r.cost() < 0 ? "–" : String.valueOf(r.cost()),
                            r.cost() < 0 ? "–" : String.valueOf(r.routes()),
                            r.feasible() ? String.format(Locale.ROOT, "%.2f", r.gapPercent()) : "–",
                            r.seconds(),
                            r.feasible() ? "yes" : "**no**: " + r.problem()));
        }
        List<Row> otherSources =
                rows.stream()
                        .filter(r -> !r.bestKnownSource().equals("sol"))
                        .collect(Collectors.toMap(Row::instance, r -> r, (a, b) -> a, TreeMap::new))
                        .values()
                        .stream()
                        .toList();
        md.append("\n## Method\n\n");
        md.append(
                "- n is the instance's DIMENSION (nodes, depot included); gap % = 100 · (cost − best known) / best"
                        + " known; seconds are wall-clock seconds of the solve call (reading excluded).\n");
        md.append(
                "- Best known: the instance's `.sol` when its routes are a feasible plan whose recomputed cost"
                        + " equals its stated cost; otherwise the COMMENT's optimal value.");
        for (Row r : otherSources) {
            md.append(" ")
                    .append(r.instance())
                    .append(": ")
                    .append(r.bestKnownSource())
                    .append(".");
        }
        md.append(
                "\n- Every solver runs on one thread (jsprit with THREADS=1; OR-Tools' routing search is"
                        + " single-threaded). With more than one solve at once, they share the machine's cores with"
                        + " each other and with whatever else runs (see the load average).\n");
        return md.toString();
    }

    /**
     * A path as the results record it: relative to the working directory (the CityLake home) when
     * it lies below or beside it, so no machine's absolute paths go into a committed result.
     */
    static String shown(java.nio.file.Path path) {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        java.nio.file.Path abs = path.toAbsolutePath().normalize();
        java.nio.file.Path rel = here.relativize(abs);
        return rel.startsWith("../..") ? abs.getFileName().toString() : rel.toString();
    }
}
