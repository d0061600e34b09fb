package org.citylake.bench.freshness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.actions.Actions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.bench.harness.Stats;
import org.citylake.bench.stack.BenchStack;
import org.citylake.bench.traffic.ScaledTrafficDay;
import org.citylake.bench.traffic.TrafficProducer;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.CityRegistry;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.ref.RefLoader;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.StackLog;

/**
 * {@code bench freshness}: how long after a reading is produced to Kafka it can be read through
 * Trino, at each checkpoint interval; and how many data files a partition collects meanwhile,
 * without and with compaction.
 *
 * <pre>
 *  producer: live readings at --rate/s + a marker reading every --marker-every ─► Kafka
 *     ─► IngestJob (unbounded, exactly-once, checkpoint interval c) ─► clean.traffic_flow
 *  poller: Trino "SELECT intensity FROM clean.traffic_flow WHERE segment_id = 'marker' ..."
 *     latency(marker) = first poll that returns it (completion time) − send time
 * </pre>
 */
public final class FreshnessBench {

    public static final String NAME = "freshness";

    /**
     * @param intervals checkpoint intervals measured
     * @param rate steady stream, readings/s
     * @param window length of one repetition
     * @param markerEvery interval between marker readings
     * @param warmups warm-up windows (their markers are discarded)
     * @param reps measured windows per interval
     * @param seed generator seed
     */
    public record Params(
            List<Duration> intervals,
            int rate,
            Duration window,
            Duration markerEvery,
            int warmups,
            int reps,
            long seed) {}

    private static final int REPLICAS = 2;
    private static final long TARGET_FILE_SIZE = 128L * 1024 * 1024;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(3);

    private FreshnessBench() {}

