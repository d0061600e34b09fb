package org.citylake.analytics.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.citylake.model.AnalyticsPeriod;

/**
 * Keyed by segment: gathers the segment's readings and, once they are all in (batch mode fires the
 * end-of-input timer per key), emits its index rows and, on {@link #PERIOD_SUMS}, its peak sums.
 */
final class SegmentCongestion extends KeyedProcessFunction<String, TrafficReading, IndexRow> {

    static final OutputTag<PeriodSums> PERIOD_SUMS =
            new OutputTag<>(
                    "period-sums",
                    org.apache.flink.api.common.typeinfo.Types.POJO(PeriodSums.class)) {};

    private final Map<String, SegmentRef> segments;
    private final AnalyticsPeriod indexDays;
    private final CongestionSettings settings;
    private transient ListState<TrafficReading> readings;

    SegmentCongestion(
            Map<String, SegmentRef> segments,
            AnalyticsPeriod indexDays,
            CongestionSettings settings) {
        this.segments = segments;
        this.indexDays = indexDays;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        readings =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("readings", TrafficReading.class));
    }

    @Override
    public void processElement(TrafficReading reading, Context ctx, Collector<IndexRow> out)
            throws Exception {
        readings.add(reading);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexRow> out)
            throws Exception {
        List<TrafficReading> all = new ArrayList<>();
        readings.get().forEach(all::add);
        readings.clear();
        String id = ctx.getCurrentKey();
        SegmentRef segment =
                segments.getOrDefault(
                        id, new SegmentRef(id, null, null, null, SegmentRef.OUTSIDE, "outside"));
        SegmentSeries.Result result = SegmentSeries.compute(segment, all, indexDays, settings);
        result.rows().forEach(out::collect);
        result.sums().forEach(s -> ctx.output(PERIOD_SUMS, s));
    }
}
