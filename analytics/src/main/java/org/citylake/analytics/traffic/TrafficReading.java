package org.citylake.analytics.traffic;

/**
 * One reading of {@code clean.traffic_flow}, the columns the congestion index needs. A Flink POJO
 * (public fields, no-argument constructor) for cheap serialization.
 */
public final class TrafficReading {

    public String segmentId;

    /** Interval start, epoch milliseconds. */
    public long observedAtMs;

    /** Vehicles counted; 0 when none (then the reading carries no travel time). */
    public long flow;

    /** Mean speed, km/h, or null. */
    public Double speedKmh;

    /** Mean travel time over the segment, s, or null. */
    public Double travelTimeS;

    public TrafficReading() {}

    public TrafficReading(
            String segmentId, long observedAtMs, long flow, Double speedKmh, Double travelTimeS) {
        this.segmentId = segmentId;
        this.observedAtMs = observedAtMs;
        this.flow = flow;
        this.speedKmh = speedKmh;
        this.travelTimeS = travelTimeS;
    }

    @Override
    public String toString() {
        return segmentId + "@" + observedAtMs + " flow=" + flow + " tt=" + travelTimeS;
    }
}
