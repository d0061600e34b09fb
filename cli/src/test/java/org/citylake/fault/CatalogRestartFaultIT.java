package org.citylake.fault;

import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server holding the Iceberg catalog is restarted twice during a streaming ingest
 * into the stack lake: once stopped cleanly (pg_ctl), once killed (SIGKILL of the postmaster, crash
 * recovery on start). Commits in flight fail or end in an unknown state; the job recovers and every
 * reading is in the lake exactly once. Each restart must reach the job: its exception history grows
 * after each one (the pooled catalog connections are terminated), else the test fails.
 *
 * <p>Size: {@code -Dcitylake.fault.stack.readings} (200,000 at 4,000/s).
 */
class CatalogRestartFaultIT {

    @TempDir Path dir;

    @Test
    void restartsOfTheCatalogDatabaseLoseAndDuplicateNothing() throws Exception {
        long readings = Faults.size("citylake.fault.stack.readings", 200_000);
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
            int failures;
            try {
                StackIngest.awaitFirstCommit(config, job);
                Thread.sleep(5_000);
                int before = running.failures();
                FaultStack.LOG.info("fault: postgres restarted (pg_ctl stop -m fast, start)");
                stack.postgres.stop(FaultStack.LOG);
                stack.postgres.start(FaultStack.LOG);
                failures = StackIngest.awaitFailure(running, before, "the catalog's clean restart");
                FaultStack.LOG.info(
                        String.format(
                                "job failures %d -> %d after the clean restart, %.1f s",
                                before, failures, (System.nanoTime() - started) / 1e9));
                Thread.sleep(10_000);
                before = running.failures();
                Faults.crashAndRestart(stack.postgres, FaultStack.LOG);
                failures = StackIngest.awaitFailure(running, before, "the catalog's crash");
                FaultStack.LOG.info(
                        String.format(
                                "job failures %d -> %d after the crash, %.1f s",
                                before, failures, (System.nanoTime() - started) / 1e9));
                job.getJobExecutionResult().get();
            } finally {
                StackIngest.cancelIfRunning(job);
            }
            FaultStack.LOG.info(
                    String.format(
                            "%d readings, two catalog restarts, %d job failures: %.1f s",
                            readings, failures, (System.nanoTime() - started) / 1e9));
            StackIngest.assertExactlyOnce(config, expected);
        }
    }
}
