package org.citylake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.citylake.bench.cityday.CityDayBench;
import org.citylake.bench.congestion.CongestionVsDuckDbBench;
import org.citylake.bench.freshness.FreshnessBench;
import org.citylake.bench.harness.GitInfo;
import org.citylake.bench.harness.MachineInfo;
import org.citylake.bench.harness.Report;
import org.citylake.bench.ingest.IngestBench;
import org.citylake.bench.lighting.LightingFaultsBench;
import org.citylake.bench.sql.SqlBench;
import org.citylake.bench.trino.TrinoBench;
import org.citylake.bench.vrp.VrpBench;
import org.citylake.lakehouse.io.FileTrees;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code citylake bench <name>}: runs one benchmark and writes {@code bench/results/<name>.json}
 * and {@code .md}. Each benchmark starts the servers it needs privately (free loopback ports, a
 * temporary directory) and stops them by PID when done, also on failure.
 */
@Command(
        name = "citylake bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks against peers and the physical ceiling. Each runs warm-ups and ≥ 3 measured"
                    + " repetitions, prints a progress line per repetition on stderr and writes"
                    + " <results-dir>/<name>.json and <name>.md (machine, commit, parameters, every"
                    + " repetition, median, min/max, IQR, the reference measured in the same run"
                    + " and the ratio)."
        },
        subcommands = {
            BenchCli.Ingest.class,
            BenchCli.Freshness.class,
            BenchCli.Trino.class,
            BenchCli.CongestionVsDuckDb.class,
            BenchCli.CityDay.class,
            BenchCli.LightingFaults.class,
            BenchCli.AirQuality.class,
            BenchCli.Vrp.class,
            BenchCli.Sql.class,
        })
