package org.citylake.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestMain;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.model.CityRegistry;
import org.citylake.model.UnknownCityException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake ingest}: replay feed files into the lake through the Flink ingest job. */
@Command(
        name = "ingest",
        description = {
            "Run the ingest job: parse and validate FIWARE readings, write raw.<feed>, clean.<entity>"
                    + " and ops.dead_letter exactly once (Iceberg commits on each checkpoint).",
            "Replays <feeds>/<city>/<feed>.jsonl[.gz] as fast as possible or at --rate;"
                    + " --batch runs it as a bounded batch job (backfill).",
            "--from kafka reads the feed topics (city.<feed>) instead, resuming from the"
                    + " citylake-ingest group's offsets; --bounded stops at the offsets seen at start."
        },
        mixinStandardHelpOptions = true)
public final class IngestCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;
    @Mixin ClusterArgs clusterArgs;
    @Mixin FeedsArgs feedsArgs;
    @Mixin ProgressArgs progressArgs;

    @Mixin FeedSelectionArgs selection;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "Pace each feed at N messages/s (default: as fast as possible).")
    double rate;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "PT2S",
            description =
                    "Checkpoint (= Iceberg commit) interval, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Parallelism of parsing, dedup and writing (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--batch", description = "Run as a bounded batch job (no checkpoints).")
    boolean batch;

    @Option(
            names = "--restore",
            paramLabel = "PATH",
            description = "Restore from this checkpoint or savepoint directory.")
    String restore;

    /** Where the readings come from. */
    enum Source {
        files,
        kafka
    }

    @Option(
            names = "--from",
            paramLabel = "SOURCE",
            defaultValue = "files",
            description = "files (default) or kafka (the city.<feed> topics).")
    Source from;

    @Option(
            names = "--bounded",
            description =
                    "With --from kafka: stop at the end offsets seen when the job starts"
                            + " (backfill, tests) instead of running until cancelled.")
    boolean bounded;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "With --from kafka: bootstrap servers (default citylake.kafka.bootstrap-servers,"
                            + " written by `citylake stack up`).")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        LakeConfig config = lakeArgs.load();
        IngestJob.Plan plan = plan(config);
        if (clusterArgs.cluster) {
            ClusterSubmit.run(
                    config,
                    clusterArgs.flinkRest,
                    IngestMain.class.getName(),
                    plan,
                    "ingest",
                    progressArgs.show());
            return 0;
        }
        IngestRun.runToCompletion(config, plan, progressArgs.show());
        return 0;
    }

    /** The job plan these options describe; shared by the CLI and the cluster entry point. */
    IngestJob.Plan plan(LakeConfig config) throws Exception {
        if (from == Source.kafka) {
            return kafkaPlan(config);
        }
        if (bounded || bootstrap != null) {
            throw new IllegalArgumentException("--bounded and --bootstrap need --from kafka");
        }
        Path dir = feedsArgs.dir(config);
        IngestSettings settings = settings(config);
        Map<String, List<ReplayFile>> files =
                FeedFiles.find(dir, selection.feeds(settings.feeds()), selection.cities());
        warnUnregistered(settings.cities(), files);
        return new IngestJob.Plan(
                files, settings, checkpointInterval, rate, batch, absolute(restore));
    }

    /**
     * The registered cities, read when the plan is built: they travel with it (to a cluster too).
     */
    static CityRegistry registry(LakeConfig config) throws Exception {
        try (Lake lake = Lake.open(config)) {
            lake.init();
            return CityTable.read(lake);
        }
    }

    /**
     * The lake's cities and feeds (built-in and descriptors), read when the plan is built: they
     * travel with it, to a cluster too. Creates or evolves the tables of every feed first.
     */
    IngestSettings settings(LakeConfig config) throws Exception {
        try (Lake lake = Lake.open(config)) {
            lake.init();
            return IngestSettings.defaults(CityTable.read(lake), lake.feeds())
                    .withParallelism(parallelism);
        }
    }

    /** Says, before the job starts, which feed folders belong to no registered city. */
    static void warnUnregistered(CityRegistry registry, Map<String, List<ReplayFile>> files) {
        files.values().stream()
                .flatMap(List::stream)
                .map(ReplayFile::city)
                .distinct()
                .sorted()
                .filter(city -> !registry.contains(city))
                .forEach(
                        city ->
                                System.err.println(
                                        "warning: "
                                                + new UnknownCityException(city).getMessage()
                                                + "\nUntil then its readings go to"
                                                + " ops.dead_letter as UNKNOWN_CITY; replay them"
                                                + " once it is registered."));
    }

    private static String absolute(String path) {
        return path == null || path.contains("://")
                ? path
                : Path.of(path).toAbsolutePath().toString();
    }

    private IngestJob.Plan kafkaPlan(LakeConfig config) throws Exception {
        if (selection.citiesGiven() || feedsArgs.given() || rate > 0) {
            // Topics hold every city and are read at the broker's pace: these would do nothing.
            throw new IllegalArgumentException(
                    "--city, --feeds and --rate apply to file replay only, not to --from kafka");
        }
        if (batch && !bounded) {
            throw new IllegalArgumentException("--batch with --from kafka needs --bounded");
        }
        String servers = bootstrap != null ? bootstrap : config.get(LakeOptions.KAFKA_BOOTSTRAP);
        IngestSettings settings = settings(config);
        KafkaFeedSource.Input probe =
                KafkaFeedSource.Input.of(
                        servers, selection.feeds(settings.feeds()), bounded); // checks servers
        Set<String> present;
        try (var admin = KafkaAdmin.open(servers)) {
            KafkaAdmin.requireReachable(admin, servers);
            present = KafkaAdmin.existing(admin, probe.feeds());
        }
        if (present.isEmpty()) {
            throw new IllegalArgumentException(
                    "no feed topics on "
                            + servers
                            + " for "
                            + probe.feeds()
                            + "; publish with `citylake replay --to kafka`");
        }
        return IngestJob.Plan.fromKafka(
                KafkaFeedSource.Input.of(servers, present, bounded),
                settings,
                checkpointInterval,
                batch,
                absolute(restore));
    }
}
