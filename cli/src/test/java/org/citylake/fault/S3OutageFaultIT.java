package org.citylake.fault;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 (S3Proxy holding the warehouse) stops for a minute in the middle of a streaming ingest into
 * the stack lake (PostgreSQL catalog, S3 warehouse): writes and commits fail, the job restarts with
 * back-off until S3 is back, then finishes with every reading exactly once. Asserted besides the
 * end state: the job failed after S3 went down (its exception history grew), and raw and clean got
 * commits before the outage, none during it, and again after it.
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
            StackIngest.Running running =
                    StackIngest.submit(config, StackIngest.pacedReplay(expected.feedFile(), 4_000));
            JobClient job = running.job();
            Faults.Outage s3Down;
            int failures;
            try {
                StackIngest.awaitFirstCommit(config, job);
                Thread.sleep(3_000);
                int before = running.failures();
                s3Down = Faults.outage(stack.s3, Duration.ofSeconds(outage), FaultStack.LOG);
                failures = StackIngest.awaitFailure(running, before, "the S3 outage");
                job.getJobExecutionResult().get();
            } finally {
                StackIngest.cancelIfRunning(job);
            }
            FaultStack.LOG.info(
                    String.format(
                            "%d readings with a %d s S3 outage, %d job failures: %.1f s",
                            readings, outage, failures, (System.nanoTime() - started) / 1e9));
            StackIngest.assertCommitsStalled(config, s3Down, "raw.traffic", "clean.traffic_flow");
            StackIngest.assertExactlyOnce(config, expected);
        }
    }
}
