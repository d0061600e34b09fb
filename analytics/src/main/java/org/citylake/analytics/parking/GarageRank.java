package org.citylake.analytics.parking;

/** One garage over a run's days, ranked among the city's: a row of gold.parking_busiest. */
public final class GarageRank {

    public String lotId;
    public Integer capacity;

    /** Days with at least one slot with a value. */
    public int daysWithData;

    /** Highest slot occupancy of the days, 0..1; null without data. */
    public Double peakOccupancy;

    /** Start of the first slot at that peak, epoch milliseconds. */
    public Long peakAtMs;

    public double hoursAbove90;
    public double hoursWithData;

    /** 1 = busiest: most hours above 90 % full, then highest peak, then lot id. */
    public int rank;

    public GarageRank() {}
}
