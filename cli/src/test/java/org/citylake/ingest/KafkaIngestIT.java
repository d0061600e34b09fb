package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.citylake.cli.CityLakeCli;
import org.citylake.ingest.kafka.FeedRecords;
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

    /**
     * What a FIWARE context broker's subscription sends, straight to the topic: notifications of
     * several entities, the city named as FIWARE names a tenant ({@code Fiware-Service}) or by
     * CityLake's header, and a record naming no city.
     */
    @Test
    void brokerNotificationsAreReadEntityByEntity() throws Exception {
        Path beijing = dir.resolve("beijing-feeds");
        TestFeeds.write(
                beijing.resolve("beijing/ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"beijing\",\"name\":\"Beijing\",\"time_zone\":\"Asia/Shanghai\","
                                + "\"lon\":116.4,\"lat\":39.9}"));
        TestFeeds.write(
                beijing.resolve("beijing/ref/air_stations.jsonl"),
                List.of(
                        "{\"city\":\"beijing\",\"id\":\"dongsi\",\"lon\":116.42,\"lat\":39.93}",
                        "{\"city\":\"beijing\",\"id\":\"tiantan\",\"lon\":116.41,\"lat\":39.89}"));
        LakeFixture lake = new LakeFixture(dir);
        lake.loadRef(beijing);

        String servers = kafka.bootstrapServers();
        try (var admin = KafkaAdmin.open(servers)) {
            FeedTopics.ensure(admin, Set.of(Feed.AIR.id()));
        }
        String v2 =
                "{\"subscriptionId\":\"5f1d\",\"data\":["
                        + air(
                                "dongsi",
                                "2014-01-01T00:00:00+08:00",
                                "{\"type\":\"Number\",\"value\":80}")
                        + ","
                        + air(
                                "tiantan",
                                "2014-01-01T00:00:00+08:00",
                                "{\"type\":\"Number\",\"value\":75}")
                        + "]}";
        String ld =
                "{\"id\":\"urn:ngsi-ld:Notification:9\",\"type\":\"Notification\","
                        + "\"subscriptionId\":\"urn:ngsi-ld:Subscription:air\",\"data\":["
                        + air(
                                "dongsi",
                                "2014-01-01T01:00:00+08:00",
                                "{\"type\":\"Property\",\"value\":82.5}")
                        + "]}";
        Map<String, Object> props =
                Map.of(
                        "bootstrap.servers", servers,
                        "key.serializer", ByteArraySerializer.class.getName(),
                        "value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            send(producer, v2, "Fiware-Service", "beijing");
            send(producer, ld, FeedRecords.CITY_HEADER, "beijing");
            send(producer, air("dongsi", "2014-01-01T02:00:00+08:00", "90"), null, null);
            producer.flush();
        }

        assertThat(ingestFromKafka(servers, "air")).isZero();
        assertThat(lake.count("raw.air")).isEqualTo(3);
        assertThat(
                        lake.read(
                                "clean.air_quality",
                                r -> r.getField("station_id") + " " + r.getField("pm25"),
                                "station_id",
                                "pm25"))
                .containsExactlyInAnyOrder("dongsi 80.0", "tiantan 75.0", "dongsi 82.5");
        assertThat(
                        lake.read(
                                "clean.air_quality",
                                r -> (String) r.getField(TableRegistry.SOURCE_POSITION),
                                TableRegistry.SOURCE_POSITION))
                .allMatch(p -> p.matches("city\\.air/\\d+@\\d+#[12]"), "topic/p@offset#n");
        assertThat(lake.deadLetterReasons()).hasSize(1).containsValue("UNKNOWN_CITY");
    }

    private static String air(String station, String at, String pm25) {
        return "{\"id\":\"urn:ngsi-ld:AirQualityObserved:beijing:"
                + station
                + "\",\"type\":\"AirQualityObserved\",\"refPointOfInterest\":\""
                + station
                + "\",\"dateObserved\":\""
                + at
                + "\",\"pm25\":"
                + pm25
                + "}";
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String value, String header, String city)
            throws Exception {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        FeedTopics.topic(Feed.AIR.id()),
                        null,
                        value.getBytes(StandardCharsets.UTF_8));
        if (header != null) {
            record.headers().add(header, city.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    /** {@code citylake ingest --from kafka --bounded} into the embedded lake in {@link #dir}. */
    private int ingestFromKafka(String servers) {
        return ingestFromKafka(servers, "traffic");
    }

    private int ingestFromKafka(String servers, String feed) {
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
                feed,
                "--no-progress");
    }
}
