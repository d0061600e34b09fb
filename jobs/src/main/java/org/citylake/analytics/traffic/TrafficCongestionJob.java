package org.citylake.analytics.traffic;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.citylake.analytics.AnalyticsPeriod;
import org.citylake.analytics.Completeness;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TrafficTables;

/**
 * The congestion job (DESIGN §5): {@code clean.traffic_flow} → the index per segment per 5 minutes
 * and per hour ({@code gold.segment_congestion}) and the peak-hour rankings of segments, districts
 * and the city per day and per ISO week ({@code gold.congestion_ranking}).
 *
 * <p>A run covers whole days of one city. It reads the whole ISO weeks around them, so week
 * rankings always cover everything known of their week; rows and day rankings are written for the
 * asked days only. Each gold table is written in one commit that replaces the partitions the run
 * produced (city × day, city × period): a re-run gives the same rows, and a failed run commits
 * nothing, leaving the previous results readable.
 */
public final class TrafficCongestionJob {

    public static final String NAME = "traffic";

    /** What one run computes. */
    public record Plan(
            AnalyticsPeriod days,
            CongestionSettings settings,
            Map<String, SegmentRef> segments,
            String runId) {}

    /** The pipeline's two results. */
    public record Outputs(DataStream<IndexRow> index, DataStream<RankingRow> ranking) {}

    private TrafficCongestionJob() {}

    /** The pipeline from readings to results; tests call it with their own readings. */
    public static Outputs define(DataStream<TrafficReading> readings, Plan plan) {
        SingleOutputStreamOperator<IndexRow> index =
                readings.keyBy(r -> r.segmentId, Types.STRING)
                        .process(
                                new SegmentCongestion(
                                        plan.segments(), plan.days(), plan.settings()))
                        .returns(IndexRow.class)
                        .name("segment-congestion")
                        .uid("segment-congestion");
        DataStream<RankingRow> ranking =
                index.getSideOutput(SegmentCongestion.PERIOD_SUMS)
                        .flatMap(new ToScopes(plan.segments(), plan.days().city()))
                        .returns(ScopeSums.class)
                        .name("to-scopes")
                        .uid("to-scopes")
                        .keyBy(ScopeSums::key, Types.STRING)
                        .reduce(ScopeSums::plus)
                        .name("add-scopes")
                        .uid("add-scopes")
                        .keyBy(ScopeSums::group, Types.STRING)
                        .process(new RankScopes(plan.settings().minPeakReadings()))
                        .returns(RankingRow.class)
                        .name("rank-scopes")
                        .uid("rank-scopes");
        return new Outputs(index, ranking);
    }

    /** Checks the input is complete, then runs the job on the lake and waits for it. */
    public static void run(LakeConfig config, Plan plan, boolean allowIncomplete, PrintStream log)
            throws Exception {
        try (Lake lake = Lake.open(config)) {
            lake.init();
            Completeness.require(
                    lake.table(TrafficReadings.TABLE),
                    TrafficReadings.TABLE,
                    plan.days().end(),
                    Duration.ofMinutes(5),
                    allowIncomplete,
                    log);
            StreamExecutionEnvironment env = environment();
            DataStream<TrafficReading> readings =
                    TrafficReadings.read(env, lake, plan.days().wholeWeeks());
            Outputs outputs = define(readings, plan);
            String city = plan.days().city();
            sink(
                    lake,
                    TrafficTables.SEGMENT_CONGESTION,
                    outputs.index().map(new TrafficRows.Index(city)),
                    plan);
            sink(
                    lake,
                    TrafficTables.CONGESTION_RANKING,
                    outputs.ranking().map(new TrafficRows.Ranking(city)),
                    plan);
            JobClient job = env.executeAsync("citylake traffic " + plan.days());
            job.getJobExecutionResult().get();
        }
    }

    static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    private static void sink(
            Lake lake, String table, SingleOutputStreamOperator<RowData> rows, Plan plan) {
        var schema = lake.table(table).schema();
        DataStream<RowData> typed =
                rows.returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(schema)))
                        .name("to-" + table)
                        .uid("to-" + table);
        FlinkSink.forRowData(typed)
                .tableLoader(lake.tableLoader(table))
                .overwrite(true)
                .distributionMode(DistributionMode.HASH)
                .setSnapshotProperty("citylake.job", NAME)
                .setSnapshotProperty("citylake.run-id", plan.runId())
                .setSnapshotProperty("citylake.period", plan.days().toString())
                .uidPrefix(table)
                .append();
    }
}
