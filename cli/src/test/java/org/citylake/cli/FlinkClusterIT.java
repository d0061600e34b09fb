package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.traffic.TrafficTables;
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
 * --cluster} commits, from the cluster, the same gold rows as the embedded run.
 */
class FlinkClusterIT {

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
            for (String table : TrafficTables.all().stream().map(t -> t.name()).toList()) {
                assertThat(clusterSnapshots.get(table))
                        .as(table + " committed by the cluster run")
                        .isNotEqualTo(embeddedSnapshots.get(table));
            }
            assertThat(finishedJobs(flink.restAddress()))
                    .contains("citylake traffic aarhus 2014-08-18");
            assertThat(goldRows(config)).isEqualTo(embedded);
        } finally {
            flink.stop(StackLog.to(System.err));
        }
        assertThat(alive(jobManager)).as("jobmanager stopped").isFalse();
        assertThat(alive(taskManager)).as("taskmanager stopped").isFalse();
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

    /** Every row of the traffic gold tables, as sorted text. */
    private static Map<String, List<String>> goldRows(LakeConfig config) throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            for (var def : TrafficTables.all()) {
                List<String> table = new ArrayList<>();
                try (CloseableIterable<Record> it =
                        IcebergGenerics.read(lake.table(def.name())).build()) {
                    it.forEach(r -> table.add(r.toString()));
                }
                table.sort(null);
                rows.put(def.name(), table);
            }
        }
        return rows;
    }

    private static Map<String, Long> snapshots(LakeConfig config) throws Exception {
        Map<String, Long> ids = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            for (var def : TrafficTables.all()) {
                ids.put(def.name(), lake.table(def.name()).currentSnapshot().snapshotId());
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
