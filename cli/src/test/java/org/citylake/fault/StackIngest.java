package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.Feed;

/**
 * The streaming ingest job (the product's plan, restart strategy included) on the embedded
 * MiniCluster against a lake, with the waits and the exact end-state checks fault tests share.
 */
final class StackIngest {

    private StackIngest() {}

    /** A paced replay of the generated traffic feed, checkpoints every second. */
    static IngestJob.Plan pacedReplay(Path feedFile, double readingsPerSecond) throws Exception {
        return new IngestJob.Plan(
                Map.of(Feed.TRAFFIC, List.of(ReplayFile.of(TrafficReadings.CITY, feedFile))),
                IngestSettings.defaults(Map.of()),
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
