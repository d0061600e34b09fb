package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.citylake.ingest.IngestJob;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 (S3Proxy holding the warehouse) stops for a minute in the middle of a streaming ingest into
 * the stack lake (PostgreSQL catalog, S3 warehouse): writes and commits fail, the job restarts with
 * back-off until S3 is back, then finishes with every reading exactly once.
 *
 * <p>Sizes: {@code -Dcitylake.fault.stack.readings} (200,000 at 4,000/s), {@code
 * -Dcitylake.fault.s3-outage-seconds} (60).
 */
class S3OutageFaultIT {

    @TempDir Path dir;

    @Test
    void aMinuteWithoutS3LosesAndDuplicatesNothing() throws Exception {
        long readings = Faults.size("citylake.fault.stack.readings", 200_000);
        long outage = Faults.size("citylake.fault.s3-outage-seconds", 60);
        long seed = Faults.size("citylake.fault.seed", 20_261_122);
        TrafficReadings.Expected expected =
                new TrafficReadings(500, seed).write(dir.resolve("feeds"), readings);
        try (FaultStack stack = new FaultStack(dir, true, false)) {
            LakeConfig config = stack.lakeConfig(true);
            FaultStack.initLake(config, dir.resolve("feeds"));
            long started = System.nanoTime();
            JobClient job =
                    IngestJob.submit(config, StackIngest.pacedReplay(expected.feedFile(), 4_000));
            try {
                StackIngest.awaitFirstCommit(config, job);
                Thread.sleep(3_000);
                Faults.outage(stack.s3, Duration.ofSeconds(outage), FaultStack.LOG);
                job.getJobExecutionResult().get();
            } finally {
                StackIngest.cancelIfRunning(job);
            }
            FaultStack.LOG.info(
                    String.format(
                            "%d readings with a %d s S3 outage: %.1f s",
                            readings, outage, (System.nanoTime() - started) / 1e9));
            assertThat(StackIngest.rows(config, "raw.traffic")).isEqualTo(readings);
            StackIngest.assertExactlyOnce(config, expected);
        }
    }
}