public final class BenchCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a benchmark: ingest, freshness, trino, congestion-vs-duckdb, cityday, airquality,"
                        + " lighting-faults, vrp or sql");
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:log4j2-bench.properties");
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new BenchCli())
                .setExecutionExceptionHandler(
                        (e, cmd, parsed) -> {
                            cmd.getErr().println("citylake bench: " + describe(e));
                            e.printStackTrace(cmd.getErr());
                            return 1;
                        })
                .execute(args);
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
                s.append(" — caused by: ").append(c.getMessage());
            }
        }
        return s.toString();
    }

    /** Options every benchmark takes. */
    static final class Common {
        @Option(
                names = "--reps",
                defaultValue = "3",
                description =
                        "Measured repetitions (≥ 3 for a recorded result; default ${DEFAULT-VALUE}).")
        int reps;

        @Option(
                names = "--warmups",
                defaultValue = "1",
                description = "Warm-up runs before the measured ones (default ${DEFAULT-VALUE}).")
        int warmups;

        @Option(
                names = "--results-dir",
                paramLabel = "DIR",
                description =
                        "Where <name>.json and <name>.md go (default <citylake home>/bench/results).")
        Path resultsDir;

        @Option(
                names = "--work-dir",
                paramLabel = "DIR",
                description =
                        "Scratch directory for the private servers and generated data (default: a"
                                + " new temporary directory, deleted afterwards).")
        Path workDir;

        @Option(
                names = "--keep-work-dir",
                description = "Keep the scratch directory (to inspect logs).")
        boolean keepWorkDir;

        static Path home() {
            String home = System.getProperty("citylake.home");
            return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
        }

        String command(String name, List<String> args) {
            return "./citylake bench "
                    + name
                    + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }

        /** Creates the work dir, runs the bench, writes the report, cleans up. */
        int run(BenchBody body) throws Exception {
            if (reps < 1) {
                throw new IllegalArgumentException("--reps must be at least 1, got " + reps);
            }
            Path home = home();
            boolean temporary = workDir == null;
            Path work =
                    temporary
                            ? Files.createTempDirectory("citylake-bench-")
                            : Files.createDirectories(workDir.toAbsolutePath());
            try {
                // Read before the run: the load it starts at, and the code it measures (the result
                // files it writes are local changes of their own).
                Map<String, Object> machine = MachineInfo.describe();
                Map<String, Object> git = GitInfo.describe(home);
                Report report = body.run(home, work);
                Path dir =
                        resultsDir != null ? resultsDir : home.resolve("bench").resolve("results");
                List<Path> written = report.write(dir, machine, git);
                System.err.println(
                        "citylake bench: wrote " + written.get(0) + " and " + written.get(1));
                System.out.print(report.toMarkdown(machine, git));
                return 0;
            } finally {
                if (temporary && !keepWorkDir) {
                    FileTrees.delete(work);
                } else {
                    System.err.println("citylake bench: scratch directory kept at " + work);
                }
            }
        }
    }

    @FunctionalInterface
    interface BenchBody {
        Report run(Path home, Path workDir) throws Exception;
    }

    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = {
                "Kafka → Flink ingest job (exactly-once, checkpoints on) → Iceberg on S3 with the"
                        + " PostgreSQL catalog, at each parallelism: readings/s and CPU-seconds per"
                        + " million readings. In the same run the ceiling: Iceberg's RowData Parquet"
                        + " writer writing the same rows to the same S3 in one thread; the ratio."
                        + " At p=2 also the Flink floor: the job's Kafka source alone, and behind a"
                        + " keyed shuffle, into a discarding sink (what Flink itself costs)."
                        + " Starts PostgreSQL, S3Proxy and Kafka privately. Readings are the"
                        + " bundled Aarhus traffic day scaled up (more segments, same statistics),"
                        + " produced to Kafka before the timed part. After every run the clean"
                        + " table must hold exactly the readings produced, else the bench fails."
            })
    static final class Ingest implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--readings",
                defaultValue = "1000000",
                description = "Readings per run (default ${DEFAULT-VALUE}).")
        long readings;

        @Option(
                names = "--parallelism",
                split = ",",
                defaultValue = "1,2",
                description = "Job parallelisms to measure (default ${DEFAULT-VALUE}).")
        List<Integer> parallelism;

        @Option(
                names = "--checkpoint-interval",
                defaultValue = "PT2S",
                description =
                        "Checkpoint (= commit) interval, ISO-8601 (default ${DEFAULT-VALUE}, as `citylake ingest`).")
        Duration checkpointInterval;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (readings < 1) {
                throw new IllegalArgumentException("--readings must be positive, got " + readings);
            }
            IngestBench.Params params =
                    new IngestBench.Params(
                            readings,
                            List.copyOf(parallelism),
                            checkpointInterval,
                            common.warmups,
                            common.reps,
                            seed);
            String command = common.command(IngestBench.NAME, argsOf(spec));
            return common.run((home, work) -> IngestBench.run(params, home, work, command));
        }
    }

    @Command(
            name = "freshness",
            mixinStandardHelpOptions = true,
            description = {
                "A reading produced to Kafka → visible through Trino: p50/p95 latency at each"
                        + " checkpoint interval, with a steady stream of live readings at a modest"
                        + " rate into an unbounded ingest job and marker readings polled through"
                        + " Trino; then data files per partition after the run, without and with"
                        + " compaction (Iceberg rewriteDataFiles). Starts PostgreSQL, S3Proxy,"
                        + " Kafka and Trino privately."
            })
    static final class Freshness implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--checkpoint-intervals",
                split = ",",
                defaultValue = "PT2S,PT5S,PT10S",
                description = "Checkpoint intervals to measure (default ${DEFAULT-VALUE}).")
        List<Duration> intervals;

        @Option(
                names = "--rate",
                defaultValue = "1000",
                description = "Steady stream, readings/s (default ${DEFAULT-VALUE}).")
        int rate;

        @Option(
                names = "--window",
                defaultValue = "PT40S",
                description =
                        "Length of one measured repetition (default ${DEFAULT-VALUE}); a warm-up window of the same length comes first.")
        Duration window;

        @Option(
                names = "--marker-every",
                defaultValue = "PT0.5S",
                description = "Interval between marker readings (default ${DEFAULT-VALUE}).")
        Duration markerEvery;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            FreshnessBench.Params params =
                    new FreshnessBench.Params(
                            List.copyOf(intervals),
                            rate,
                            window,
                            markerEvery,
                            common.warmups,
                            common.reps,
                            seed);
            String command = common.command(FreshnessBench.NAME, argsOf(spec));
            return common.run((home, work) -> FreshnessBench.run(params, home, work, command));
        }
    }

    @Command(
            name = "trino",
            mixinStandardHelpOptions = true,
            description = {
                "p50/p95 of the analyst queries (the views clean.v_traffic_hourly, v_air_daily,"
                        + " v_parking_hourly and typical queries) through Trino over the demo data"
                        + " (the bundled feeds ingested into a private stack), with DuckDB running"
                        + " the same query over the same Parquet data files (taken from the tables'"
                        + " scan planning) as the reference; results are checked equal. Starts"
                        + " PostgreSQL, S3Proxy and Trino privately."
            })
    static final class Trino implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--runs",
                defaultValue = "20",
                description =
                        "Executions of each query per repetition, for its p50/p95 (default ${DEFAULT-VALUE}).")
        int runs;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TrinoBench.Params params = new TrinoBench.Params(runs, common.warmups, common.reps);
            String command = common.command(TrinoBench.NAME, argsOf(spec));
            return common.run((home, work) -> TrinoBench.run(params, home, work, command));
        }
    }

    @Command(
            name = "sql",
            mixinStandardHelpOptions = true,
            description = {
                "Answer time of three analyst queries on the embedded lake (count, busiest"
                        + " segments, city speed by hour over clean.traffic_flow): one-shot"
                        + " `citylake sql` in a new JVM and in the shell on one warm engine (median of"
                        + " --runs), DuckDB over the Iceberg tables' current Parquet files against"
                        + " Flink SQL and against Trino on a private stack with the same bundled"
                        + " feeds (its start and batch ingest are untimed, a few minutes), in the"
                        + " same run; goal: ≤ 1 s in the shell. Reads the lake of --data-dir"
                        + " (default <citylake home>/var, made by `citylake demo`) and writes"
                        + " nothing to it.",
                "Example: ./citylake bench sql --runs 5 --reps 3"
            })
    static final class Sql implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "The lake to read (default <citylake home>/var), e.g. --data-dir var")
        Path dataDir;

        @Option(
                names = "--runs",
                defaultValue = "5",
                description =
                        "Executions of each query in the shell per repetition (default"
                                + " ${DEFAULT-VALUE}).")
        int runs;

        @Option(
                names = "--no-trino",
                description =
                        "Skip Trino (no private stack is started): DuckDB against Flink SQL only.")
        boolean noTrino;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String command = common.command(SqlBench.NAME, argsOf(spec));
            return common.run(
                    (home, work) ->
                            SqlBench.run(
                                    new SqlBench.Params(
                                            dataDir != null ? dataDir : home.resolve("var"),
                                            runs,
                                            common.warmups,
                                            common.reps,
                                            !noTrino),
                                    home,
                                    work,
                                    command));
        }
    }

    @Command(
            name = "congestion-vs-duckdb",
            mixinStandardHelpOptions = true,
            description = {
                "The congestion job (citylake run traffic: index per segment per 5 minutes and per"
                        + " hour, day and week rankings of segments, districts and the city) over"
                        + " the bundled real Aarhus week, against the same computation in DuckDB"
                        + " (in-process, SQL over read_parquet of the same Iceberg data files):"
                        + " wall and CPU seconds per side and the ratio; goal ≤ 3×. After every"
                        + " repetition the job's gold.congestion_ranking and"
                        + " gold.segment_congestion must equal DuckDB's results row for row"
                        + " (doubles to a relative 1e-9), else the bench fails. Embedded profile:"
                        + " no servers; the week is converted, its reference data loaded and its"
                        + " 882,304 readings batch-ingested first (untimed, a few minutes)."
            })
    static final class CongestionVsDuckDb implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--from",
                defaultValue = "2014-08-15",
                paramLabel = "DATE",
                description =
                        "First day the job is run for (default ${DEFAULT-VALUE}, the bundled"
                                + " week's first).")
        LocalDate from;

        @Option(
                names = "--to",
                defaultValue = "2014-08-21",
                paramLabel = "DATE",
                description =
                        "Last day, included (default ${DEFAULT-VALUE}, the bundled week's last;"
                                + " its 5 weekdays are ranked). Readings are read from the whole"
                                + " ISO weeks around the days, as the job does.")
        LocalDate to;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CongestionVsDuckDbBench.Params params =
                    new CongestionVsDuckDbBench.Params(from, to, common.warmups, common.reps);
            String command = common.command(CongestionVsDuckDbBench.NAME, argsOf(spec));
            return common.run(
                    (home, work) -> CongestionVsDuckDbBench.run(params, home, work, command));
        }
    }

    @Command(
            name = "airquality",
            mixinStandardHelpOptions = true,
            description = {
                "Training plus evaluation of the PM2.5 forecasts for Protocol A (train 2010-2012,"
                        + " validate 2013, test 2014) on the bundled Beijing station through the"
                        + " airquality job (embedded lake), against the same run with one horizon;"
                        + " goal ≤ 300 s on 2 cores. Records every horizon's RMSE and skill beside"
                        + " persistence, and Protocol B's h1. A repetition takes minutes: develop"
                        + " with --reps 1 --warmups 0."
            })
    static final class AirQuality implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--threads",
                defaultValue = "2",
                description = "Horizons trained at once (default ${DEFAULT-VALUE}).")
        int threads;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var params =
                    new org.citylake.bench.airquality.AirQualityBench.Params(
                            common.warmups, common.reps, threads);
            String command =
                    common.command(
                            org.citylake.bench.airquality.AirQualityBench.NAME, argsOf(spec));
            return common.run(
                    (home, work) ->
                            org.citylake.bench.airquality.AirQualityBench.run(
                                    params, home, work, command));
        }
    }

    @Command(
            name = "cityday",
            mixinStandardHelpOptions = true,
            description = {
                "A generated Hangzhou-scale city-day (DESIGN §7: 10,000 traffic detectors at 1/min,"
                        + " 56,000 street lamps at 1/15 min, 1,000 air stations at 1/min, 10,000"
                        + " bins at 1/h, 300 parking lots at 1/5 min = 21.5 M readings at scale 1)"
                        + " through the product on the embedded profile (MiniCluster, SQLite"
                        + " catalog, local warehouse; no servers): ref load, `ingest --batch` of"
                        + " all feeds, `run traffic` and `run parking` for the day. Wall time, JVM"
                        + " heap peak, process RSS peak and readings/s per stage; goal: the four"
                        + " stages in ≤ 10 min on 2 cores at scale 1. The feeds are generated once"
                        + " (timed apart, not in the goal) from the bundled real feeds, more sensors"
                        + " with the same statistics, deterministically from the seed. Every"
                        + " repetition must leave exactly the generated readings in the clean"
                        + " tables and no dead letter, else the bench fails.",
                "Unlike the other benchmarks, cityday defaults to --reps 1 --warmups 0: a"
                        + " full-scale repetition takes 9-23 min here and warms its JIT within"
                        + " seconds. Record ≥ 3 repetitions at a smaller --scale beside it; develop"
                        + " with --scale 0.01 (215k readings).",
            })
    static final class CityDay implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--scale",
                defaultValue = "1.0",
                description =
                        "Sensors relative to the DESIGN §7 city-day (default ${DEFAULT-VALUE} ="
                                + " 21.5 M readings; readings per sensor stay the same).")
        double scale;

        @Option(
                names = "--parallelism",
                defaultValue = "2",
                description = "Parallelism of the ingest job (default ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("--scale must be positive, got " + scale);
            }
            var parsed = spec.commandLine().getParseResult();
            int reps = parsed.hasMatchedOption("--reps") ? common.reps : 1;
            int warmups = parsed.hasMatchedOption("--warmups") ? common.warmups : 0;
            CityDayBench.Params params =
                    new CityDayBench.Params(scale, parallelism, warmups, reps, seed);
            String command = common.command(CityDayBench.NAME, argsOf(spec));
            return common.run((home, work) -> CityDayBench.run(params, home, work, command));
        }
    }

    @Command(
            name = "lighting-faults",
            mixinStandardHelpOptions = true,
            description = {
                "Street-lighting fault detection against the generator's ground truth, end to"
                        + " end on the embedded profile: `lighting inventory` from the city's OSM"
                        + " extract (default the bundled real Monaco network), `testdata generate"
                        + " --feed lighting` for --nights nights with faults injected, `ingest"
                        + " --batch`, `run lighting`, then precision and recall per fault type"
                        + " (goal ≥ 0.95 each) and cabinet meters against Σ lamp power × time on"
                        + " fault-free nights (goal within 1 %). Accuracy, not timing: one run"
                        + " (--reps and --warmups do not apply); 30 Monaco nights are 5.4 M"
                        + " readings, ~10 min here."
            })
    static final class LightingFaults implements Callable<Integer> {
        @Mixin Common common;

        @Option(
                names = "--city",
                defaultValue = "monaco",
                description =
                        "City id (default ${DEFAULT-VALUE}); its cities.jsonl must lie next"
                                + " to the extract.")
        String city;

        @Option(
                names = "--osm",
                description =
                        "OSM extract (default <citylake home>/test-data/osm-monaco/monaco.osm.gz).")
        Path osm;

        @Option(
                names = "--from",
                defaultValue = "2024-01-01",
                description = "First night (default ${DEFAULT-VALUE}).")
        LocalDate from;

        @Option(
                names = "--nights",
                defaultValue = "30",
                description = "Nights generated and analysed (default ${DEFAULT-VALUE}).")
        int nights;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Inventory and telemetry seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--parallelism",
                defaultValue = "2",
                description = "Parallelism of the ingest job (default ${DEFAULT-VALUE}).")
        int parallelism;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (nights < 1) {
                throw new IllegalArgumentException("--nights must be at least 1, got " + nights);
            }
            String command = common.command(LightingFaultsBench.NAME, argsOf(spec));
            return common.run(
                    (home, work) -> {
                        Path extract =
                                osm != null
                                        ? osm.toAbsolutePath()
                                        : home.resolve("test-data/osm-monaco/monaco.osm.gz");
                        return LightingFaultsBench.run(
                                new LightingFaultsBench.Params(
                                        city, extract, from, nights, seed, parallelism),
                                work,
                                command);
                    });
        }
    }

    /** The arguments given after the bench name, for the command line in the result. */
    @Command(
            name = "vrp",
            mixinStandardHelpOptions = true,
            description = {
                "Capacitated VRP solver quality (issue 15): every CVRPLIB instance (*.vrp) under"
                        + " --instances, or one instance file, solved by each solver within its time"
                        + " limit on one thread; each plan validated (every customer once, capacities,"
                        + " cost recomputed) and its gap to the best known cost (the .sol when it is"
                        + " a valid plan of its stated cost, else the COMMENT's optimal value). Writes"
                        + " <out>/vrp.json and vrp.md: per instance and solver the set, n, best known,"
                        + " cost, gap %, seconds, feasibility; the mean gap per solver and per set;"
                        + " goal: mean gap ≤ 1 % at ≤ 30 s per instance. A progress line per instance"
                        + " goes to stderr. Timing is the solver's own: --reps and --warmups do not"
                        + " apply."
            })
    static final class Vrp implements Callable<Integer> {
        @Option(
                names = "--instances",
                paramLabel = "DIR|FILE",
                description =
                        "Folder searched for *.vrp (with .sol files beside them), or one instance"
                                + " file (default <citylake home>/test-data/cvrplib: sets A, B, P, bundled).")
        Path instances;

        @Option(
                names = "--time-limit",
                paramLabel = "S",
                defaultValue = "30",
                description = "Seconds per instance and solver (default ${DEFAULT-VALUE}).")
        String timeLimit;

        @Option(
                names = "--solver",
                split = ",",
                paramLabel = "NAME[:S]",
                defaultValue = "default",
                description =
                        "Solvers: jsprit, ortools, jsprit+ortools (jsprit, then OR-Tools' local"
                                + " search from its plan), default (the product's: jsprit), or all"
                                + " (jsprit, ortools, jsprit+ortools); NAME:S gives one its own time"
                                + " limit, e.g. ortools:10 (default ${DEFAULT-VALUE}).")
        List<String> solvers;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Seed of the solvers' searches (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--threads",
                defaultValue = "1",
                description =
                        "Solves run at once, one thread each (default ${DEFAULT-VALUE}); more than"
                                + " the idle cores shortens what each solver gets.")
        int threads;

        @Option(
                names = "--fleet",
                defaultValue = "comment",
                paramLabel = "comment|unlimited",
                description =
                        "comment: at most the COMMENT's \"No of trucks\" vehicles, the fleet the"
                                + " A, B and P optima are for; unlimited: as many as needed (a file's"
                                + " VEHICLES always applies; default ${DEFAULT-VALUE}).")
        String fleet;

        @Option(
                names = {"--out", "--results-dir"},
                paramLabel = "DIR",
                description =
                        "Where vrp.json and vrp.md go (default <citylake home>/bench/results).")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path home = Common.home();
            Duration limit = VrpBench.seconds(timeLimit);
            // a later spec of the same solver replaces an earlier one (e.g. all,ortools:10)
            Map<String, VrpBench.SolverRun> runs = new java.util.LinkedHashMap<>();
            for (String s : solvers) {
                if (s.equalsIgnoreCase("all")) {
                    for (String name :
                            List.of(
                                    org.citylake.analytics.waste.vrp.VrpSolvers.JSPRIT,
                                    org.citylake.analytics.waste.vrp.VrpSolvers.ORTOOLS,
                                    org.citylake.analytics.waste.vrp.VrpSolvers.HYBRID)) {
                        runs.put(name, new VrpBench.SolverRun(name, limit));
                    }
                } else {
                    VrpBench.SolverRun run = VrpBench.SolverRun.parse(s, limit);
                    runs.remove(run.solver());
                    runs.put(run.solver(), run);
                }
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            Path dir =
                    instances != null
                            ? instances.toAbsolutePath()
                            : home.resolve("test-data/cvrplib").normalize();
            VrpBench.Params params =
                    new VrpBench.Params(
                            dir, List.copyOf(runs.values()), seed, threads, commentFleet(fleet));
            java.time.Instant started =
                    java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            List<VrpBench.Row> rows = VrpBench.run(params, System.err);
            Path results = out != null ? out : home.resolve("bench").resolve("results");
            String command =
                    "./citylake bench "
                            + VrpBench.NAME
                            + (argsOf(spec).isEmpty() ? "" : " " + String.join(" ", argsOf(spec)));
            String md = VrpBench.write(results, params, rows, started, command, home);
            System.err.println(
                    "citylake bench: wrote "
                            + results.resolve("vrp.json")
                            + " and "
                            + results.resolve("vrp.md"));
            System.out.print(md);
            return 0;
        }
    }

    private static boolean commentFleet(String fleet) {
        return switch (fleet) {
            case "comment" -> true;
            case "unlimited" -> false;
            default ->
                    throw new IllegalArgumentException(
                            "--fleet must be comment or unlimited, got '" + fleet + "'");
        };
    }

    static List<String> argsOf(CommandLine.Model.CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(spec.name());
        return at < 0 ? all : all.subList(at + 1, all.size());
    }
}
