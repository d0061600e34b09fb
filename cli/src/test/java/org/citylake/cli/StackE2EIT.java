package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.output.TeeOutputStream;
import org.citylake.ingest.AarhusTraffic;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.model.Feed;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.serving.AnalystViews;
import org.citylake.serving.TrinoAccessRules;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.Ports;
import org.citylake.stack.Stack;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.citylake.stack.StackServices;
import org.citylake.testdata.GeneratedFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack, end to end, through the CLI a user types: {@code stack up} → {@code demo
 * --profile stack} (feeds replayed to Kafka, the ingest job reading the topics into Iceberg on S3
 * with the PostgreSQL catalog) → counts through Trino as an analyst → access rules → {@code stack
 * down} and {@code up} again with the lake, catalog and views intact → {@code down} leaves no
 * process. Free ports and a temp data dir; the server downloads are cached between runs.
 *
 * <p>Beside the bundled feeds, water and noise (WaterQualityObserved, NoiseLevelObserved) go the
 * same way from their descriptors alone ({@code <data-dir>/feeds.d}), generated for Wuhan with a
 * bad line of every reason: clean rows through Trino as an analyst, raw rows and dead letters per
 * reason as the generator's oracle says.
 */
class StackE2EIT {

    @TempDir Path dataDir;
    private final List<Long> pids = new ArrayList<>();
    private String lastErrors = "";

