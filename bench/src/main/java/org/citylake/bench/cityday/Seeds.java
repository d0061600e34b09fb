package org.citylake.bench.cityday;

/**
 * Deterministic random numbers for the generators: every value is a function of the seed and the
 * numbers naming what it is for (sensor, slot, field), never of a shared random stream, so a
 * reading is the same whatever is generated before it.
 */
public final class Seeds {

    private Seeds() {}

    /** SplitMix64 over the seed and two numbers. */
    public static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) from the seed and two numbers. */
    public static double unit(long seed, long a, long b) {
        return (mix(seed, a, b) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi) from the seed and two numbers. */
    public static double between(long seed, long a, long b, double lo, double hi) {
        return lo + (hi - lo) * unit(seed, a, b);
    }

    /** {@code value} rounded to {@code decimals} places. */
    public static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
