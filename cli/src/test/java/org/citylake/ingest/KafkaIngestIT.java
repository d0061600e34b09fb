package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citylake.cli.CityLakeCli;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.Feed;
import org.citylake.stack.KafkaService;
import org.citylake.stack.Ports;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.citylake.testdata.FeedConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Aarhus traffic slice published to a real broker and ingested from Kafka. */
class KafkaIngestIT {

    @TempDir static Path shared;
    @TempDir Path dir;

    static KafkaService kafka;
    static AarhusTraffic expected;
    static Path feeds;

    @BeforeAll
    static void startKafka() throws Exception {
        feeds = shared.resolve("feeds");
        FeedConverter.convertAll(AarhusTraffic.TEST_DATA, feeds);
        expected = AarhusTraffic.fromCsv();
        LakeConfig config =
                LakeConfig.load(
                        Map.of(
                                LakeOptions.DATA_DIR.key(), shared.toString(),
                                LakeOptions.STACK_DIR.key(), shared.resolve("stack").toString(),
                                LakeOptions.STACK_CACHE.key(), shared.resolve("cache").toString(),
                                LakeOptions.KAFKA_PORT.key(), Integer.toString(Ports.freePair())));
        kafka = new KafkaService(StackContext.of(config, StackLog.to(System.err)));
        kafka.install(StackLog.to(System.err));
        kafka.start(StackLog.to(System.err));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.stop(StackLog.to(System.err));
        }
    }

    @Test
    void replayReportsAnUnreachableBrokerClearly() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int exit;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit =
                    CityLakeCli.execute(
                            "replay",
                            "--to",
                            "kafka",
                            "--data-dir",
                            shared.toString(),
                            "--bootstrap",
                            "127.0.0.1:" + Ports.free(),
                            "--feeds",
                            feeds.toString(),
                            "--no-progress");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("is not reachable")
                .contains("citylake stack up");
    }

    @Test
    void publishedTrafficIsIngestedFromKafkaCompletely() throws Exception {
        String servers = kafka.bootstrapServers();
        try (var admin = KafkaAdmin.open(servers)) {
            assertThat(FeedTopics.ensure(admin, Set.of(Feed.TRAFFIC.id())))
                    .containsExactly("city.traffic");
        }
        // Published through the CLI, as a user would.
        int exit =
                CityLakeCli.execute(
                        "replay",
                        "--to",
                        "kafka",
                        "--data-dir",
                        shared.toString(),
                        "--bootstrap",
                        servers,
                        "--feeds",
                        feeds.toString(),
                        "--feed",
                        "traffic",
                        "--city",
                        "aarhus",
                        "--no-progress");
        assertThat(exit).isZero();
        try (var admin = KafkaAdmin.open(servers)) {
            assertThat(
                            KafkaAdmin.backlog(
                                    admin, Set.of(Feed.TRAFFIC.id()), KafkaFeedSource.GROUP_ID))
                    .isEqualTo(expected.rows());
        }

        LakeFixture lake = new LakeFixture(dir);
        lake.loadRef(feeds);
        long started = System.nanoTime();
        assertThat(ingestFromKafka(servers)).isZero();
        System.err.printf("ingest from kafka: %.1f s%n", (System.nanoTime() - started) / 1e9);

        try (var admin = KafkaAdmin.open(servers)) {
            assertThat(
                            KafkaAdmin.backlog(
                                    admin, Set.of(Feed.TRAFFIC.id()), KafkaFeedSource.GROUP_ID))
                    .as("the group's offsets are at the end after a bounded run")
                    .isZero();
        }

        long clean = lake.count("clean.traffic_flow");
        long dead = lake.count("ops.dead_letter");
        assertThat(clean).isEqualTo(expected.distinctValid());
        assertThat(clean + dead).isEqualTo(expected.rows());

        List<String> positions =
                lake.read(
                        "raw.traffic",
                        r -> (String) r.getField(TableRegistry.SOURCE_POSITION),
                        TableRegistry.SOURCE_POSITION);
        assertThat(positions).hasSize((int) expected.rows());
        assertThat(positions)
                .allMatch(p -> p.matches("city\\.traffic/[0-3]@\\d+"), "topic/p@offset");
        assertThat(new HashSet<>(positions)).hasSize(positions.size());
        // Keyed by entity id, the sensors spread over the topic's 4 partitions.
        assertThat(positions.stream().map(p -> p.substring(0, p.indexOf('@'))).distinct().count())
                .isGreaterThan(1);

        // A second bounded run resumes from the group's offsets: nothing is read again.
        assertThat(ingestFromKafka(servers)).isZero();
        assertThat(lake.count("raw.traffic")).isEqualTo(expected.rows());
        assertThat(lake.count("clean.traffic_flow")).isEqualTo(expected.distinctValid());
    }

    /** {@code citylake ingest --from kafka --bounded} into the embedded lake in {@link #dir}. */
    private int ingestFromKafka(String servers) {
        return CityLakeCli.execute(
                "ingest",
                "--from",
                "kafka",
                "--bounded",
                "--profile",
                "embedded",
                "--data-dir",
                dir.toString(),
                "--bootstrap",
                servers,
                "--feed",
                "traffic",
                "--no-progress");
    }
}