    public static Report run(Params params, Path home, Path workDir, String command)
            throws Exception {
        Report report =
                new Report(
                        NAME,
                        "A reading produced to Kafka → visible through Trino: p50/p95 latency at each"
                                + " checkpoint interval (steady stream of live readings into the"
                                + " unbounded ingest job, marker readings polled through Trino), and"
                                + " data files per partition after the run, without and with"
                                + " compaction.",
                        command);
        report.parameter("checkpoint_intervals", params.intervals().toString())
                .parameter("rate_readings_per_s", params.rate())
                .parameter("window", params.window().toString())
                .parameter("marker_every", params.markerEvery().toString())
                .parameter("warmup_windows", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("parallelism", 1)
                .parameter("road_segments", 449 * REPLICAS)
                .parameter("seed", params.seed());

        StackLog log = StackLog.to(System.err);
        ScaledTrafficDay day =
                ScaledTrafficDay.fromTestData(home.resolve("test-data"), workDir, params.seed());
        Path scaledFeeds = workDir.resolve("scaled-feeds");
        Map<Duration, String> cities = new LinkedHashMap<>();
        for (Duration c : params.intervals()) {
            String city = "fresh" + c.toMillis() + "ms";
            cities.put(c, city);
            day.writeRoadSegments(scaledFeeds, city, REPLICAS);
        }
        Map<String, Object> files = new LinkedHashMap<>();
        try (BenchStack stack = BenchStack.start(workDir, true, true, log)) {
            LakeConfig lake = stack.lake();
            try (Lake l = Lake.open(lake)) {
                l.init();
                RefLoader.loadAll(l, scaledFeeds);
            }
            try (var admin = KafkaAdmin.open(stack.kafkaBootstrap())) {
                FeedTopics.ensure(admin, Set.of(Feed.TRAFFIC.id()));
            }
            TrinoClient trino = stack.trinoAdmin();
            for (Duration c : params.intervals()) {
                String city = cities.get(c);
                String label = "checkpoint " + c.toSeconds() + " s";
                Measured m = measure(stack, lake, trino, day, city, c, params);
                report.add(Series.measured(label + " · p50", "s", m.p50()));
                report.add(Series.measured(label + " · p95", "s", m.p95()));
                files.put(label, m.files());
            }
        }
        report.extra("data_files_per_partition", files);
        double worstP95 = 0;
        for (Duration c : params.intervals()) {
            double p95 = report.series("checkpoint " + c.toSeconds() + " s · p95").median();
            report.goal(
                    "freshness p95 ≤ 15 s (checkpoint " + c.toSeconds() + " s)",
                    String.format(Locale.ROOT, "%.1f s", p95),
                    p95 <= 15);
            worstP95 = Math.max(worstP95, p95);
        }
        for (Map.Entry<String, Object> e : files.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) e.getValue();
            long after = ((Number) f.get("clean_files_per_partition_after")).longValue();
            long needed = ((Number) f.get("clean_files_per_partition_needed")).longValue();
            report.goal(
                    "bounded file count: after compaction no more files per partition than its"
                            + " bytes need at the 128 MB target ("
                            + e.getKey()
                            + ")",
                    f.get("clean_files_per_partition_before")
                            + " files/partition before, "
                            + after
                            + " after compaction (needed: "
                            + needed
                            + ")",
                    after <= needed);
        }
        report.note(
                "Live readings: the scaled Aarhus day's values for "
                        + 449 * REPLICAS
                        + " segments in turn, observed 'now', at --rate readings/s; every"
                        + " --marker-every a marker reading (segment 'marker', its sequence number in"
                        + " intensity). Each checkpoint interval runs its own unbounded ingest job"
                        + " (parallelism 1, started at the topic's end) in its own city, hence its"
                        + " own partitions.");
        report.note(
                "Latency of a marker = completion time of the first Trino query (admin over HTTPS,"
                        + " polling back to back) whose result contains it − the time it was handed"
                        + " to the Kafka producer (linger 5 ms, acks=all). The poll's own duration is"
                        + " included: it is what an analyst polling would see.");
        report.note(
                "A repetition is a window of --window; its p50/p95 are over the markers sent in it."
                        + " Warm-up windows come first (job start, first checkpoints) and are"
                        + " discarded. Every marker must become visible within "
                        + VISIBLE_TIMEOUT.toMinutes()
                        + " min, and after the producer stops the city's rows must equal the"
                        + " readings acknowledged by Kafka, else the bench fails.");
        report.note(
                "Files: data files per (city, day) partition of clean.traffic_flow and raw.traffic at"
                        + " the end of the run (one file per checkpoint per partition at parallelism"
                        + " 1), the same extrapolated to one hour of streaming at that interval, and"
                        + " after Iceberg's rewriteDataFiles (org.apache.iceberg.flink.actions; 128 MB"
                        + " target, open-file cost 1 byte so small files are packed by their real"
                        + " size) on the city's partitions, run once the job is stopped.");
        return report;
    }

    record Measured(List<Double> p50, List<Double> p95, Map<String, Object> files) {}

