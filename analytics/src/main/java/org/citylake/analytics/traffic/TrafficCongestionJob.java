package org.citylake.analytics.traffic;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.citylake.analytics.Completeness;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.tables.TrafficTables;
import org.citylake.model.AnalyticsPeriod;

/**
 * The congestion job (DESIGN §5): {@code clean.traffic_flow} → the index per segment per 5 minutes
 * and per hour ({@code gold.segment_congestion}) and the peak-hour rankings of segments, districts
 * and the city per day and per ISO week ({@code gold.congestion_ranking}).
 *
 * <p>A run covers whole days of one city. It reads the whole ISO weeks around them, so week
 * rankings always cover everything known of their week; rows and day rankings are written for the
 * asked days only. Each gold table is written in one commit that replaces the partitions the run
 * produced (city × day, city × period): a re-run gives the same rows. Both commits happen in the
 * driver once the job has succeeded ({@link BatchOverwrite}): a run that fails, even after its
 * files are written, commits nothing, and if the ranking's commit fails the index's is rolled back,
 * so the previous results of both tables stay the readable ones.
 *
 * <pre>
 * clean.traffic_flow (whole ISO weeks) ─► keyBy segment ─► SegmentCongestion
 *     main: index rows ───────────────────────────────────► write gold.segment_congestion ─┐
 *     side: period sums ─► ToScopes ─► keyBy scope group ─► RankScopes                     │
 *                                       ──► write gold.congestion_ranking ─────────────────┤
 *                                   driver, after the job succeeded: commit both ◄─────────┘
 * </pre>
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
        run(config, plan, allowIncomplete, log, BatchOverwrite.FailurePoints.NONE);
    }

    /**
     * As {@link #run(LakeConfig, Plan, boolean, PrintStream)}; fault tests pass where the run
     * should fail.
     *
     * @return rows committed per gold table
     * @throws IllegalStateException if the job or a commit failed; both tables then keep their
     *     previous snapshot
     */
    public static Map<String, Long> run(
            LakeConfig config,
            Plan plan,
            boolean allowIncomplete,
            PrintStream log,
            BatchOverwrite.FailurePoints failurePoints)
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
            BatchOverwrite gold =
                    new BatchOverwrite(
                            lake,
                            Map.of(
                                    "citylake.job", NAME,
                                    "citylake.run-id", plan.runId(),
                                    "citylake.period", plan.days().toString()),
                            failurePoints);
            gold.add(
                    TrafficTables.SEGMENT_CONGESTION,
                    typed(
                            lake,
                            TrafficTables.SEGMENT_CONGESTION,
                            outputs.index().map(new TrafficRows.Index(city))));
            gold.add(
                    TrafficTables.CONGESTION_RANKING,
                    typed(
                            lake,
                            TrafficTables.CONGESTION_RANKING,
                            outputs.ranking().map(new TrafficRows.Ranking(city))));
            return gold.execute(env, "citylake traffic " + plan.days());
        }
    }

    static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    private static DataStream<RowData> typed(
            Lake lake, String table, SingleOutputStreamOperator<RowData> rows) {
        var schema = lake.table(table).schema();
        return rows.returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(schema)))
                .name("to-" + table)
                .uid("to-" + table);
    }
}
