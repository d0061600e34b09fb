package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.lighting.LightingTables;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.analytics.waste.WasteTables;
import org.citylake.ingest.AarhusTraffic;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.stack.FlinkClusterService;
import org.citylake.stack.Ports;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar submitted over REST to a standalone Flink cluster (JobManager and TaskManager JVMs):
 * ingest commits the same counts as the embedded MiniCluster does, and {@code run traffic
 * --cluster} commits, from the cluster, the same gold rows as the embedded run; so do {@code run
 * lighting --cluster} and {@code run waste --cluster} (the waste job routing on an OSM extract from
 * the TaskManager).
 */
class FlinkClusterIT {

    private static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dataDir;

    @Test
    void theJobJarOnAStandaloneClusterCommitsTheRealTrafficDayExactly() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        overrides.put(LakeOptions.FLINK_PORT.key(), Integer.toString(freeRun()));
        LakeConfig config = LakeConfig.load(overrides);
        FlinkClusterService flink =
                new FlinkClusterService(StackContext.of(config, StackLog.to(System.err)));
        OptionalLong jobManager = OptionalLong.empty();
        OptionalLong taskManager = OptionalLong.empty();
        try {
            flink.start(StackLog.to(System.err));
            jobManager = flink.pid();
            taskManager = flink.taskManagerPid();
            assertThat(flink.health().up()).isTrue();
            assertThat(jobManager).isPresent();
            assertThat(taskManager).isPresent();

            String dir = dataDir.toString();
            assertThat(cli("lakehouse", "init", "--data-dir", dir)).isZero();
            assertThat(
                            cli(
                                    "testdata",
                                    "convert",
                                    "--source",
                                    AarhusTraffic.TEST_DATA.toString(),
                                    "--data-dir",
                                    dir))
                    .isZero();
            assertThat(cli("ref", "load", "--data-dir", dir)).isZero();
            assertThat(
                            cli(
                                    "ingest",
                                    "--cluster",
                                    "--flink-rest",
                                    flink.restAddress(),
                                    "--feed",
                                    "traffic",
                                    "--data-dir",
                                    dir))
                    .isZero();

            AarhusTraffic expected = AarhusTraffic.fromCsv();
            try (Lake lake = Lake.open(config)) {
                long clean = LakeStatus.table(lake, "clean.traffic_flow").rows();
                long dead = LakeStatus.table(lake, "ops.dead_letter").rows();
                assertThat(clean).isEqualTo(expected.distinctValid());
                assertThat(clean + dead).isEqualTo(expected.rows());
                assertThat(LakeStatus.table(lake, "raw.traffic").rows()).isEqualTo(expected.rows());
            }

            String[] traffic = {"run", "traffic", "--from", "2014-08-18", "--city", "aarhus"};
            assertThat(cli(concat(traffic, "--data-dir", dir))).isZero();
            Map<String, List<String>> embedded = goldRows(config);
            Map<String, Long> embeddedSnapshots = snapshots(config);
            assertThat(embedded.get(TrafficTables.SEGMENT_CONGESTION)).hasSize(139_388);

            assertThat(
                            cli(
                                    concat(
                                            traffic,
                                            "--cluster",
                                            "--flink-rest",
                                            flink.restAddress(),
                                            "--data-dir",
                                            dir)))
                    .isZero();
            // committed anew, by a job the cluster ran, with the same rows
            Map<String, Long> clusterSnapshots = snapshots(config);
            for (String table : trafficTables()) {
                assertThat(clusterSnapshots.get(table))
                        .as(table + " committed by the cluster run")
                        .isNotEqualTo(embeddedSnapshots.get(table));
            }
            assertThat(finishedJobs(flink.restAddress()))
                    .contains("citylake traffic aarhus 2014-08-18");
            assertThat(goldRows(config)).isEqualTo(embedded);

            lightingAndWasteOnTheCluster(config, flink.restAddress());
        } finally {
            flink.stop(StackLog.to(System.err));
        }
        assertThat(alive(jobManager)).as("jobmanager stopped").isFalse();
        assertThat(alive(taskManager)).as("taskmanager stopped").isFalse();
    }

    /**
     * {@code run lighting --cluster} and {@code run waste --cluster} commit, from the cluster, the
     * same gold rows as their embedded runs: a night of one cabinet's lamps on Monaco's streets,
     * and two days of Edinburgh's real bin collections placed on them (the routes driven are
     * deterministic; the optimised plan is time-limited, so of it only its commit is checked).
     */
    private void lightingAndWasteOnTheCluster(LakeConfig config, String rest) throws Exception {
        String dir = dataDir.toString();
        Path source = dataDir.resolve("more-source");
        Files.createDirectories(source);
        for (String set : List.of("osm-monaco", "edinburgh-litter-bin-sensors")) {
            Files.createSymbolicLink(source.resolve(set), TEST_DATA.resolve(set));
        }
        assertThat(cli("testdata", "convert", "--source", source.toString(), "--data-dir", dir))
                .isZero();
        String osm = TEST_DATA.resolve("osm-monaco/monaco.osm.gz").toString();
        assertThat(
                        cli(
                                "lighting",
                                "inventory",
                                "--city",
                                "monaco",
                                "--osm",
                                osm,
                                "--data-dir",
                                dir))
                .isZero();
        // one control cabinet's lamps (a few dozen to a hundred), with their segments
        Path ref = dataDir.resolve("feeds/monaco/ref");
        String cabinet = "urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-0001";
        Set<String> segments = new HashSet<>();
        List<String> lamps = new ArrayList<>();
        for (String line : Files.readAllLines(ref.resolve("streetlights.jsonl"))) {
            JsonNode lamp = JSON.readTree(line);
            if (cabinet.equals(lamp.get("cabinet_id").asText())) {
                lamps.add(line);
                segments.add(lamp.get("segment_id").asText());
            }
        }
        assertThat(lamps).isNotEmpty();
        Files.write(ref.resolve("streetlights.jsonl"), lamps);
        keep(ref.resolve("streetlight_cabinets.jsonl"), Set.of(cabinet));
        keep(ref.resolve("lit_segments.jsonl"), segments);
        assertThat(
                        cli(
                                "testdata",
                                "generate",
                                "--feed",
                                "lighting",
                                "--city",
                                "monaco",
                                "--from",
                                "2024-06-03",
                                "--nights",
                                "1",
                                "--seed",
                                "5",
                                "--data-dir",
                                dir))
                .isZero();
        assertThat(cli("waste", "place", "--city", "edinburgh", "--osm", osm, "--data-dir", dir))
                .isZero();
        assertThat(cli("ref", "load", "--data-dir", dir)).isZero();
        assertThat(
                        cli(
                                "ingest",
                                "--feed",
                                "lighting",
                                "--feed",
                                "waste",
                                "--no-progress",
                                "--data-dir",
                                dir))
                .isZero();

        String[] lighting = {
            "run",
            "lighting",
            "--city",
            "monaco",
            "--from",
            "2024-06-03",
            "--to",
            "2024-06-03",
            "--data-dir",
            dir
        };
        String[] waste = {
            "run",
            "waste",
            "--city",
            "edinburgh",
            "--from",
            "2016-08-07",
            "--to",
            "2016-08-08",
            "--osm",
            osm,
            "--solve-seconds",
            "2",
            "--data-dir",
            dir
        };
        List<String> lightingTables = LightingTables.all().stream().map(t -> t.name()).toList();
        List<String> drivenTables = List.of(WasteTables.ROUTE_KPI, WasteTables.BIN_STATS);
        List<String> planTables = List.of(WasteTables.ROUTE_PLAN, WasteTables.PLAN_SUMMARY);

        assertThat(cli(lighting)).isZero();
        assertThat(cli(waste)).isZero();
        Map<String, List<String>> embedded = goldRows(config, concat(lightingTables, drivenTables));
        assertThat(embedded.get(LightingTables.ENERGY)).isNotEmpty();
        assertThat(embedded.get(WasteTables.ROUTE_KPI)).isNotEmpty();
        Map<String, Long> before =
                snapshots(config, concat(lightingTables, drivenTables, planTables));

        String[] cluster = {"--cluster", "--flink-rest", rest};
        assertThat(cli(concat(lighting, cluster))).isZero();
        assertThat(cli(concat(waste, cluster))).isZero();
        Map<String, Long> after =
                snapshots(config, concat(lightingTables, drivenTables, planTables));
        for (String table : before.keySet()) {
            assertThat(after.get(table))
                    .as(table + " committed by the cluster run")
                    .isNotEqualTo(before.get(table));
        }
        assertThat(finishedJobs(rest))
                .anyMatch(name -> name.startsWith("citylake lighting monaco"))
                .anyMatch(name -> name.startsWith("citylake waste edinburgh"));
        assertThat(goldRows(config, concat(lightingTables, drivenTables))).isEqualTo(embedded);
        assertThat(goldRows(config, planTables).get(WasteTables.PLAN_SUMMARY)).isNotEmpty();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static void keep(Path file, Set<String> ids) throws Exception {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (ids.contains(JSON.readTree(line).get("id").asText())) {
                kept.add(line);
            }
        }
        Files.write(file, kept);
    }

    /** A REST port whose next three ports (RPC, TaskManager RPC, blob server) are free too. */
    private static int freeRun() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = Ports.free();
            if (port < 65530
                    && !Ports.isOpen(port + 1)
                    && !Ports.isOpen(port + 2)
                    && !Ports.isOpen(port + 3)) {
                return port;
            }
        }
        throw new IllegalStateException("no four adjacent free ports");
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static List<String> trafficTables() {
        return TrafficTables.all().stream().map(t -> t.name()).toList();
    }

    /** Every row of the traffic gold tables, as sorted text. */
    private static Map<String, List<String>> goldRows(LakeConfig config) throws Exception {
        return goldRows(config, trafficTables());
    }

    /** Every row of the tables, as sorted text. */
    private static Map<String, List<String>> goldRows(LakeConfig config, List<String> tables)
            throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            for (String name : tables) {
                List<String> table = new ArrayList<>();
                try (CloseableIterable<Record> it =
                        IcebergGenerics.read(lake.table(name)).build()) {
                    it.forEach(r -> table.add(r.toString()));
                }
                table.sort(null);
                rows.put(name, table);
            }
        }
        return rows;
    }

    private static Map<String, Long> snapshots(LakeConfig config) throws Exception {
        return snapshots(config, trafficTables());
    }

    private static Map<String, Long> snapshots(LakeConfig config, List<String> tables)
            throws Exception {
        Map<String, Long> ids = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            for (String name : tables) {
                ids.put(name, lake.table(name).currentSnapshot().snapshotId());
            }
        }
        return ids;
    }

    /** Names of the cluster's finished jobs. */
    private static List<String> finishedJobs(String rest) throws Exception {
        HttpResponse<String> answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(rest + "/jobs/overview")).build(),
                                HttpResponse.BodyHandlers.ofString());
        List<String> names = new ArrayList<>();
        new ObjectMapper()
                .readTree(answer.body())
                .path("jobs")
                .forEach(
                        job -> {
                            if (job.path("state").asText().equals("FINISHED")) {
                                names.add(job.path("name").asText());
                            }
                        });
        return names;
    }

    private static int cli(String... args) {
        return CityLakeCli.execute(args);
    }

    private static boolean alive(OptionalLong pid) {
        return pid.isPresent()
                && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }
}
