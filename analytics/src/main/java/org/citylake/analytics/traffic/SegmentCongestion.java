package org.citylake.analytics.traffic;

import java.util.List;
import java.util.Map;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.model.AnalyticsPeriod;

/**
 * All readings of one segment → its index rows and, on {@link #PERIOD_SUMS}, its peak sums (run by
 * {@link GroupAtEnd}, keyed by segment).
 */
final class SegmentCongestion implements GroupAtEnd.Group<String, TrafficReading, IndexRow> {

    static final OutputTag<PeriodSums> PERIOD_SUMS =
            new OutputTag<>(
                    "period-sums",
                    org.apache.flink.api.common.typeinfo.Types.POJO(PeriodSums.class)) {};

    private final Map<String, SegmentRef> segments;
    private final AnalyticsPeriod indexDays;
    private final CongestionSettings settings;

    SegmentCongestion(
            Map<String, SegmentRef> segments,
            AnalyticsPeriod indexDays,
            CongestionSettings settings) {
        this.segments = segments;
        this.indexDays = indexDays;
        this.settings = settings;
    }

    @Override
    public void apply(String id, List<TrafficReading> all, GroupAtEnd.Emitter<IndexRow> out) {
        SegmentRef segment =
                segments.getOrDefault(
                        id, new SegmentRef(id, null, null, null, SegmentRef.OUTSIDE, "outside"));
        SegmentSeries.Result result = SegmentSeries.compute(segment, all, indexDays, settings);
        result.rows().forEach(out::collect);
        result.sums().forEach(s -> out.output(PERIOD_SUMS, s));
    }
}
