package org.citylake.analytics.traffic;

/**
 * One segment's peak-hour sums over one period (a day or an ISO week). Only readings with vehicles,
 * a travel time, a free flow and a plausible TTI count. A Flink POJO.
 */
public final class PeriodSums {
    public String segmentId;
    public String period;
    public int periodStartEpochDay;

    /** Σ flow × TTI. */
    public double flowTti;

    /** Σ flow. */
    public long flow;

    /** Σ flow × (clipped travel time − free-flow time), vehicle-seconds. */
    public double delayVehicleSeconds;

    public int peakReadings;
    public int outlierReadings;

    /** Bit d set when day d of the period (0 = first) had peak readings. */
    public int daysMask;

    public PeriodSums() {}

    PeriodSums(String segmentId, String period, int periodStartEpochDay) {
        this.segmentId = segmentId;
        this.period = period;
        this.periodStartEpochDay = periodStartEpochDay;
    }
}
