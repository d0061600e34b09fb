package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.model.Feed;
import org.citylake.testdata.FeedConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled real Aarhus traffic day through the ingest job on the MiniCluster. */
class AarhusTrafficIT {

    @TempDir static Path feeds;
    @TempDir Path dir;

    static AarhusTraffic expected;
    static Map<String, List<ReplayFile>> replay;

    @BeforeAll
    static void convert() throws Exception {
        FeedConverter.convertAll(AarhusTraffic.TEST_DATA, feeds);
        expected = AarhusTraffic.fromCsv();
        replay =
                Map.of(
                        Feed.TRAFFIC.id(),
                        List.of(ReplayFile.of("aarhus", feeds.resolve("aarhus/traffic.jsonl"))));
    }

    @Test
    void cleanHoldsEveryDistinctValidReadingAndNothingIsLost() throws Exception {
        LakeFixture lake = new LakeFixture(dir);
        lake.loadRef(feeds);
        lake.run(lake.plan(replay, 0, Duration.ofSeconds(2), null));

        long clean = lake.count("clean.traffic_flow");
        long dead = lake.count("ops.dead_letter");
        assertThat(clean).isEqualTo(expected.distinctValid());
        assertThat(clean + dead).isEqualTo(expected.rows());
        assertThat(lake.count("raw.traffic")).isEqualTo(expected.rows());
    }

    /**
     * The checkpoint that commits a bounded replay's last files comes when every task has seen the
     * end of its input (Flink triggers it then), not at the next periodic one: with a one-day
     * interval that would almost surely come after the timeout.
     */
    @Test
    void aBoundedReplayIsCommittedWithoutWaitingForThePeriodicCheckpoint() throws Exception {
        LakeFixture lake = new LakeFixture(dir);
        lake.loadRef(feeds);
        JobClient job = lake.submit(lake.plan(replay, 0, Duration.ofDays(1), null));
        try {
            job.getJobExecutionResult().get(3, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            job.cancel().get();
            throw new AssertionError("the replay waited for the periodic checkpoint", e);
        }
        assertThat(lake.count("clean.traffic_flow")).isEqualTo(expected.distinctValid());
        assertThat(lake.count("raw.traffic")).isEqualTo(expected.rows());
    }

    @Test
    void stoppedAfterACheckpointAndRestartedItCommitsEveryReadingExactlyOnce() throws Exception {
        LakeFixture lake = new LakeFixture(dir);
        lake.loadRef(feeds);
        // Paced, so the job is still running when it is stopped.
        JobClient first = lake.submit(lake.plan(replay, 15_000, Duration.ofMillis(500), null));
        Optional<Path> checkpoint = Optional.empty();
        try (Lake opened = Lake.open(lake.config)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                checkpoint = IngestJob.latestCheckpoint(lake.config, first.getJobID().toString());
                if (checkpoint.isPresent()
                        && LakeStatus.table(opened, "clean.traffic_flow").rows() > 0) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        first.cancel().get();
        assertThat(checkpoint).as("a completed checkpoint before stopping").isPresent();
        long committedBeforeStop = lake.count("raw.traffic");
        assertThat(committedBeforeStop).isBetween(1L, expected.rows() - 1);
        checkpoint = IngestJob.latestCheckpoint(lake.config, first.getJobID().toString());

        lake.run(lake.plan(replay, 0, Duration.ofMillis(500), checkpoint.get().toString()));

        assertThat(lake.count("raw.traffic")).isEqualTo(expected.rows());
        assertThat(lake.count("clean.traffic_flow")).isEqualTo(expected.distinctValid());
        assertThat(lake.count("ops.dead_letter"))
                .isEqualTo(expected.rows() - expected.distinctValid());

        // Replaying the same file again leaves clean unchanged: every reading is a duplicate now.
        Map<String, Long> reasonsBefore = lake.deadLettersByReason();
        lake.run(lake.plan(replay, 0, Duration.ofSeconds(1), null));
        assertThat(lake.count("clean.traffic_flow")).isEqualTo(expected.distinctValid());
        Map<String, Long> reasonsAfter = lake.deadLettersByReason();
        long duplicatesBefore = reasonsBefore.getOrDefault("DUPLICATE", 0L);
        // every valid row of the replay is a duplicate now: the distinct ones and the repeats
        assertThat(reasonsAfter.get("DUPLICATE"))
                .isEqualTo(duplicatesBefore + expected.distinctValid() + duplicatesBefore);
        assertThat(lake.count("ops.dead_letter"))
                .isEqualTo(expected.rows() - expected.distinctValid() + expected.rows());
        assertThat(lake.count("raw.traffic")).isEqualTo(2 * expected.rows());
    }
}
