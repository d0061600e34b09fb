package org.citylake.analytics.parking;

import java.io.Serializable;
import java.time.Duration;

/**
 * The parking job's knobs.
 *
 * @param maxAge a slot takes the last reading before its end only when that reading is at most this
 *     old at the slot's end; older, the slot is {@code stale} and has no value
 * @param fullShare occupancy above which a garage counts as (nearly) full, 0..1
 * @param testDays the last days of the period held back to test the forecast; the days before them
 *     train it
 * @param minSamples fewest training pairs a (day type, time of day) cell needs before its mean
 *     change is used; below that the time of day over all day types, then no change
 * @param frozenAfter readings that repeat the same free-spot count for at least this long are taken
 *     as a stuck sensor ({@code frozen}) and give no value
 */
public record ParkingSettings(
        Duration maxAge, double fullShare, int testDays, int minSamples, Duration frozenAfter)
        implements Serializable {

    /** Slot length: occupancy is given per 15 minutes. */
    public static final Duration SLOT = Duration.ofMinutes(15);

    /** Forecast horizon: free spots one hour ahead. */
    public static final Duration HORIZON = Duration.ofMinutes(60);

    public ParkingSettings {
        if (maxAge.compareTo(SLOT) < 0) {
            throw new IllegalArgumentException(
                    "maximum reading age " + maxAge + " is shorter than a slot (" + SLOT + ")");
        }
        if (fullShare <= 0 || fullShare > 1) {
            throw new IllegalArgumentException(
                    "full share " + fullShare + " is not a share of capacity in (0, 1]");
        }
        if (testDays < 1) {
            throw new IllegalArgumentException("test days " + testDays + ": need at least 1");
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("min samples " + minSamples + ": need at least 1");
        }
        if (frozenAfter.compareTo(maxAge) <= 0) {
            throw new IllegalArgumentException(
                    "frozen-sensor time "
                            + frozenAfter
                            + " must be longer than the maximum reading age "
                            + maxAge);
        }
    }

    /** 60 minutes, 90 %, the last 7 days, 3 samples, frozen after 24 hours. */
    public static ParkingSettings defaults() {
        return new ParkingSettings(Duration.ofMinutes(60), 0.9, 7, 3, Duration.ofHours(24));
    }

    public ParkingSettings withMaxAge(Duration age) {
        return new ParkingSettings(age, fullShare, testDays, minSamples, frozenAfter);
    }

    public ParkingSettings withTestDays(int days) {
        return new ParkingSettings(maxAge, fullShare, days, minSamples, frozenAfter);
    }

    public ParkingSettings withFrozenAfter(Duration frozen) {
        return new ParkingSettings(maxAge, fullShare, testDays, minSamples, frozen);
    }

    /** {@code occupied / capacity > fullShare}, decided on whole spots (no rounding at 90 %). */
    public boolean isFull(int occupied, int capacity) {
        return capacity > 0 && occupied > fullShare * capacity + 1e-9;
    }

    /** Slots per horizon (4). */
    public static int horizonSlots() {
        return (int) (HORIZON.toMinutes() / SLOT.toMinutes());
    }
}
