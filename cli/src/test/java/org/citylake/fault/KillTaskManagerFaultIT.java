package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.citylake.cli.CityLakeCli;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.stack.FlinkClusterService;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job on a standalone Flink cluster loses its TaskManager JVM (SIGKILL) several times,
 * at moments drawn from a seed within a checkpoint interval (at once when a checkpoint is seen in
 * flight); a new TaskManager is started and the job recovers from its last checkpoint. A last kill
 * lands when the whole input has been read but the job has not finished yet. Afterwards raw holds
 * every published reading once, clean holds every reading once with the generator's content
 * checksum, nothing is dead.
 *
 * <p>Sizes: {@code -Dcitylake.fault.readings} (CI 400,000; nightly 10,000,000), {@code
 * -Dcitylake.fault.kills} (3), {@code -Dcitylake.fault.seed}.
 */
class KillTaskManagerFaultIT {

    private static final StackLog LOG = StackLog.to(System.err);

    @TempDir Path dataDir;

    @Test
    void killedTaskManagersLoseAndDuplicateNothing() throws Exception {
        long readings = Faults.size("citylake.fault.readings", 200_000);
        int kills = (int) Faults.size("citylake.fault.kills", 1);
        long seed = Faults.size("citylake.fault.seed", 20_261_122);
        // Paced so the input lasts ~30 s of reading, however fast the job: the kills need
        // checkpoints to fall between, and an unpaced job may read everything before the first.
        long rate = Math.max(1, readings / 30);
        Random random = new Random(seed);

        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        overrides.put(LakeOptions.FLINK_PORT.key(), Integer.toString(Faults.freePortRun(3)));
        LakeConfig config = LakeConfig.load(overrides);
        String dir = dataDir.toString();

        int segments = (int) Math.max(100, Math.min(10_000, readings / 400));
        TrafficReadings.Expected expected =
                new TrafficReadings(segments, seed).write(dataDir.resolve("feeds"), readings);
        assertThat(cli("lakehouse", "init", "--data-dir", dir)).isZero();
        assertThat(cli("ref", "load", "--data-dir", dir)).isZero();

        FlinkClusterService flink = new FlinkClusterService(StackContext.of(config, LOG));
        OptionalLong jobManager = OptionalLong.empty();
        CompletableFuture<Integer> ingest = null;
        long started = System.nanoTime();
        int done = 0;
        try {
            flink.start(LOG);
            jobManager = flink.pid();
            FlinkRest rest = new FlinkRest(flink.restAddress());
            ingest =
                    CompletableFuture.supplyAsync(
                            () ->
                                    cli(
                                            "ingest",
                                            "--cluster",
                                            "--flink-rest",
                                            flink.restAddress(),
                                            "--feed",
                                            "traffic",
                                            "--checkpoint-interval",
                                            "PT1S",
                                            "--rate",
                                            Long.toString(rate),
                                            "--no-progress",
                                            "--data-dir",
                                            dir));
            String job = awaitJob(rest, ingest);

            while (done < kills && !ingest.isDone()) {
                // Let the job make progress: 1..3 checkpoints after the last recovery.
                long target = rest.checkpoints(job)[0] + 1 + random.nextInt(3);
                if (!await(() -> rest.checkpoints(job)[0] >= target, ingest)) {
                    break;
                }
                // Then strike within the next checkpoint interval (1 s) at a seeded moment, at
                // once if a checkpoint is seen in flight first. Checkpoints take milliseconds
                // here, so most kills land while files are being written or just committed.
                long strikeAt = System.nanoTime() + random.nextInt(1000) * 1_000_000L;
                boolean inFlight = false;
                while (!inFlight && System.nanoTime() < strikeAt && !ingest.isDone()) {
                    inFlight = rest.checkpoints(job)[1] > 0;
                    Thread.sleep(5);
                }
                if (ingest.isDone()) {
                    break;
                }
                killTaskManager(flink);
                done++;
                flink.startTaskManager(LOG);
                LOG.info(
                        String.format(
                                "fault: kill %d of %d at %.1f s%s",
                                done,
                                kills,
                                (System.nanoTime() - started) / 1e9,
                                inFlight ? ", checkpoint in flight" : ""));
            }
            assertThat(done)
                    .as("kills before the input ran out; raise -Dcitylake.fault.readings")
                    .isEqualTo(kills);

            // The riskiest moment: every reading read and flushed, the job not yet finished.
            try (Lake lake = Lake.open(config)) {
                if (await(() -> rows(lake, "raw.traffic") >= readings, ingest)) {
                    killTaskManager(flink);
                    flink.startTaskManager(LOG);
                    LOG.info(
                            String.format(
                                    "fault: killed at the end of the input, %.1f s",
                                    (System.nanoTime() - started) / 1e9));
                }
            }

            assertThat(ingest.get(15, TimeUnit.MINUTES)).as("ingest exit code").isZero();
            assertThat(rest.failures(job))
                    .as("failures recovered from")
                    .isGreaterThanOrEqualTo(kills);
        } finally {
            if (ingest != null) {
                ingest.cancel(true);
            }
            flink.stop(LOG);
        }
        LOG.info(
                String.format(
                        "%d readings, %d TaskManager kills: %.1f s",
                        readings, done, (System.nanoTime() - started) / 1e9));
        assertThat(jobManager.isPresent() && ProcessHandle.of(jobManager.getAsLong()).isPresent())
                .as("jobmanager stopped")
                .isFalse();

        try (Lake lake = Lake.open(config)) {
            assertThat(rows(lake, "raw.traffic")).as("raw").isEqualTo(readings);
            assertThat(rows(lake, "ops.dead_letter")).as("dead letters").isZero();
            long[] clean = ReadingChecksum.ofCleanTraffic(lake.table("clean.traffic_flow"));
            assertThat(clean[0]).as("clean rows").isEqualTo(expected.readings());
            assertThat(clean[1]).as("clean content checksum").isEqualTo(expected.checksum());
        }
    }

    private static void killTaskManager(FlinkClusterService flink) throws Exception {
        long pid =
                flink.taskManagerPid()
                        .orElseThrow(() -> new IllegalStateException("no taskmanager running"));
        Faults.kill(pid);
        LOG.info("fault: taskmanager " + pid + " killed (SIGKILL)");
    }

    private static String awaitJob(FlinkRest rest, CompletableFuture<Integer> ingest)
            throws Exception {
        String[] job = new String[1];
        boolean found =
                await(
                        () -> {
                            job[0] = rest.onlyJob().orElse(null);
                            return job[0] != null && "RUNNING".equals(rest.state(job[0]));
                        },
                        ingest);
        assertThat(found).as("the ingest job runs on the cluster").isTrue();
        return job[0];
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls until {@code check} holds (true) or the ingest ended first (false). */
    private static boolean await(Check check, CompletableFuture<Integer> ingest) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return true;
            }
            if (ingest.isDone()) {
                return false;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out waiting on the ingest job");
    }

    private static long rows(Lake lake, String table) {
        return LakeStatus.table(lake, table).rows();
    }

    private static int cli(String... args) {
        return CityLakeCli.execute(args);
    }
}