    private static Measured measure(
            BenchStack stack,
            LakeConfig lake,
            TrinoClient trino,
            ScaledTrafficDay day,
            String city,
            Duration interval,
            Params params)
            throws Exception {
        String group = "bench-freshness-" + city;
        try (var admin = KafkaAdmin.open(stack.kafkaBootstrap())) {
            KafkaAdmin.commitAtLeast(
                    admin, group, KafkaAdmin.endOffsets(admin, Set.of(Feed.TRAFFIC.id())));
        }
        IngestSettings settings = IngestSettings.defaults(registry(lake)).withParallelism(1);
        IngestJob.Plan plan =
                IngestJob.Plan.fromKafka(
                        new KafkaFeedSource.Input(
                                stack.kafkaBootstrap(), Set.of(Feed.TRAFFIC.id()), false, group),
                        settings,
                        interval,
                        false,
                        null);
        JobClient job = IngestJob.submit(lake, plan);
        awaitRunning(job, interval);
        Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
        Map<Long, Long> seenNanos = new ConcurrentHashMap<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong markers = new AtomicLong();
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        long acked;
        long runStart = System.nanoTime();
        try (TrafficProducer producer = new TrafficProducer(stack.kafkaBootstrap(), 5)) {
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    produce(
                                            producer, day, city, params, producing, markers,
                                            sentNanos);
                                } catch (Exception e) {
                                    producerFailure.set(e);
                                }
                            },
                            "freshness-producer");
            thread.setDaemon(true);
            thread.start();
            int windows = params.warmups() + params.reps();
            long end = runStart + params.window().toNanos() * windows;
            long maxSeen = 0;
            try (var connection = trino.connect()) {
                while (System.nanoTime() < end && producerFailure.get() == null) {
                    maxSeen = poll(connection, city, maxSeen, seenNanos);
                }
                producing.set(false);
                thread.join();
                if (producerFailure.get() != null) {
                    throw producerFailure.get();
                }
                producer.flush();
                acked = producer.acked();
                long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
                while (seenNanos.size() < markers.get() && System.nanoTime() < deadline) {
                    maxSeen = poll(connection, city, maxSeen, seenNanos);
                }
            }
            if (seenNanos.size() < markers.get()) {
                throw new IllegalStateException(
                        "checkpoint "
                                + interval
                                + ": only "
                                + seenNanos.size()
                                + " of "
                                + markers.get()
                                + " marker readings visible through Trino after "
                                + VISIBLE_TIMEOUT.toMinutes()
                                + " min");
            }
            long rowsDeadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
            long rows = 0;
            try (Lake l = Lake.open(lake)) {
                while (System.nanoTime() < rowsDeadline && (rows = cityRows(l, city)) < acked) {
                    Thread.sleep(500);
                }
            }
            if (rows != acked) {
                throw new IllegalStateException(
                        "checkpoint "
                                + interval
                                + ": clean.traffic_flow holds "
                                + rows
                                + " readings of "
                                + city
                                + ", Kafka acknowledged "
                                + acked);
            }
        } finally {
            job.cancel().get();
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;

        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        long windowNanos = params.window().toNanos();
        for (int w = params.warmups(); w < params.warmups() + params.reps(); w++) {
            long from = runStart + w * windowNanos;
            long to = from + windowNanos;
            List<Double> latencies = new ArrayList<>();
            sentNanos.forEach(
                    (seq, sent) -> {
                        if (sent >= from && sent < to) {
                            latencies.add((seenNanos.get(seq) - sent) / 1e9);
                        }
                    });
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no marker was sent in window " + (w + 1));
            }
            double a = Stats.quantile(latencies, 0.5);
            double b = Stats.quantile(latencies, 0.95);
            p50.add(a);
            p95.add(b);
            System.err.printf(
                    Locale.ROOT,
                    "[%s] checkpoint %d s rep %d/%d: p50=%.2f s, p95=%.2f s (%d markers)%n",
                    NAME,
                    interval.toSeconds(),
                    w - params.warmups() + 1,
                    params.reps(),
                    a,
                    b,
                    latencies.size());
        }
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("run_seconds", Math.round(runSeconds));
        try (Lake l = Lake.open(lake)) {
            for (String table :
                    List.of(
                            EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable(),
                            Feed.TRAFFIC.rawTable())) {
                String key = table.startsWith("clean") ? "clean" : "raw";
                Table t = l.table(table);
                long[] before = maxFilesPerPartition(t, city);
                files.put(key + "_files_per_partition_before", before[0]);
                files.put(
                        key + "_files_per_partition_per_hour_extrapolated",
                        Math.round(before[0] / runSeconds * 3600));
                // Each small file weighs its real size in the bin packing (the default open-file
                // cost of 4 MB would split a partition of many small files into several groups).
                Actions.forTable(t)
                        .rewriteDataFiles()
                        .filter(Expressions.equal("city", city))
                        .targetSizeInBytes(TARGET_FILE_SIZE)
                        .splitOpenFileCost(1)
                        .execute();
                t.refresh();
                long[] after = maxFilesPerPartition(t, city);
                files.put(key + "_files_per_partition_after", after[0]);
                files.put(
                        key + "_files_per_partition_needed",
                        Math.max(1, (after[1] + TARGET_FILE_SIZE - 1) / TARGET_FILE_SIZE));
            }
        }
        System.err.printf(
                Locale.ROOT, "[%s] checkpoint %d s files: %s%n", NAME, interval.toSeconds(), files);
        return new Measured(p50, p95, files);
    }

    /** Waits until the job runs, so the first window does not start with a backlog. */
    private static void awaitRunning(JobClient job, Duration interval) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING) {
            if (job.getJobStatus().get().isTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the ingest job for checkpoint interval "
                                + interval
                                + " is "
                                + job.getJobStatus().get()
                                + " instead of RUNNING");
            }
            Thread.sleep(200);
        }
    }

    private static void produce(
            TrafficProducer producer,
            ScaledTrafficDay day,
            String city,
            Params params,
            AtomicBoolean producing,
            AtomicLong markers,
            Map<Long, Long> sentNanos)
            throws InterruptedException {
        long start = System.nanoTime();
        long nanosPerReading = 1_000_000_000L / params.rate();
        long markerNanos = params.markerEvery().toNanos();
        long k = 0;
        long nextMarker = start;
        while (producing.get()) {
            long now = System.nanoTime();
            if (now >= nextMarker) {
                long seq = markers.get() + 1;
                sentNanos.put(seq, System.nanoTime());
                producer.send(city, ScaledTrafficDay.markerReading(city, seq, Instant.now()));
                markers.set(seq);
                nextMarker += markerNanos;
            }
            long due = start + k * nanosPerReading;
            if (now >= due) {
                producer.send(city, day.liveReading(k, REPLICAS, city, Instant.now()));
                k++;
            } else {
                Thread.sleep(Math.max(0, Math.min((due - now) / 1_000_000, 5)));
            }
        }
    }

    /** One Trino poll for new markers; returns the highest marker sequence seen. */
    private static long poll(
            java.sql.Connection connection, String city, long maxSeen, Map<Long, Long> seen)
            throws Exception {
        String sql =
                "SELECT intensity FROM iceberg.clean.traffic_flow WHERE city = '"
                        + city
                        + "' AND segment_id = '"
                        + ScaledTrafficDay.MARKER_SEGMENT
                        + "' AND intensity > "
                        + maxSeen;
        List<Long> found = new ArrayList<>();
        try (var s = connection.createStatement();
                var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
        }
        long now = System.nanoTime();
        long max = maxSeen;
        for (long seq : found) {
            seen.putIfAbsent(seq, now);
            max = Math.max(max, seq);
        }
        return max;
    }

    private static long cityRows(Lake lake, String city) throws Exception {
        Table t = lake.table(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable());
        t.refresh();
        long rows = 0;
        try (CloseableIterable<FileScanTask> tasks =
                t.newScan().filter(Expressions.equal("city", city)).planFiles()) {
            for (FileScanTask task : tasks) {
                rows += task.file().recordCount();
            }
        }
        return rows;
    }

    /** The most files any partition of the city has, and the most bytes any partition has. */
    private static long[] maxFilesPerPartition(Table t, String city) throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        try (CloseableIterable<FileScanTask> tasks =
                t.newScan().filter(Expressions.equal("city", city)).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                files.merge(file.partition().toString(), 1L, Long::sum);
                bytes.merge(file.partition().toString(), file.fileSizeInBytes(), Long::sum);
            }
        }
        return new long[] {
            files.values().stream().mapToLong(Long::longValue).max().orElse(0),
            bytes.values().stream().mapToLong(Long::longValue).max().orElse(0)
        };
    }

    private static CityRegistry registry(LakeConfig lake) throws Exception {
        try (Lake l = Lake.open(lake)) {
            return CityTable.read(l);
        }
    }
}
