package org.citylake.analytics.parking;

/**
 * Occupancy of one garage in one 15-minute slot: a row of {@code gold.parking_occupancy}. A Flink
 * POJO. The value columns are null unless {@link #status} is {@link #OK}.
 */
public final class OccupancySlot {

    /** The slot has a reading at most the maximum age old at its end. */
    public static final String OK = "ok";

    /** The last reading before the slot's end is older than the maximum age. */
    public static final String STALE = "stale";

    /**
     * The last reading repeats the same free-spot count as its neighbours for 24 hours or more (a
     * stuck sensor): no value.
     */
    public static final String FROZEN = "frozen";

    /** No reading of the garage before the slot's end (in the period and its look-back). */
    public static final String NO_READING = "no_reading";

    public String lotId;

    /** Slot start, epoch milliseconds. */
    public long slotStartMs;

    /** Day of the slot start in city time, days since 1970-01-01. */
    public int localEpochDay;

    /** Hour of the slot start in city time, 0..23. */
    public int localHour;

    /** Quarter of the local day the slot starts in: hour × 4 + minute / 15, 0..95. */
    public int slotOfDay;

    /** Spots, from the reading used (else the latest reading before, else ref.parking_lots). */
    public Integer capacity;

    public Integer occupiedSpots;
    public Integer freeSpots;

    /** occupied / capacity, 0..1. */
    public Double occupancy;

    /** Observation time of the reading the value comes from, epoch milliseconds. */
    public Long readingAtMs;

    /** Seconds from that reading to the slot's end. */
    public Integer readingAgeS;

    /** Readings observed within the slot. */
    public int readingsInSlot;

    public String status;

    public OccupancySlot() {}

    public boolean hasValue() {
        return OK.equals(status);
    }

    @Override
    public String toString() {
        return lotId + "@" + slotStartMs + " " + status + " free=" + freeSpots + "/" + capacity;
    }
}
