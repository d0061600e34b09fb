package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Snapshot;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.Feed;
import org.citylake.stack.Ports;

/**
 * The streaming ingest job (the product's plan, restart strategy included) on the embedded
 * MiniCluster against a lake, with the waits, the evidence that a fault reached the job (failures
 * it recovered from, commits that stalled) and the exact end-state checks fault tests share.
 */
final class StackIngest {

    private static final String LOOPBACK = "127.0.0.1";

    private StackIngest() {}

    /** The ingest job on its embedded MiniCluster, and that cluster's REST API. */
    record Running(JobClient job, FlinkRest rest) {

        /**
         * Failures the job recovered from so far (entries of its exception history). Only while it
         * runs: the per-job MiniCluster shuts down with the job.
         */
        int failures() throws Exception {
            return rest.failures(id());
        }

        /** The root causes of those failures, newest first. */
        List<String> failureCauses() throws Exception {
            return rest.failureCauses(id());
        }

        private String id() {
            return job.getJobID().toHexString();
        }
    }

    /**
     * Submits the job as {@link IngestJob#submit(LakeConfig, IngestJob.Plan)} does, with the
     * MiniCluster's REST API on a free loopback port so the test can watch the job's failures.
     */
    static Running submit(LakeConfig config, IngestJob.Plan plan) throws Exception {
        int port = Ports.free();
        Configuration cluster = new Configuration();
        cluster.set(RestOptions.ADDRESS, LOOPBACK);
        cluster.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        cluster.set(RestOptions.BIND_PORT, Integer.toString(port));
        return new Running(
                IngestJob.submit(config, plan, cluster),
                new FlinkRest("http://" + LOOPBACK + ":" + port));
    }

    /**
     * Waits until the job has failed more than {@code before} times: the proof that {@code fault}
     * reached it. Fails the test if the job ends first or nothing fails within 3 min. Returns the
     * new count.
     */
    static int awaitFailure(Running running, int before, String fault) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            int failures;
            try {
                failures = running.failures();
            } catch (IOException e) {
                assertThat(ended(running.job()))
                        .as("job ended without a failure after %s: the fault missed it", fault)
                        .isFalse();
                throw e;
            }
            if (failures > before) {
                List<String> causes = running.failureCauses();
                for (String cause : causes.subList(0, Math.min(causes.size(), failures - before))) {
                    FaultStack.LOG.info("job failure after " + fault + ": " + cause);
                }
                return failures;
            }
            assertThat(ended(running.job()))
                    .as("job ended without a failure after %s: the fault missed it", fault)
                    .isFalse();
            assertThat(System.nanoTime())
                    .as("a job failure within 3 min of %s", fault)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** When each snapshot of {@code table} was committed, oldest first. */
    static List<Instant> commitTimes(LakeConfig config, String table) throws Exception {
        try (Lake lake = Lake.open(config)) {
            List<Instant> times = new ArrayList<>();
            for (Snapshot snapshot : lake.table(table).snapshots()) {
                times.add(Instant.ofEpochMilli(snapshot.timestampMillis()));
            }
            times.sort(null);
            return times;
        }
    }

    /**
     * Commits to each of {@code tables} before {@code outage}, none while it lasted, some after it:
     * the job's commits stalled while the service was down and resumed once it was back.
     */
    static void assertCommitsStalled(LakeConfig config, Faults.Outage outage, String... tables)
            throws Exception {
        for (String table : tables) {
            List<Instant> commits = commitTimes(config, table);
            assertThat(commits)
                    .as("commits to %s before the outage", table)
                    .anyMatch(t -> t.isBefore(outage.down()));
            assertThat(commits)
                    .filteredOn(outage::contains)
                    .as("commits to %s during the outage %s", table, outage)
                    .isEmpty();
            assertThat(commits)
                    .as("commits to %s after the outage", table)
                    .anyMatch(t -> t.isAfter(outage.up()));
        }
    }

    /** A paced replay of the generated traffic feed, checkpoints every second. */
    static IngestJob.Plan pacedReplay(Path feedFile, double readingsPerSecond) throws Exception {
        return new IngestJob.Plan(
                Map.of(Feed.TRAFFIC.id(), List.of(ReplayFile.of(TrafficReadings.CITY, feedFile))),
                IngestSettings.defaults(TrafficReadings.cities()),
                Duration.ofSeconds(1),
                readingsPerSecond,
                false,
                null);
    }

    /**
     * Whether the job ended. Asks the result future: the embedded per-job MiniCluster shuts down
     * with the job, so a status call after the end fails.
     */
    static boolean ended(JobClient job) {
        return job.getJobExecutionResult().isDone();
    }

    /** Cancels the job unless it ended; for finally blocks. */
    static void cancelIfRunning(JobClient job) throws Exception {
        if (!ended(job)) {
            job.cancel().get();
        }
    }

    static long rows(LakeConfig config, String table) throws Exception {
        try (Lake lake = Lake.open(config)) {
            return LakeStatus.table(lake, table).rows();
        }
    }

    /** Waits until the job's first commit reached raw (the ingest is under way). */
    static void awaitFirstCommit(LakeConfig config, JobClient job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (rows(config, "raw.traffic") == 0) {
            assertThat(ended(job)).as("job ended before its first commit").isFalse();
            assertThat(System.nanoTime()).as("first commit within 3 min").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Raw = every reading, clean = every reading once with the generator's checksum, no dead. */
    static void assertExactlyOnce(LakeConfig config, TrafficReadings.Expected expected)
            throws Exception {
        try (Lake lake = Lake.open(config)) {
            assertThat(LakeStatus.table(lake, "raw.traffic").rows())
                    .as("raw")
                    .isEqualTo(expected.readings());
            assertThat(LakeStatus.table(lake, "ops.dead_letter").rows())
                    .as("dead letters")
                    .isZero();
            long[] clean = ReadingChecksum.ofCleanTraffic(lake.table("clean.traffic_flow"));
            assertThat(clean[0]).as("clean rows").isEqualTo(expected.readings());
            assertThat(clean[1]).as("clean content checksum").isEqualTo(expected.checksum());
        }
    }
}
