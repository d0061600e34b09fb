package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
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
 * The ingest job jar submitted over REST to a standalone Flink cluster (JobManager and TaskManager
 * JVMs) commits the same counts as the embedded MiniCluster does.
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

    private static int cli(String... args) {
        return CityLakeCli.execute(args);
    }

    private static boolean alive(OptionalLong pid) {
        return pid.isPresent()
                && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }
}
