package org.citylake.analytics.parking;

/**
 * One reading of {@code clean.parking}, the columns the parking job needs. A Flink POJO (public
 * fields, no-argument constructor).
 *
 * <p>A reading without {@code availableSpots} carries no value. The job sends one such reading per
 * lot of {@code ref.parking_lots} ({@link #lotMarker}), so a garage that reported nothing in the
 * period still gets its (empty) slots instead of vanishing.
 */
public final class ParkingReading {

    public String lotId;

    /** Observation time, epoch milliseconds. */
    public long observedAtMs;

    /** Capacity as reported, spots, or null. */
    public Integer totalSpots;

    /** Free spots as reported, or null (no value). */
    public Integer availableSpots;

    public ParkingReading() {}

    public ParkingReading(
            String lotId, long observedAtMs, Integer totalSpots, Integer availableSpots) {
        this.lotId = lotId;
        this.observedAtMs = observedAtMs;
        this.totalSpots = totalSpots;
        this.availableSpots = availableSpots;
    }

    /** A reading with no value that only makes the lot known to the job. */
    public static ParkingReading lotMarker(String lotId) {
        return new ParkingReading(lotId, Long.MIN_VALUE, null, null);
    }

    boolean hasValue() {
        return availableSpots != null;
    }

    @Override
    public String toString() {
        return lotId + "@" + observedAtMs + " free=" + availableSpots + "/" + totalSpots;
    }
}
