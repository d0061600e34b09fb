package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFilesActionResult;
import org.apache.iceberg.flink.actions.Actions;
import org.citylake.ingest.IngestJob;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction (Iceberg's rewrite of data files, a Flink batch job) runs again and again on raw and
 * clean while the streaming ingest commits to them every second. Both kinds of commit succeed side
 * by side; at the end raw and clean hold every reading exactly once (content checksum) and far
 * fewer data files than the ingest wrote.
 *
 * <p>Size: {@code -Dcitylake.fault.compaction.readings} (CI 300,000 at 10,000/s).
 */
class ConcurrentCompactionFaultIT {

    @TempDir Path dir;

    @Test
    void compactionConcurrentWithStreamingCommitsLosesAndDuplicatesNothing() throws Exception {
        long readings = Faults.size("citylake.fault.compaction.readings", 300_000);
        long seed = Faults.size("citylake.fault.seed", 20_261_122);
        TrafficReadings.Expected expected =
                new TrafficReadings(1000, seed).write(dir.resolve("feeds"), readings);
        LakeConfig config = LakeConfig.embedded(dir.resolve("lake"));
        FaultStack.initLake(config, dir.resolve("feeds"));

        long started = System.nanoTime();
        JobClient job =
                IngestJob.submit(config, StackIngest.pacedReplay(expected.feedFile(), 10_000));
        int rewrites = 0;
        int rewrittenFiles = 0;
        try (Lake lake = Lake.open(config)) {
            StackIngest.awaitFirstCommit(config, job);
            while (!StackIngest.ended(job)) {
                for (String name : List.of("raw.traffic", "clean.traffic_flow")) {
                    Table table = lake.table(name);
                    RewriteDataFilesActionResult result =
                            Actions.forTable(
                                            StreamExecutionEnvironment.getExecutionEnvironment(),
                                            table)
                                    .rewriteDataFiles()
                                    .execute();
                    if (!result.deletedDataFiles().isEmpty() && !StackIngest.ended(job)) {
                        rewrites++;
                        rewrittenFiles += result.deletedDataFiles().size();
                    }
                }
            }
            job.getJobExecutionResult().get();
        } finally {
            StackIngest.cancelIfRunning(job);
        }
        FaultStack.LOG.info(
                String.format(
                        "%d readings, %d compactions during the ingest (%d files rewritten): %.1f s",
                        readings, rewrites, rewrittenFiles, (System.nanoTime() - started) / 1e9));
        assertThat(rewrites)
                .as("compactions committed while the ingest ran")
                .isGreaterThanOrEqualTo(2);

        StackIngest.assertExactlyOnce(config, expected);
        try (Lake lake = Lake.open(config)) {
            for (String name : List.of("raw.traffic", "clean.traffic_flow")) {
                Table table = lake.table(name);
                long appended = 0;
                for (Snapshot snapshot : table.snapshots()) {
                    if ("append".equals(snapshot.operation())) {
                        appended +=
                                Long.parseLong(
                                        snapshot.summary().getOrDefault("added-data-files", "0"));
                    }
                }
                long live =
                        Long.parseLong(table.currentSnapshot().summary().get("total-data-files"));
                assertThat(live).as(name + " data files after compaction").isLessThan(appended);
            }
        }
    }
}
