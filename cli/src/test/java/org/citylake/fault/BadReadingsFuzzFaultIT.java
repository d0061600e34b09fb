package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.Feed;
import org.citylake.ref.RefLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded feed of over a million bad readings of every kind (see {@link FuzzFeed}) mixed with
 * valid ones, through the streaming ingest job on the embedded MiniCluster with restarts switched
 * off: the job never fails, every bad line is in ops.dead_letter under its own position with the
 * expected reason code, every valid one is in clean (content checksum), raw holds every line.
 *
 * <p>Size: {@code -Dcitylake.fault.fuzz.lines} (CI 1,400,000 lines, 80 % bad: 1.1 M bad readings),
 * {@code -Dcitylake.fault.seed}.
 */
class BadReadingsFuzzFaultIT {

    @TempDir Path dir;

    @Test
    void everyBadReadingIsDeadLetteredWithItsReasonAndTheJobNeverFails() throws Exception {
        long lines = Faults.size("citylake.fault.fuzz.lines", 1_400_000);
        long seed = Faults.size("citylake.fault.seed", 20_261_122);
        Path feeds = dir.resolve("feeds");
        FuzzFeed.Expected expected = new FuzzFeed(1000, seed).write(feeds, lines, 0.8);
        System.err.println("fuzz feed: " + expected.kinds());
        assertThat((long) expected.reasonByPosition().size())
                .as("bad lines")
                .isGreaterThanOrEqualTo(Math.min(1_000_000, lines / 2));

        LakeConfig config = LakeConfig.embedded(dir.resolve("lake"));
        try (Lake lake = Lake.open(config)) {
            lake.init();
            RefLoader.loadAll(lake, feeds);
        }
        IngestJob.Plan plan =
                new IngestJob.Plan(
                        Map.of(
                                Feed.TRAFFIC.id(),
                                List.of(
                                        ReplayFile.of(
                                                TrafficReadings.CITY,
                                                feeds.resolve(TrafficReadings.CITY)
                                                        .resolve("traffic.jsonl")))),
                        IngestSettings.defaults(TrafficReadings.cities()),
                        Duration.ofSeconds(2),
                        0,
                        false,
                        null);
        // The product's job, with restarts off: any failure fails the run.
        Configuration conf = new Configuration();
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints").toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.enableCheckpointing(2000, CheckpointingMode.EXACTLY_ONCE);
        IngestJob.define(env, config, plan);
        long started = System.nanoTime();
        env.execute("fuzz ingest");
        System.err.printf(
                "fuzz: %,d lines ingested in %.1f s%n", lines, (System.nanoTime() - started) / 1e9);

        try (Lake lake = Lake.open(config)) {
            assertThat(LakeStatus.table(lake, "raw.traffic").rows()).as("raw").isEqualTo(lines);

            long[] clean = ReadingChecksum.ofCleanTraffic(lake.table("clean.traffic_flow"));
            assertThat(clean[0]).as("clean rows").isEqualTo(expected.clean());
            assertThat(clean[1]).as("clean checksum").isEqualTo(expected.cleanChecksum());
            long late = 0;
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(lake.table("clean.traffic_flow"))
                            .select("is_late")
                            .build()) {
                for (Record row : rows) {
                    late += Boolean.TRUE.equals(row.getField("is_late")) ? 1 : 0;
                }
            }
            assertThat(late).as("readings flagged late").isEqualTo(expected.late());

            Map<String, String> actual = new HashMap<>();
            long deadRows = 0;
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(lake.table("ops.dead_letter"))
                            .select("source_position", "reason")
                            .build()) {
                for (Record row : rows) {
                    deadRows++;
                    actual.put(
                            (String) row.getField("source_position"),
                            (String) row.getField("reason"));
                }
            }
            List<String> wrong = new ArrayList<>();
            expected.reasonByPosition()
                    .forEach(
                            (position, reason) -> {
                                String got = actual.get(position);
                                if (!reason.equals(got) && wrong.size() < 20) {
                                    wrong.add(position + ": expected " + reason + ", got " + got);
                                }
                            });
            assertThat(wrong).as("dead letters with a missing or wrong reason").isEmpty();
            assertThat(deadRows)
                    .as("one dead letter per bad line, no more")
                    .isEqualTo(expected.reasonByPosition().size());
            assertThat(actual).hasSameSizeAs(expected.reasonByPosition());
        }
    }
}
