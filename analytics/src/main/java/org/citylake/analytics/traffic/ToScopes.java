package org.citylake.analytics.traffic;

import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A segment's period sums, counted in the segment, its district and its city. */
final class ToScopes implements FlatMapFunction<PeriodSums, ScopeSums> {

    private final Map<String, SegmentRef> segments;
    private final String city;

    ToScopes(Map<String, SegmentRef> segments, String city) {
        this.segments = segments;
        this.city = city;
    }

    @Override
    public void flatMap(PeriodSums sums, Collector<ScopeSums> out) {
        SegmentRef segment =
                segments.getOrDefault(
                        sums.segmentId,
                        new SegmentRef(
                                sums.segmentId, null, null, null, SegmentRef.OUTSIDE, "outside"));
        ScopeSums.of(sums, segment, city).forEach(out::collect);
    }
}
