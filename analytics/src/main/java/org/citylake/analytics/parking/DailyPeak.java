package org.citylake.analytics.parking;

/** One garage's day: a row of {@code gold.parking_daily}. A Flink POJO. */
public final class DailyPeak {

    public String lotId;

    /** Local day, days since 1970-01-01. */
    public int localEpochDay;

    /** Capacity, spots: the largest of the day's slots, else the lot's known capacity. */
    public Integer capacity;

    /** Slots in the local day: 96, or 92 / 100 on a DST day. */
    public int slots;

    public int slotsWithData;

    /** Highest slot occupancy, 0..1; null without data. */
    public Double peakOccupancy;

    /** Start of the first slot at the peak, epoch milliseconds. */
    public Long peakAtMs;

    public Integer peakOccupiedSpots;
    public Integer minFreeSpots;

    /** Mean occupancy over the slots with data. */
    public Double meanOccupancy;

    /** Slots above the full share × 15 min, hours. */
    public double hoursAboveFull;

    /** Slots with data × 15 min, hours. */
    public double hoursWithData;

    public DailyPeak() {}

    @Override
    public String toString() {
        return lotId
                + "@"
                + localEpochDay
                + " peak="
                + peakOccupancy
                + " at "
                + peakAtMs
                + " full h="
                + hoursAboveFull;
    }
}
