package org.citylake.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink commits each row exactly once across a failure and records the watermark. */
class LakeSinkIT {

    private static final int ROWS = 20_000;
    private static final Instant T0 = Instant.parse("2024-03-31T00:00:00Z");
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @TempDir Path dir;

    /** Fails the job once, after checkpoints have been committed, to force a restore. */
    static final class FailOnce implements MapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            if (value == ROWS * 3 / 4 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at " + value);
            }
            return value;
        }
    }

    @Test
    void commitsEveryRowExactlyOnceAcrossARestartAndRecordsTheWatermark() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            lake.init();
        }
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);

        var rowType =
                FlinkSchemaUtil.convert(TableRegistry.get().table(TableRegistry.JOB_RUNS).schema());
        DataStream<RowData> rows =
                env.fromSource(
                                new DataGeneratorSource<>(
                                        i -> i,
                                        ROWS,
                                        RateLimiterStrategy.perSecond(8_000),
                                        Types.LONG),
                                WatermarkStrategy.<Long>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (i, ts) -> T0.plusSeconds(i).toEpochMilli()),
                                "numbers")
                        .map(new FailOnce())
                        .map(LakeSinkIT::jobRun)
                        .returns(InternalTypeInfo.of(rowType));
        LakeSink.append(rows, Lake.catalogLoader(config), TableRegistry.JOB_RUNS, "test-sink", 2);
        env.execute("sink-it");

        assertThat(FAILED_ONCE).isTrue();
        try (Lake lake = Lake.open(config)) {
            Table table = lake.table(TableRegistry.JOB_RUNS);
            List<String> ids = new ArrayList<>();
            try (CloseableIterable<Record> read =
                    IcebergGenerics.read(table).select("run_id").build()) {
                read.forEach(r -> ids.add((String) r.getField("run_id")));
            }
            Set<String> distinct = new HashSet<>(ids);
            assertThat(ids).hasSize(ROWS);
            assertThat(distinct).hasSize(ROWS);

            List<Snapshot> snapshots = new ArrayList<>();
            table.snapshots().forEach(snapshots::add);
            assertThat(snapshots).hasSizeGreaterThan(1);
            assertThat(SnapshotSummary.latestWatermark(table)).contains(T0.plusSeconds(ROWS - 1));
            assertThat(snapshots)
                    .allSatisfy(s -> assertThat(s.summary()).containsKey(SnapshotSummary.JOB_ID));
            // The first commit may come before the first watermark (then it records none); once
            // recorded, the watermark never goes back and ends at the last event.
            List<Instant> recorded = new ArrayList<>();
            for (Snapshot s : snapshots) {
                String mark = s.summary().get(SnapshotSummary.WATERMARK);
                if (mark != null) {
                    recorded.add(Instant.parse(mark));
                }
            }
            assertThat(recorded).isNotEmpty().isSorted();
            assertThat(recorded.get(recorded.size() - 1)).isEqualTo(T0.plusSeconds(ROWS - 1));
        }
    }

    private static RowData jobRun(Long i) {
        Instant at = T0.plusSeconds(i);
        return GenericRowData.of(
                StringData.fromString("run-" + i),
                StringData.fromString("sink-it"),
                TimestampData.fromInstant(at),
                null,
                StringData.fromString("SUCCEEDED"),
                null,
                null,
                i,
                null,
                null);
    }
}
