package org.citylake.analytics.traffic;

/** One row of {@code gold.segment_congestion} (without the city). A Flink POJO. */
public final class IndexRow {
    public String segmentId;
    public long windowStartMs;
    public int windowMinutes;
    public int localEpochDay;
    public int localHour;
    public boolean peak;
    public long flow;
    public Double meanSpeedKmh;
    public Double travelTimeS;
    public Double freeFlowTimeS;
    public Double tti;
    public String freeFlowMethod;
    public int readings;
    public int outlierReadings;

    public IndexRow() {}

    @Override
    public String toString() {
        return segmentId
                + "@"
                + windowStartMs
                + "/"
                + windowMinutes
                + "m flow="
                + flow
                + " tti="
                + tti;
    }
}
