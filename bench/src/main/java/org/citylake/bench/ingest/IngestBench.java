package org.citylake.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.citylake.bench.harness.Repetitions;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.bench.stack.BenchStack;
import org.citylake.bench.traffic.ScaledTrafficDay;
import org.citylake.bench.traffic.TrafficProducer;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.CityRegistry;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.ref.RefLoader;
import org.citylake.stack.StackLog;
import org.citylake.testdata.BundledCities;

/**
 * {@code bench ingest}: Kafka → Flink (the real ingest job, exactly-once, checkpoints on) → Iceberg
 * on S3 with the PostgreSQL catalog, at each parallelism, against the ceiling of Iceberg's RowData
 * Parquet writer writing the same rows to the same S3 in one thread.
 *
 * <pre>
 *  scaled Aarhus day ─► Kafka city.traffic (untimed)
 *                          │  timed: submit → job finished (bounded source, all offsets read)
 *                          ▼
 *               IngestJob (MiniCluster, parallelism p) ─► raw.traffic, clean.traffic_flow,
 *                                                         ops.dead_letter   (fresh tables per run)
 *  same rows ─► RowDataTaskWriterFactory, 1 thread ─► raw.traffic, clean.traffic_flow (ceiling)
 *  Kafka city.traffic ─► job's source ─► [keyed shuffle] ─► discard      (Flink floor, p=2)
 * </pre>
 */
public final class IngestBench {

    public static final String NAME = "ingest";

    /**
     * Parameters of a run.
     *
     * @param readings readings produced to Kafka and ingested per run
     * @param parallelisms the job parallelisms measured
     * @param checkpointInterval checkpoint (= Iceberg commit) interval of the job
     * @param warmups warm-up runs per configuration (discarded)
     * @param reps measured repetitions per configuration
     * @param seed generator seed
     */
    public record Params(
            long readings,
            List<Integer> parallelisms,
            Duration checkpointInterval,
            int warmups,
            int reps,
            long seed) {}

    private static final String CITY = ScaledTrafficDay.BASE_CITY;
    private static final ZoneId ZONE = BundledCities.AARHUS.zone();

    private IngestBench() {}

