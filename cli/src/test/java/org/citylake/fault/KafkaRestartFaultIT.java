package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.citylake.cli.CityLakeCli;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker is restarted (stopped cleanly, then killed) while an unbounded ingest job reads
 * the traffic topic; half the readings are published before the first restart, half after it. The
 * job is stopped once every published reading is committed; then raw holds each exactly once and
 * clean every reading once with the generator's content checksum.
 *
 * <p>Size: {@code -Dcitylake.fault.kafka.readings} (CI 600,000).
 */
class KafkaRestartFaultIT {

    @TempDir Path dir;

    @Test
    void brokerRestartsLoseAndDuplicateNothing() throws Exception {
        long readings = Faults.size("citylake.fault.kafka.readings", 600_000);
        long seed = Faults.size("citylake.fault.seed", 20_261_122);
        TrafficReadings generator = new TrafficReadings(1000, seed);
        Path firstHalf = dir.resolve("feeds-1");
        Path secondHalf = dir.resolve("feeds-2");
        TrafficReadings.Expected all = generator.write(dir.resolve("feeds"), readings);
        splitLines(all.feedFile(), firstHalf, secondHalf, readings / 2);
        generator.writeRef(firstHalf);

        try (FaultStack stack = new FaultStack(dir, false, true)) {
            LakeConfig config = stack.lakeConfig(false);
            FaultStack.initLake(config, dir.resolve("feeds"));
            String servers = stack.kafka.bootstrapServers();
            try (var admin = KafkaAdmin.open(servers)) {
                FeedTopics.ensure(admin, Set.of(Feed.TRAFFIC.id()));
            }
            assertThat(publish(servers, firstHalf)).isZero();

            long started = System.nanoTime();
            JobClient job =
                    IngestJob.submit(
                            config,
                            IngestJob.Plan.fromKafka(
                                    KafkaFeedSource.Input.of(
                                            servers, Set.of(Feed.TRAFFIC.id()), false),
                                    IngestSettings.defaults(TrafficReadings.cities()),
                                    Duration.ofSeconds(1),
                                    false,
                                    null));
            try {
                StackIngest.awaitFirstCommit(config, job);
                FaultStack.LOG.info("fault: kafka restarted (stop, start)");
                stack.kafka.stop(FaultStack.LOG);
                Thread.sleep(5_000);
                stack.kafka.start(FaultStack.LOG);
                assertThat(publish(servers, secondHalf)).isZero();
                Thread.sleep(2_000);
                Faults.crashAndRestart(stack.kafka, FaultStack.LOG);

                // Unbounded: wait until everything published is committed, then stop the job.
                long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
                while (StackIngest.rows(config, "raw.traffic") < readings
                        || StackIngest.rows(config, "clean.traffic_flow") < readings) {
                    assertThat(StackIngest.ended(job)).as("the unbounded job ended").isFalse();
                    assertThat(System.nanoTime()).as("all committed in time").isLessThan(deadline);
                    Thread.sleep(500);
                }
                // A few more checkpoints: anything read twice would be committed by now.
                Thread.sleep(5_000);
            } finally {
                StackIngest.cancelIfRunning(job);
            }
            FaultStack.LOG.info(
                    String.format(
                            "%d readings through Kafka, two broker restarts: %.1f s",
                            readings, (System.nanoTime() - started) / 1e9));
            StackIngest.assertExactlyOnce(config, all);
        }
    }

    private int publish(String servers, Path feeds) {
        return CityLakeCli.execute(
                "replay",
                "--to",
                "kafka",
                "--data-dir",
                dir.toString(),
                "--bootstrap",
                servers,
                "--feeds",
                feeds.toString(),
                "--feed",
                "traffic",
                "--no-progress");
    }

    private static void splitLines(Path file, Path first, Path second, long firstLines)
            throws Exception {
        Path a = first.resolve(TrafficReadings.CITY).resolve("traffic.jsonl");
        Path b = second.resolve(TrafficReadings.CITY).resolve("traffic.jsonl");
        java.nio.file.Files.createDirectories(a.getParent());
        java.nio.file.Files.createDirectories(b.getParent());
        try (var in = java.nio.file.Files.newBufferedReader(file);
                var outA = java.nio.file.Files.newBufferedWriter(a);
                var outB = java.nio.file.Files.newBufferedWriter(b)) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                (n++ < firstLines ? outA : outB).write(line + "\n");
            }
        }
    }
}