    @AfterEach
    void stopEverything() throws Exception {
        // Whatever happened above, no server of this test outlives it.
        cli("stack", "down");
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void feedsThroughKafkaIntoTheLakeAreQueryableThroughTrinoWithAccessRules() throws Exception {
        Files.writeString(
                dataDir.resolve("citylake.properties"),
                String.join(
                        "\n",
                        LakeOptions.POSTGRES_PORT.key() + "=" + Ports.free(),
                        LakeOptions.S3_PORT.key() + "=" + Ports.free(),
                        LakeOptions.KAFKA_PORT.key() + "=" + Ports.freePair(),
                        LakeOptions.TRINO_PORT.key() + "=" + Ports.free(),
                        ""));
        ok("stack", "up");
        pids.addAll(stackPids());
        assertThat(pids).hasSize(4);

        // Two feeds no code names, from their descriptors alone, ride along with the demo:
        // generated for Wuhan with a bad line of every reason, replayed to Kafka and ingested.
        Path feedsD = dataDir.resolve("feeds.d");
        Files.createDirectories(feedsD);
        for (String feed : NEW_FEEDS) {
            Files.copy(
                    NewFeedsEndToEndIT.PROJECT_FEEDS.resolve(feed + ".feed.json"),
                    feedsD.resolve(feed + ".feed.json"));
        }
        ok(
                "testdata",
                "generate",
                "--feed",
                String.join(",", NEW_FEEDS),
                "--city",
                "wuhan",
                "--readings",
                "60",
                "--seed",
                "11");
        List<GeneratedFeed> generated = new ArrayList<>();
        for (String feed : NEW_FEEDS) {
            generated.add(
                    GeneratedFeed.read(
                            GeneratedFeed.path(dataDir.resolve("feeds"), "wuhan", feed)));
        }

        ok(
                "demo",
                "--profile",
                "stack",
                "--no-progress",
                "--source",
                AarhusTraffic.TEST_DATA.toString());

        LakeConfig config = config();
        TrinoClient admin = TrinoClient.fromConfig(config);
        TrinoClient analyst = SqlCommand.trino(config, "analyst");
        AarhusTraffic traffic = AarhusTraffic.fromCsv();
        Map<Feed, Long> published = publishedLines();

        // Counts through Trino as an analyst equal the distinct valid readings of the real day.
        assertThat(count(analyst, "clean.traffic_flow")).isEqualTo(traffic.distinctValid());
        // Nothing lost: per feed, raw = published and clean + dead letters = published.
        long cleanTotal = 0;
        for (Map.Entry<Feed, Long> feed : published.entrySet()) {
            assertThat(count(admin, feed.getKey().rawTable()))
                    .as(feed.getKey().id())
                    .isEqualTo(feed.getValue());
            long clean = 0;
            for (String table : cleanTables(feed.getKey())) {
                clean += count(analyst, table);
            }
            long dead = count(admin, "ops.dead_letter WHERE feed = '" + feed.getKey().id() + "'");
            assertThat(clean + dead).as(feed.getKey().id()).isEqualTo(feed.getValue());
            cleanTotal += clean;
        }
        assertThat(cleanTotal).isPositive();
        assertThat(count(admin, "ops.dead_letter")).isPositive();

        // Access rules: analysts never read raw; buyers read nothing not granted; bad passwords
        // fail.
        assertThatThrownBy(() -> count(analyst, "raw.traffic"))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> count(analyst, "ops.dead_letter"))
                .hasMessageContaining("Access Denied");
        TrinoClient buyer = SqlCommand.trino(config, "buyer_test");
        assertThatThrownBy(() -> count(buyer, "clean.traffic_flow"))
                .hasMessageContaining("Access Denied");
        assertThatThrownBy(() -> count(admin.as("admin", "not-the-password"), "clean.traffic_flow"))
                .hasMessageContaining("Authentication failed");
        // Loopback only: no service answers on any other address of this machine.
        for (var service :
                StackServices.of(
                                StackContext.of(config, StackLog.quiet()),
                                false,
                                TrinoAccessRules.json())
                        .services()) {
            for (java.net.InetAddress address : nonLoopbackAddresses()) {
                assertThat(accepts(address, service.port()))
                        .as(service.name() + " on " + address.getHostAddress())
                        .isFalse();
            }
        }
        // Water and noise through Kafka: what the generator wrote, counted through Trino.
        FeedCatalog catalog = FeedCatalog.forDataDir(dataDir);
        for (GeneratedFeed feed : generated) {
            for (EntityDescriptor type : catalog.feed(feed.feed()).entities()) {
                long rows = feed.clean().get(type.cleanTable());
                assertThat(count(analyst, type.cleanTable())).as(type.type()).isEqualTo(rows);
                // analysts join readings to their sensors (ref) and read the values
                assertThat(
                                count(
                                        analyst,
                                        type.cleanTable()
                                                + " c JOIN "
                                                + type.refTable().orElseThrow()
                                                + " s ON c.city = s.city AND c."
                                                + type.sensorColumn()
                                                + " = s.id WHERE s.lon IS NOT NULL"))
                        .as(type.type() + " joined to its sensors")
                        .isEqualTo(rows);
            }
            assertThat(count(admin, "raw." + feed.feed())).isEqualTo(feed.lines());
            Map<String, Long> reasons = new java.util.TreeMap<>();
            for (List<String> row :
                    admin.query(
                                    "SELECT reason, count(*) FROM ops.dead_letter WHERE feed = '"
                                            + feed.feed()
                                            + "' GROUP BY reason")
                            .rows()) {
                reasons.put(row.get(0), Long.parseLong(row.get(1)));
            }
            assertThat(reasons).as(feed.feed()).isEqualTo(feed.deadLetters());
        }
        GeneratedFeed.ColumnOracle laeq =
                generated.get(1).columns().get("clean.noise_level").get("laeq_db");
        List<String> laeqRow =
                analyst.query("SELECT count(laeq_db), sum(laeq_db) FROM clean.noise_level")
                        .rows()
                        .get(0);
        assertThat(Long.parseLong(laeqRow.get(0))).isEqualTo(laeq.values());
        assertThat(Double.parseDouble(laeqRow.get(1)))
                .isCloseTo(laeq.sum(), org.assertj.core.api.Assertions.within(1e-6 * laeq.sum()));

        long hourlyRows = count(analyst, "clean.v_traffic_hourly");
        assertThat(hourlyRows).isPositive();

        // The demo ran the congestion job on the stack: planners read its gold views, not clean.
        TrinoClient planner = SqlCommand.trino(config, "planner");
        var top =
                planner.query(
                        "SELECT scope_rank FROM gold.v_congestion_top WHERE city = 'aarhus'"
                                + " AND period_kind = 'day' AND period_start = DATE '2014-08-18'"
                                + " AND scope_kind = 'segment' ORDER BY scope_rank");
        assertThat(top.rows())
                .extracting(r -> r.get(0))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(count(planner, "gold.segment_congestion")).isPositive();
        assertThatThrownBy(() -> count(planner, "clean.traffic_flow"))
                .hasMessageContaining("Access Denied");
        // Analysts: the saved views, the notebooks executed headless and the guide, on this stack.
        NotebooksOnStack.run(dataDir, config);
        // The exchange: buyers' grants and revokes, key-authenticated downloads, audit rows.
        ExchangeOnStack.check(dataDir, config);

        // Restart: down stops every process; up brings back the lake, catalog and views.
        ok("stack", "down");
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isFalse());
        assertThat(cli("stack", "status")).as("status reports the stack down").isEqualTo(3);
        ok("stack", "up");
        pids.addAll(stackPids());
        assertThat(count(analyst, "clean.traffic_flow")).isEqualTo(traffic.distinctValid());
        assertThat(count(analyst, "clean.v_traffic_hourly")).isEqualTo(hourlyRows);
        assertThat(count(analyst, "clean.water_quality"))
                .isEqualTo(generated.get(0).clean().get("clean.water_quality"));
        assertThat(AnalystViews.VIEWS).containsKey("clean.v_traffic_hourly");