    public static Report run(Params params, Path home, Path workDir, String command)
            throws Exception {
        Report report =
                new Report(
                        NAME,
                        "JSON TrafficFlowObserved readings (keyValues, the bundled Aarhus day scaled"
                                + " up) from Kafka through the ingest job (parse, validate, dedup;"
                                + " exactly-once, checkpoints on) into Iceberg on S3 (S3Proxy) with"
                                + " the PostgreSQL JDBC catalog, against Iceberg's RowData Parquet"
                                + " writer writing the same rows to the same S3 in one thread.",
                        command);
        report.parameter("readings", params.readings())
                .parameter("parallelism", params.parallelisms())
                .parameter("checkpoint_interval", params.checkpointInterval().toString())
                .parameter("warmups", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("seed", params.seed());

        StackLog log = StackLog.to(System.err);
        ScaledTrafficDay day =
                ScaledTrafficDay.fromTestData(home.resolve("test-data"), workDir, params.seed());
        int replicas = day.replicasFor(params.readings());
        Path scaledFeeds = workDir.resolve("scaled-feeds");
        int segments = day.writeRoadSegments(scaledFeeds, CITY, replicas);
        report.parameter("road_segments", segments - 1)
                .parameter("source", "bundled Aarhus traffic day 2014-08-18 × " + replicas);

        try (BenchStack stack = BenchStack.start(workDir, true, false, log)) {
            String bootstrap = stack.kafkaBootstrap();
            long produced = produce(bootstrap, day, params.readings());
            report.extra("services", stack.pids().keySet());

            for (int p : params.parallelisms()) {
                String label = "ingest p=" + p;
                Map<String, List<Double>> values =
                        repeat(
                                label,
                                params,
                                run ->
                                        ingestOnce(
                                                stack,
                                                scaledFeeds,
                                                p,
                                                params,
                                                produced,
                                                "p" + p + "_" + runName(run)));
                addJobSeries(report, label, values, false);
                report.add(
                        Series.measured(
                                label + " CPU (Kafka, S3Proxy, PostgreSQL)",
                                "CPU-s per million readings",
                                values.get("services_cpu_s_per_million")));
                if (p == ISSUE_12_PARALLELISM) {
                    floors(report, stack, scaledFeeds, params, produced);
                }
            }

            Map<String, List<Double>> ceiling =
                    new Repetitions(NAME, System.err)
                            .run(
                                    "ceiling (Iceberg RowData writer, 1 thread)",
                                    params.warmups(),
                                    params.reps(),
                                    run ->
                                            ceilingOnce(
                                                    stack,
                                                    day,
                                                    params.readings(),
                                                    "ceiling_" + runName(run)));
            report.add(Series.reference("ceiling", "readings/s", ceiling.get("readings_per_s")));
            report.add(
                    Series.reference(
                            "ceiling CPU (this JVM)",
                            "CPU-s per million readings",
                            ceiling.get("cpu_s_per_million")));
            addJit(report, "ceiling CPU (this JVM)", ceiling, true);
            List<Double> parsing = ceiling.get("parse_cpu_s_per_million");
            report.add(Series.reference(PARSING, "CPU-s per million readings", parsing));
            List<Double> ceilingCpu = ceiling.get("cpu_s_per_million");
            List<Double> floor = sums(ceilingCpu, parsing);
            report.add(Series.reference(FLOOR, "CPU-s per million readings", floor));
            String shuffleFloor =
                    floorLabel(FlinkFloor.Shape.READ_AND_SHUFFLE) + " CPU (Flink JVM)";
            if (report.has(shuffleFloor)) {
                List<Double> least = sums(floor, report.series(shuffleFloor).values());
                report.add(Series.reference(LEAST, "CPU-s per million readings", least));
            }
        }

        double best = 0;
        String bestLabel = null;
        for (int p : params.parallelisms()) {
            double ratio = report.ratio("ingest p=" + p + " / ceiling", "ingest p=" + p, "ceiling");
            double rate = report.series("ingest p=" + p).median();
            if (rate > best) {
                best = rate;
                bestLabel = "p=" + p + ": " + String.format(Locale.ROOT, "%.2f×", ratio);
            }
            String cpuLabel = "ingest p=" + p + " CPU (Flink JVM)";
            double cpu =
                    report.ratio(
                            "ingest p=" + p + " CPU / ceiling CPU",
                            cpuLabel,
                            "ceiling CPU (this JVM)");
            report.ratio("ingest p=" + p + " CPU / (" + FLOOR + ")", cpuLabel, FLOOR);
            if (p == ISSUE_12_PARALLELISM && report.has(LEAST)) {
                report.ratio("(" + LEAST + ") / ceiling CPU", LEAST, "ceiling CPU (this JVM)");
                report.ratio("ingest p=" + p + " CPU / (" + LEAST + ")", cpuLabel, LEAST);
            }
            if (p != ISSUE_12_PARALLELISM) {
                continue;
            }
            report.goal(
                    "issue 12: ingest ≥ 0.65× the ceiling at p=" + ISSUE_12_PARALLELISM,
                    String.format(Locale.ROOT, "%.2f×", ratio),
                    ratio >= 0.65);
            report.goal(
                    "issue 12: Flink-JVM CPU per reading ≤ 2.5× the ceiling's at p="
                            + ISSUE_12_PARALLELISM,
                    String.format(Locale.ROOT, "%.2f×", cpu),
                    cpu <= 2.5);
        }
        int top = params.parallelisms().stream().mapToInt(Integer::intValue).max().orElse(1);
        double topRatio =
                report.series("ingest p=" + top).median() / report.series("ceiling").median();
        report.goal(
                "ingest ≥ 0.35× the ceiling (p=" + top + ")",
                String.format(Locale.ROOT, "%.2f×", topRatio),
                topRatio >= 0.35);
        report.goal(
                "≥ 100,000 readings/s on 2 cores",
                Report.number(best) + " readings/s (" + bestLabel + ")",
                best >= 100_000);
        report.note(
                "Readings are produced to Kafka (topic city.traffic, broker default partitions)"
                        + " before the timed part. Each run reads them all from the earliest offset"
                        + " (its own consumer group, bounded at the end offsets) into fresh tables"
                        + " (its own catalog name and warehouse prefix), so every run does the same"
                        + " work.");
        report.note(
                "Timed: from job submission (IngestJob.submit on the in-process MiniCluster,"
                        + " including its start-up and the dedup/known-sensor loading) to the job's"
                        + " completion, after the final Iceberg commit. Checkpoints (exactly-once)"
                        + " are on at the given interval.");
        report.note(
                "After every run the tables are checked: clean.traffic_flow and raw.traffic hold"
                        + " exactly the readings produced and ops.dead_letter none; a mismatch"
                        + " fails the benchmark.");
        report.note(
                "CPU: this JVM's process CPU time (OperatingSystemMXBean) over the timed part, and"
                        + " the services' CPU (utime+stime from /proc of the Kafka, S3Proxy and"
                        + " PostgreSQL processes and their children) over the same interval.");
        report.note(
                "Ceiling: RowDataTaskWriterFactory (Iceberg's Flink RowData Parquet task writer, the"
                        + " one the sink uses) writes the same raw + clean rows per reading into"
                        + " fresh tables on the same S3 in one thread and commits one append per"
                        + " table. Rows are built from the JSON in chunks of 50,000 outside the"
                        + " timed part; timed are the writes, file uploads and commits.");
        report.note(
                "Parsing: the CPU the ceiling's thread spends, outside its timed part, parsing the"
                        + " payload bytes with the job's ReadingParser and building the raw and"
                        + " clean rows (CleanTable.row) of each reading; the JSON is generated"
                        + " before that. No writer saves this work, so the ceiling's CPU plus"
                        + " parsing is the least CPU per reading the job could use; the job's CPU is"
                        + " also given as a ratio to that sum.");
        report.note(
                "Flink floors (at p="
                        + ISSUE_12_PARALLELISM
                        + "): the job's own Kafka source (same deserializer, bounded, exactly-once"
                        + " checkpoints at the same interval) on the same embedded MiniCluster into"
                        + " a counter and a discarding sink, alone and behind a keyed shuffle of"
                        + " the messages (dedup needs one). No parser and no writer runs, so the"
                        + " floor's CPU plus the ceiling's plus parsing is the least CPU a Flink job"
                        + " reading this topic into these tables could use.");
        return report;
    }

    private static String runName(Repetitions.Run run) {
        return run.id();
    }

    private static long produce(String bootstrap, ScaledTrafficDay day, long readings)
            throws Exception {
        try (var admin = KafkaAdmin.open(bootstrap)) {
            FeedTopics.ensure(admin, Set.of(Feed.TRAFFIC.id()));
        }
        long started = System.nanoTime();
        long acked;
        try (TrafficProducer producer = new TrafficProducer(bootstrap, 20)) {
            long[] sent = {0};
            acked =
                    producer.sendAll(
                            CITY,
                            day.readings(readings, CITY),
                            () -> {
                                sent[0] += 100_000;
                                System.err.printf(
                                        Locale.ROOT,
                                        "[%s] produced %,d of %,d readings to Kafka%n",
                                        NAME,
                                        sent[0],
                                        readings);
                            });
        }
        if (acked != readings) {
            throw new IllegalStateException(
                    "Kafka acknowledged " + acked + " of " + readings + " readings");
        }
        System.err.printf(
                Locale.ROOT,
                "[%s] %,d readings in Kafka (%.1f s, not timed)%n",
                NAME,
                acked,
                (System.nanoTime() - started) / 1e9);
        return acked;
    }

    /** Repetition by repetition, the sum of two series measured the same number of times. */
    private static List<Double> sums(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalStateException(
                    "cannot add " + a.size() + " repetitions to " + b.size());
        }
        List<Double> sums = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            sums.add(a.get(i) + b.get(i));
        }
        return sums;
    }

    /** Runs {@code trial} after the parameters' warm-ups for their repetitions. */
    private static Map<String, List<Double>> repeat(
            String label, Params params, Repetitions.Trial trial) throws Exception {
        return new Repetitions(NAME, System.err).run(label, params.warmups(), params.reps(), trial);
    }

    /** A job's readings/s, its JVM's CPU, and that CPU's JIT part and the rest. */
    private static void addJobSeries(
            Report report, String label, Map<String, List<Double>> values, boolean reference) {
        String cpu = label + " CPU (Flink JVM)";
        String unit = "CPU-s per million readings";
        List<Double> rate = values.get("readings_per_s");
        List<Double> cpuValues = values.get("cpu_s_per_million");
        report.add(
                reference
                        ? Series.reference(label, "readings/s", rate)
                        : Series.measured(label, "readings/s", rate));
        report.add(
                reference
                        ? Series.reference(cpu, unit, cpuValues)
                        : Series.measured(cpu, unit, cpuValues));
        addJit(report, cpu, values, reference);
    }

    /**
     * The JIT compilers' share of a CPU series, and the series without it (JIT compilation is
     * warm-up: the job keeps compiling for many runs of a fresh JVM, a long-running one stops).
     * Nothing where the compiler threads cannot be read.
     */
    private static void addJit(
            Report report, String cpuLabel, Map<String, List<Double>> values, boolean reference) {
        List<Double> cpu = values.get("cpu_s_per_million");
        List<Double> jit = values.get("jit_cpu_s_per_million");
        if (jit == null || jit.stream().anyMatch(v -> v.isNaN())) {
            return;
        }
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < cpu.size(); i++) {
            without.add(cpu.get(i) - jit.get(i));
        }
        String unit = "CPU-s per million readings";
        report.add(
                reference
                        ? Series.reference(cpuLabel + ", of which JIT compilation", unit, jit)
                        : Series.measured(cpuLabel + ", of which JIT compilation", unit, jit));
        report.add(
                reference
                        ? Series.reference(cpuLabel + " without JIT compilation", unit, without)
                        : Series.measured(cpuLabel + " without JIT compilation", unit, without));
    }

    private static Map<String, Double> ingestOnce(
            BenchStack stack,
            Path scaledFeeds,
            int parallelism,
            Params params,
            long expected,
            String runId)
            throws Exception {
        String catalog = "bench_ingest_" + runId;
        LakeConfig lake = stack.lake(catalog);
        IngestJob.Plan plan =
                kafkaPlan(
                        stack,
                        registry(lake, scaledFeeds),
                        parallelism,
                        params.checkpointInterval(),
                        catalog);
        TimedJob job = TimedJob.run(stack, () -> IngestJob.submit(lake, plan));

        try (Lake l = Lake.open(lake)) {
            String where = "run " + runId + " (parallelism " + parallelism + ")";
            LakeCounts.require(l, EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable(), expected, where);
            LakeCounts.require(l, Feed.TRAFFIC.rawTable(), expected, where);
            LakeCounts.require(l, TableRegistry.DEAD_LETTER, 0, where);
        }
        return job.metrics(expected);
    }

    /** Initialises the lake's tables and loads the scaled city's ref files; its city registry. */
    static CityRegistry registry(LakeConfig lake, Path scaledFeeds) throws Exception {
        try (Lake l = Lake.open(lake)) {
            l.init();
            RefLoader.loadAll(l, scaledFeeds);
            return CityTable.read(l);
        }
    }

    /** The ingest plan of a bench run: the traffic topic, bounded, read by its own group. */
    static IngestJob.Plan kafkaPlan(
            BenchStack stack,
            CityRegistry registry,
            int parallelism,
            Duration checkpointInterval,
            String group) {
        IngestSettings settings = IngestSettings.defaults(registry).withParallelism(parallelism);
        KafkaFeedSource.Input input =
                new KafkaFeedSource.Input(
                        stack.kafkaBootstrap(), Set.of(Feed.TRAFFIC.id()), true, group);
        return IngestJob.Plan.fromKafka(input, settings, checkpointInterval, false, null);
    }

    /**
     * The Flink floors at {@link #ISSUE_12_PARALLELISM}: the job's Kafka source alone, and with the
     * keyed shuffle, each into a discarding sink ({@link FlinkFloor}).
     */
    private static void floors(
            Report report, BenchStack stack, Path scaledFeeds, Params params, long produced)
            throws Exception {
        CityRegistry registry = registry(stack.lake("bench_floor_registry"), scaledFeeds);
        for (FlinkFloor.Shape shape : FlinkFloor.Shape.values()) {
            String label = floorLabel(shape);
            Map<String, List<Double>> values =
                    repeat(
                            label,
                            params,
                            run ->
                                    FlinkFloor.once(
                                            stack,
                                            registry,
                                            ISSUE_12_PARALLELISM,
                                            params.checkpointInterval(),
                                            shape,
                                            produced,
                                            shape.name().toLowerCase(Locale.ROOT)
                                                    + "_"
                                                    + runName(run)));
            addJobSeries(report, label, values, true);
        }
    }

    private static String floorLabel(FlinkFloor.Shape shape) {
        return "Flink floor p=" + ISSUE_12_PARALLELISM + ": " + shape.label;
    }

    /** The parallelism issue 12's goals are stated for. */
    private static final int ISSUE_12_PARALLELISM = 2;

    private static final String PARSING = "parsing and row building (the job's parser, 1 thread)";

    private static final String FLOOR = "ceiling CPU + parsing";

    private static final String LEAST = "ceiling CPU + parsing + Flink floor (Kafka, shuffle)";

    private static Map<String, Double> ceilingOnce(
            BenchStack stack, ScaledTrafficDay day, long readings, String runId) throws Exception {
        LakeConfig lake = stack.lake("bench_" + runId);
        try (Lake l = Lake.open(lake)) {
            l.init();
            CeilingWriter.Timing timing =
                    CeilingWriter.write(l, CITY, ZONE, day.readings(readings, CITY));
            String where = "ceiling run " + runId;
            LakeCounts.require(l, EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable(), readings, where);
            LakeCounts.require(l, Feed.TRAFFIC.rawTable(), readings, where);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("readings_per_s", readings / timing.seconds());
            m.put("cpu_s_per_million", timing.cpuSeconds() / readings * 1e6);
            m.put("jit_cpu_s_per_million", timing.jitSeconds() / readings * 1e6);
            m.put("parse_cpu_s_per_million", timing.parseCpuSeconds() / readings * 1e6);
            return m;
        }
    }
}
