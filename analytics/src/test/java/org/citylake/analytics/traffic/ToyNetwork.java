package org.citylake.analytics.traffic;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.citylake.model.AnalyticsPeriod;

/**
 * A three-segment network, hand-drawn, in Aarhus time (CEST in August):
 *
 * <pre>
 *   A ----- s1: 1000 m ----- B ----------- s2: 2000 m ----------- C --- s3: 500 m --- D
 *   free flow 60 s (60 km/h)    free flow 100 s (72 km/h)            no reference free flow
 *   |------------------- district "north" ----------------------|   |--- "south" ---|
 * </pre>
 */
final class ToyNetwork {

    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    static final SegmentRef S1 = new SegmentRef("s1", "A-B", 1000.0, 60.0, "north", "North");
    static final SegmentRef S2 = new SegmentRef("s2", "B-C", 2000.0, 100.0, "north", "North");
    static final SegmentRef S3 = new SegmentRef("s3", "C-D", 500.0, null, "south", "South");
    static final Map<String, SegmentRef> SEGMENTS = Map.of("s1", S1, "s2", S2, "s3", S3);

    /** Monday 2014-08-18, the day the toy readings fall on. */
    static final AnalyticsPeriod MONDAY =
            new AnalyticsPeriod(
                    "aarhus",
                    ZONE,
                    java.time.LocalDate.of(2014, 8, 18),
                    java.time.LocalDate.of(2014, 8, 18));

    /** Low minimums so a handful of readings counts. */
    static final CongestionSettings SETTINGS =
            new CongestionSettings(
                    CongestionSettings.defaults().peakDays(),
                    CongestionSettings.defaults().peakHours(),
                    10.0,
                    22,
                    5,
                    0.85,
                    3,
                    1);

    private ToyNetwork() {}

    static TrafficReading at(
            String segment, String localTime, long flow, Double speed, Double travelTime) {
        long ms = LocalDateTime.parse(localTime).atZone(ZONE).toInstant().toEpochMilli();
        return new TrafficReading(segment, ms, flow, speed, travelTime);
    }
}