        ok("stack", "down");
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isFalse());
    }

    /** The project's descriptor-only feeds, in the order generated. */
    private static final List<String> NEW_FEEDS = List.of("water", "noise");

    /**
     * Runs {@code citylake <args> --data-dir <dataDir>}; what it prints on stderr goes through and
     * is kept in {@link #lastErrors}, so a failing step's own error ends up in the assertion.
     */
    private int cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(
                new PrintStream(new TeeOutputStream(stderr, errors), true, StandardCharsets.UTF_8));
        try {
            return CityLakeCli.execute(all.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
            lastErrors = errors.toString(StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code citylake <args>} and requires exit code 0, quoting its stderr if not. */
    private void ok(String... args) {
        int exit = cli(args);
        assertThat(exit)
                .as("citylake %s, which printed on stderr:%n%s", String.join(" ", args), lastErrors)
                .isZero();
    }

    private LakeConfig config() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.PROFILE.key(), "stack");
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        return LakeConfig.load(overrides);
    }

    private List<Long> stackPids() throws Exception {
        Stack stack =
                StackServices.of(
                        StackContext.of(config(), StackLog.quiet()),
                        false,
                        TrinoAccessRules.json());
        List<Long> live = new ArrayList<>();
        stack.services().forEach(s -> s.pid().ifPresent(live::add));
        return live;
    }

    private Map<Feed, Long> publishedLines() throws Exception {
        Map<Feed, Long> lines = new HashMap<>();
        Path feeds = dataDir.resolve("feeds");
        for (Feed feed : Feed.values()) {
            try (var files = Files.walk(feeds)) {
                for (Path file :
                        files.filter(p -> p.getFileName().toString().equals(feed.id() + ".jsonl"))
                                .toList()) {
                    try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
                        lines.merge(feed, stream.count(), Long::sum);
                    }
                }
            }
        }
        return lines;
    }

    private static List<String> cleanTables(Feed feed) {
        List<String> tables = new ArrayList<>();
        for (var type : org.citylake.model.EntityType.values()) {
            if (type.feed() == feed) {
                tables.add(type.cleanTable());
            }
        }
        return tables;
    }

    private static long count(TrinoClient trino, String from) throws Exception {
        return Long.parseLong(trino.query("SELECT count(*) FROM " + from).rows().get(0).get(0));
    }

    private static List<java.net.InetAddress> nonLoopbackAddresses() throws Exception {
        List<java.net.InetAddress> addresses = new ArrayList<>();
        for (var nic :
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses()
                        .filter(a -> a instanceof java.net.Inet4Address)
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean accepts(java.net.InetAddress address, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
