package org.citylake.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.WriteResult;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-city watermarks at the end of a bounded input, with several writers. Writer A finishes first:
 * its last files reach the committer while writer B still holds the input watermark low, and a
 * checkpoint commits them with the allowed lateness subtracted. When B finishes, the final
 * checkpoint must declare A's cities complete up to their newest reading too, although none of
 * their files is in that commit.
 */
class IcebergCommitterCityWatermarkTest {

    private static final Duration LAG = Duration.ofHours(1);
    private static final Instant A_LAST = Instant.parse("2016-08-08T23:00:00Z");
    private static final Instant B_LAST = Instant.parse("2016-08-08T22:00:00Z");

    @TempDir Path dir;
    private LakeConfig config;

    @BeforeEach
    void lake() throws Exception {
        config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            lake.init();
        }
    }

    @Test
    void theEndOfTheInputCompletesEveryCityEvenWhenItsLastFilesWereCommittedEarlier()
            throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(new Watermark(B_LAST.minusSeconds(7200).toEpochMilli()));
            // writer A is done: its end-of-input files, "edinburgh" up to A_LAST
            harness.processElement(new StreamRecord<>(files(Long.MAX_VALUE, "edinburgh", A_LAST)));
            harness.snapshot(5, 5);
            harness.notifyOfCompletedCheckpoint(5);
            assertThat(cityWatermarks())
                    .as("mid-input, a city is complete up to its newest reading minus the lag")
                    .containsEntry("edinburgh", A_LAST.minus(LAG));

            // writer B finishes with files of another city; the input watermark reaches the end
            harness.processWatermark(Watermark.MAX_WATERMARK);
            harness.processElement(new StreamRecord<>(files(Long.MAX_VALUE, "monaco", B_LAST)));
            harness.snapshot(6, 6);
            harness.notifyOfCompletedCheckpoint(6);
            assertThat(cityWatermarks())
                    .containsEntry("edinburgh", A_LAST)
                    .containsEntry("monaco", B_LAST);
        }
    }

    @Test
    void theEndOfTheInputAloneCommitsTheCompletion() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(new Watermark(B_LAST.minusSeconds(7200).toEpochMilli()));
            harness.processElement(new StreamRecord<>(files(Long.MAX_VALUE, "edinburgh", A_LAST)));
            harness.snapshot(5, 5);
            harness.notifyOfCompletedCheckpoint(5);
            long snapshots = snapshotCount();

            // writer B had nothing left to write: only the watermark reaches the committer
            harness.processWatermark(Watermark.MAX_WATERMARK);
            harness.snapshot(6, 6);
            harness.notifyOfCompletedCheckpoint(6);
            assertThat(snapshotCount()).isEqualTo(snapshots + 1);
            assertThat(cityWatermarks()).containsEntry("edinburgh", A_LAST);
        }
    }

    @Test
    void midInputCommitsKeepTheLag() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(new Watermark(A_LAST.minusSeconds(7200).toEpochMilli()));
            harness.processElement(new StreamRecord<>(files(5, "edinburgh", A_LAST)));
            harness.snapshot(5, 5);
            harness.notifyOfCompletedCheckpoint(5);
            harness.processWatermark(new Watermark(A_LAST.minusSeconds(3600).toEpochMilli()));
            harness.snapshot(6, 6);
            harness.notifyOfCompletedCheckpoint(6);
            assertThat(cityWatermarks()).containsEntry("edinburgh", A_LAST.minus(LAG));
        }
    }

    private OneInputStreamOperatorTestHarness<WrittenFiles, Void> harness() throws Exception {
        var harness =
                new OneInputStreamOperatorTestHarness<WrittenFiles, Void>(
                        new IcebergCommitter(
                                Lake.catalogLoader(config),
                                TableRegistry.JOB_RUNS,
                                "committer-test",
                                Duration.ZERO,
                                LAG));
        harness.getStreamConfig().setCheckpointingEnabled(true);
        harness.setup();
        harness.open();
        return harness;
    }

    private static WrittenFiles files(long checkpointId, String city, Instant last)
            throws Exception {
        WrittenFiles files =
                new WrittenFiles(
                        checkpointId,
                        last.toEpochMilli(),
                        InstantiationUtil.serializeObject(WriteResult.builder().build()));
        files.cities = new String[] {city};
        files.cityMaxEventTimes = new long[] {last.toEpochMilli()};
        return files;
    }

    private Map<String, Instant> cityWatermarks() throws Exception {
        try (Lake lake = Lake.open(config)) {
            return SnapshotSummary.cityWatermarks(lake.table(TableRegistry.JOB_RUNS));
        }
    }

    private long snapshotCount() throws Exception {
        try (Lake lake = Lake.open(config)) {
            Table table = lake.table(TableRegistry.JOB_RUNS);
            long n = 0;
            for (var ignored : table.snapshots()) {
                n++;
            }
            return n;
        }
    }
}
