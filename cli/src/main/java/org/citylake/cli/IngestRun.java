package org.citylake.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * Runs an ingest job to completion with a progress bar. Progress is what is durable: messages
 * committed to the raw tables since the start, read from the Iceberg snapshots.
 */
final class IngestRun {

    private IngestRun() {}

    static void runToCompletion(LakeConfig config, IngestJob.Plan plan, boolean progress)
            throws Exception {
        // Counting the lines of the replay files reads them all once (25 s for a 7 GiB city-day):
        // done only for the progress bar's total.
        long total =
                plan.fromKafka()
                        ? kafkaBacklog(plan)
                        : progress ? FeedFiles.totalLines(plan.replay()) : -1;
        try (Lake lake = Lake.open(config)) {
            long before = committedRaw(lake, plan.feeds());
            // Taken before the job starts, so the bounded job's own stop offsets are at least
            // these.
            Map<TopicPartition, Long> reachedAtLeast =
                    plan.fromKafka() && plan.kafka().bounded() ? kafkaEnds(plan) : null;
            JobClient job = IngestJob.submit(config, plan);
            if (plan.fromKafka()) {
                System.err.printf(
                        "ingest job %s: %,d messages waiting on %s%s%n",
                        job.getJobID(),
                        total,
                        plan.feeds().stream().map(FeedTopics::topic).sorted().toList(),
                        plan.kafka().bounded() ? " (bounded)" : "; runs until cancelled");
            } else {
                int files = plan.replay().values().stream().mapToInt(List::size).sum();
                if (total >= 0) {
                    System.err.printf(
                            "ingest job %s: %,d messages from %d files%n",
                            job.getJobID(), total, files);
                } else {
                    System.err.printf("ingest job %s: %d files%n", job.getJobID(), files);
                }
            }
            ProgressBar bar =
                    progress
                            ? new ProgressBarBuilder()
                                    .setTaskName("ingest")
                                    .setInitialMax(total)
                                    .setStyle(ProgressBarStyle.ASCII)
                                    .setUnit(" msgs", 1)
                                    .showSpeed()
                                    .continuousUpdate()
                                    .build()
                            : null;
            try {
                // Polls the result future, not the job status: the embedded cluster shuts down
                // with the job, after which it answers no status queries.
                var result = job.getJobExecutionResult();
                while (!result.isDone()) {
                    if (bar != null) {
                        bar.stepTo(Math.min(total, committedRaw(lake, plan.feeds()) - before));
                    }
                    Thread.sleep(1000);
                }
                try {
                    result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(
                            "ingest job " + job.getJobID() + " failed: " + rootCause(e), e);
                }
                if (bar != null) {
                    bar.stepTo(Math.min(total, committedRaw(lake, plan.feeds()) - before));
                }
                if (reachedAtLeast != null) {
                    try (var admin = KafkaAdmin.open(plan.kafka().bootstrapServers())) {
                        KafkaAdmin.commitAtLeast(admin, plan.kafka().groupId(), reachedAtLeast);
                    }
                }
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }
    }

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    /** What the ingest group has yet to read; the bar's maximum (an unbounded job may see more). */
    private static long kafkaBacklog(IngestJob.Plan plan) throws Exception {
        try (var admin = KafkaAdmin.open(plan.kafka().bootstrapServers())) {
            return KafkaAdmin.backlog(admin, plan.feeds(), plan.kafka().groupId());
        }
    }

    private static Map<TopicPartition, Long> kafkaEnds(IngestJob.Plan plan) throws Exception {
        try (var admin = KafkaAdmin.open(plan.kafka().bootstrapServers())) {
            return KafkaAdmin.endOffsets(admin, plan.feeds());
        }
    }

    private static long committedRaw(Lake lake, Set<String> feeds) {
        long sum = 0;
        for (String feed : feeds) {
            sum += LakeStatus.table(lake, "raw." + feed).rows();
        }
        return sum;
    }
}
