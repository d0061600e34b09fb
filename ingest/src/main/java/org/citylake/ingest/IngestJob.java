package org.citylake.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.ingest.source.FileReplay;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * Builds and submits the ingest job: replay sources (Kafka with the stack) → {@link
 * IngestWorkflow}. The same code runs in the embedded MiniCluster and on a Flink cluster: {@code
 * getExecutionEnvironment} picks whichever it is started in.
 */
public final class IngestJob {

    /**
     * How the job runs. The source is either the {@code replay} files or, when {@code kafka} is
     * set, the feed topics ({@code replay} and {@code messagesPerSecond} are then unused).
     */
    public record Plan(
            Map<String, List<ReplayFile>> replay,
            IngestSettings settings,
            Duration checkpointInterval,
            double messagesPerSecond,
            boolean batch,
            String restoreFrom,
            KafkaFeedSource.Input kafka)
            implements java.io.Serializable {

        /** A file replay plan. */
        public Plan(
                Map<String, List<ReplayFile>> replay,
                IngestSettings settings,
                Duration checkpointInterval,
                double messagesPerSecond,
                boolean batch,
                String restoreFrom) {
            this(replay, settings, checkpointInterval, messagesPerSecond, batch, restoreFrom, null);
        }

        /** A plan reading the feed topics instead of files. */
        public static Plan fromKafka(
                KafkaFeedSource.Input kafka,
                IngestSettings settings,
                Duration checkpointInterval,
                boolean batch,
                String restoreFrom) {
            return new Plan(Map.of(), settings, checkpointInterval, 0, batch, restoreFrom, kafka);
        }

        public boolean fromKafka() {
            return kafka != null;
        }

        /** The feeds this job ingests. */
        public java.util.Set<String> feeds() {
            if (fromKafka()) {
                return kafka.feeds();
            }
            java.util.Set<String> feeds = new java.util.LinkedHashSet<>();
            replay.forEach(
                    (feed, files) -> {
                        if (!files.isEmpty()) {
                            feeds.add(feed);
                        }
                    });
            return feeds;
        }
    }

    /** Restarts allowed in a row (no ten stable minutes between them) before the job fails. */
    public static final int RESTART_ATTEMPTS = 12;

    private IngestJob() {}

    /**
     * Environment with checkpoints under the data dir and a restart strategy that outlasts
     * minute-long outages of the services the job depends on.
     */
    public static StreamExecutionEnvironment environment(LakeConfig lake, Plan plan) {
        Configuration conf = new Configuration();
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                lake.dataDir().resolve("checkpoints").toUri().toString());
        // Kept on cancel so a stopped job can be restarted from where it was (--restore).
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Outages of S3, the catalog or the broker and lost TaskManagers are survived by
        // restarting from the last checkpoint: 1 s, 2 s, 4 s … up to 30 s apart, so a minute-long
        // S3 outage costs seven attempts. More than RESTART_ATTEMPTS failures without ten stable
        // minutes in between fail the job (a persistent error is reported, not retried forever).
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(30));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMinutes(10));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                RESTART_ATTEMPTS);
        if (plan.restoreFrom() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, plan.restoreFrom());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(plan.settings().parallelism());
        // No operator keeps a record after handling it (dedup copies what it emits, the writers
        // encode rows at once), so chained operators may pass records on without copying them.
        env.getConfig().enableObjectReuse();
        if (plan.batch()) {
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        } else {
            env.enableCheckpointing(
                    plan.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        return env;
    }

    /** Adds the sources (files or Kafka) and the workflow to {@code env}. */
    public static void define(StreamExecutionEnvironment env, LakeConfig lake, Plan plan) {
        Map<String, DataStream<FeedMessage>> sources =
                plan.fromKafka()
                        ? kafkaSources(env, plan.kafka())
                        : new java.util.LinkedHashMap<>();
        plan.replay()
                .forEach(
                        (feed, files) -> {
                            if (files.isEmpty()) {
                                return;
                            }
                            sources.put(
                                    feed,
                                    env.fromSource(
                                                    FileReplay.source(
                                                            files, plan.messagesPerSecond()),
                                                    WatermarkStrategy.noWatermarks(),
                                                    "replay " + feed)
                                            .uid("source-replay-" + feed)
                                            .setParallelism(1));
                        });
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    plan.fromKafka()
                            ? "nothing to ingest: no feed chosen"
                            : "nothing to ingest: no feed files found");
        }
        IngestWorkflow.define(sources, plan.settings(), Lake.catalogLoader(lake), plan.batch());
    }

    /**
     * One source per feed topic. The uids ({@code source-kafka-<feed>}) differ from the file
     * sources' so a checkpoint of one kind is never mapped onto the other.
     */
    private static Map<String, DataStream<FeedMessage>> kafkaSources(
            StreamExecutionEnvironment env, KafkaFeedSource.Input kafka) {
        Map<String, DataStream<FeedMessage>> sources = new java.util.LinkedHashMap<>();
        for (String feed : kafka.feeds()) {
            sources.put(
                    feed,
                    env.fromSource(
                                    KafkaFeedSource.source(kafka, feed),
                                    WatermarkStrategy.noWatermarks(),
                                    "kafka " + FeedTopics.topic(feed))
                            .uid("source-kafka-" + feed));
        }
        return sources;
    }

    public static JobClient submit(LakeConfig lake, Plan plan) throws Exception {
        return submit(lake, plan, new Configuration());
    }

    /**
     * As {@link #submit(LakeConfig, Plan)}, with options for the cluster the environment starts
     * when it runs embedded: e.g. the port of the MiniCluster's REST API, for a test that watches
     * the job's restarts.
     */
    public static JobClient submit(LakeConfig lake, Plan plan, Configuration cluster)
            throws Exception {
        StreamExecutionEnvironment env = environment(lake, plan);
        env.configure(cluster);
        define(env, lake, plan);
        return env.executeAsync("citylake-ingest");
    }

    public static Path checkpointsDir(LakeConfig lake) {
        return lake.dataDir().resolve("checkpoints");
    }

    /** The newest completed checkpoint of a job ({@code <checkpoints>/<job id>/chk-N}), if any. */
    public static java.util.Optional<Path> latestCheckpoint(LakeConfig lake, String jobId)
            throws java.io.IOException {
        Path jobDir = checkpointsDir(lake).resolve(jobId);
        if (!java.nio.file.Files.isDirectory(jobDir)) {
            return java.util.Optional.empty();
        }
        try (var dirs = java.nio.file.Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> java.nio.file.Files.exists(d.resolve("_metadata")))
                    .max(
                            java.util.Comparator.comparingLong(
                                    d -> Long.parseLong(d.getFileName().toString().substring(4))));
        }
    }
}
