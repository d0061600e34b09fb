package org.citylake.ingest.dedup;

import java.util.Arrays;

/**
 * The observation times (epoch microseconds) already accepted for one sensor, within a horizon
 * behind the newest one: a sorted array of longs that readings arriving in time order append to.
 *
 * <p>One compact object per sensor instead of one state entry per reading keeps checkpoints small
 * and cheap: a checkpoint writes a few long arrays, not millions of string keys.
 */
public final class SeenTimes {

    private long[] times;
    private int size;

    public SeenTimes() {
        this(new long[16], 0);
    }

    SeenTimes(long[] times, int size) {
        this.times = times;
        this.size = size;
    }

    /** Starts from times already known (sorted or not); duplicates among them are merged. */
    public static SeenTimes of(long[] known) {
        long[] sorted = Arrays.copyOf(known, Math.max(16, known.length));
        Arrays.sort(sorted, 0, known.length);
        int n = 0;
        for (int i = 0; i < known.length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        return new SeenTimes(sorted, n);
    }

    /** What {@link #accept} decided. */
    public enum Outcome {
        /** First time seen: remembered. */
        NEW,
        /** Seen before. */
        DUPLICATE,
        /** Older than the horizon behind the newest time: let through, not remembered. */
        BEYOND_HORIZON
    }

    /**
     * Records {@code micros} unless already present. Times older than {@code newest − horizon} are
     * forgotten, and such a time is let through unchecked: the horizon bounds the state per sensor.
     */
    public Outcome accept(long micros, long horizonMicros) {
        if (size > 0 && micros < times[size - 1] - horizonMicros) {
            return Outcome.BEYOND_HORIZON;
        }
        if (size == 0 || micros > times[size - 1]) {
            append(micros);
            forgetBefore(micros - horizonMicros);
            return Outcome.NEW;
        }
        int at = Arrays.binarySearch(times, 0, size, micros);
        if (at >= 0) {
            return Outcome.DUPLICATE;
        }
        insert(-at - 1, micros);
        return Outcome.NEW;
    }

    public int size() {
        return size;
    }

    long get(int i) {
        return times[i];
    }

    private void append(long micros) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = micros;
    }

    private void insert(int at, long micros) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        times[at] = micros;
        size++;
    }

    /** Drops times before {@code cutoff}; shifts only once a quarter of the array is stale. */
    private void forgetBefore(long cutoff) {
        if (times[0] >= cutoff) {
            return;
        }
        int keepFrom = Arrays.binarySearch(times, 0, size, cutoff);
        keepFrom = keepFrom >= 0 ? keepFrom : -keepFrom - 1;
        if (keepFrom * 4 < size && size < times.length) {
            return;
        }
        System.arraycopy(times, keepFrom, times, 0, size - keepFrom);
        size -= keepFrom;
    }

    SeenTimes copy() {
        return new SeenTimes(Arrays.copyOf(times, Math.max(size, 16)), size);
    }
}
