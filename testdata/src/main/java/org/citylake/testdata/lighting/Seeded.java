package org.citylake.testdata.lighting;

/**
 * Deterministic random numbers: every value is a function of the seed and the numbers naming what
 * it is for (an OSM way, a lamp, a night, a field), never of a shared stream, so one value does not
 * change when others are added or removed.
 */
public final class Seeded {

    private Seeded() {}

    /** SplitMix64 over the seed and three numbers. */
    public static long mix(long seed, long a, long b, long c) {
        long z =
                seed * 0x9E3779B97F4A7C15L
                        + a * 0xBF58476D1CE4E5B9L
                        + b * 0x94D049BB133111EBL
                        + c * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public static double unit(long seed, long a, long b, long c) {
        return (mix(seed, a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public static double between(long seed, long a, long b, long c, double lo, double hi) {
        return lo + (hi - lo) * unit(seed, a, b, c);
    }
}
