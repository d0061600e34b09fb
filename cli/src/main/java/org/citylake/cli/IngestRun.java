package org.citylake.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.citylake.analytics.job.TextTable;
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
            Counts start = Counts.of(lake, plan);
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
                long started = System.nanoTime();
                long lastLine = started;
                while (!result.isDone()) {
                    if (bar != null) {
                        bar.stepTo(Math.min(total, committedRaw(lake, plan.feeds()) - before));
                    } else if (System.nanoTime() - lastLine >= PLAIN_PROGRESS_EVERY_NANOS) {
                        // redirected to a log: a plain line now and then, no \r frames
                        lastLine = System.nanoTime();
                        long done = committedRaw(lake, plan.feeds()) - before;
                        System.err.printf(
                                "ingest: %,d%s messages committed to raw after %d s%n",
                                done,
                                total > 0 ? " of " + String.format("%,d", total) : "",
                                (lastLine - started) / 1_000_000_000L);
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
            Counts.of(lake, plan).minus(start).print(System.out);
        }
    }

    /** How often a run without a progress bar prints a plain progress line. */
    private static final long PLAIN_PROGRESS_EVERY_NANOS = 30_000_000_000L;

    /**
     * Rows of a plan's raw and clean tables and its feeds' dead letters by reason; the difference
     * of two is what a run wrote.
     */
    record Counts(Map<String, Long> tables, Map<String, Long> deadLetters) {

        static Counts of(Lake lake, IngestJob.Plan plan) {
            Map<String, Long> tables = new java.util.LinkedHashMap<>();
            for (String feed : new java.util.TreeSet<>(plan.feeds())) {
                tables.put("raw." + feed, LakeStatus.table(lake, "raw." + feed).rows());
            }
            for (String feed : new java.util.TreeSet<>(plan.feeds())) {
                for (var entity : plan.settings().feed(feed).entities()) {
                    String clean = entity.cleanTable();
                    tables.putIfAbsent(clean, LakeStatus.table(lake, clean).rows());
                }
            }
            Map<String, Long> dead = new java.util.TreeMap<>();
            LakeStatus.deadLettersByReason(lake)
                    .forEach(
                            (feedReason, n) -> {
                                String feed = feedReason.substring(0, feedReason.indexOf('/'));
                                if (plan.feeds().contains(feed)) {
                                    dead.put(feedReason, n);
                                }
                            });
            return new Counts(tables, dead);
        }

        Counts minus(Counts before) {
            Map<String, Long> tables = new java.util.LinkedHashMap<>();
            this.tables.forEach((t, n) -> tables.put(t, n - before.tables.getOrDefault(t, 0L)));
            Map<String, Long> dead = new java.util.TreeMap<>();
            deadLetters.forEach(
                    (r, n) -> {
                        long added = n - before.deadLetters.getOrDefault(r, 0L);
                        if (added != 0) {
                            dead.put(r, added);
                        }
                    });
            return new Counts(tables, dead);
        }

        /** The summary a run ends with: rows to raw, to clean, and dead letters by reason. */
        void print(java.io.PrintStream out) {
            long raw = sum(tables, "raw.");
            long clean = sum(tables, "clean.");
            long dead = deadLetters.values().stream().mapToLong(Long::longValue).sum();
            out.printf(
                    "ingested: %,d rows to raw, %,d to clean, %,d to dead letters%n",
                    raw, clean, dead);
            List<List<String>> rows = new java.util.ArrayList<>();
            tables.forEach((t, n) -> rows.add(List.of(t, String.valueOf(n))));
            TextTable.print(out, List.of("table", "rows added"), rows, false);
            if (!deadLetters.isEmpty()) {
                List<List<String>> reasons = new java.util.ArrayList<>();
                deadLetters.forEach(
                        (r, n) -> {
                            int slash = r.indexOf('/');
                            reasons.add(
                                    List.of(
                                            r.substring(0, slash),
                                            r.substring(slash + 1),
                                            String.valueOf(n)));
                        });
                TextTable.print(out, List.of("feed", "reason", "dead letters"), reasons, false);
            }
        }

        private static long sum(Map<String, Long> tables, String prefix) {
            return tables.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
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
