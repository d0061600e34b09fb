package org.citylake.analytics.airquality;

import java.util.Locale;

/**
 * The HJ 633-2012 individual air quality index (IAQI) of a PM2.5 concentration, and its category.
 *
 * <p>Breakpoints (HJ 633-2012 table 1, PM2.5 24-hour mean, µg/m³ → IAQI):
 *
 * <pre>
 *   C   0   35   75  115  150  250  350  500
 *   I   0   50  100  150  200  300  400  500
 * </pre>
 *
 * Between two breakpoints {@code IAQI = (I_hi − I_lo) / (C_hi − C_lo) × (C − C_lo) + I_lo}, rounded
 * up to a whole number (HJ 633 §5: index results are rounded up, no decimals). Above 500 µg/m³ the
 * standard computes no IAQI: {@link #of} returns {@code null} and {@link #category} says "beyond
 * the index" (severely polluted). Here it is applied to hourly forecasts, as the Chinese real-time
 * AQI does.
 */
public final class Iaqi {

    /** Concentration breakpoints, µg/m³. */
    static final double[] CONCENTRATIONS = {0, 35, 75, 115, 150, 250, 350, 500};

    /** IAQI at each breakpoint. */
    static final int[] INDEXES = {0, 50, 100, 150, 200, 300, 400, 500};

    /** The six HJ 633 air quality categories (levels I..VI), by IAQI/AQI. */
    public enum Category {
        GOOD("I", "good", 50),
        MODERATE("II", "moderate", 100),
        LIGHTLY_POLLUTED("III", "lightly polluted", 150),
        MODERATELY_POLLUTED("IV", "moderately polluted", 200),
        HEAVILY_POLLUTED("V", "heavily polluted", 300),
        SEVERELY_POLLUTED("VI", "severely polluted", Integer.MAX_VALUE);

        private final String level;
        private final String label;
        private final int upTo;

        Category(String level, String label, int upTo) {
            this.level = level;
            this.label = label;
            this.upTo = upTo;
        }

        /** Roman level of HJ 633, I..VI. */
        public String level() {
            return level;
        }

        /** e.g. {@code lightly polluted}. */
        public String label() {
            return label;
        }
    }

    private Iaqi() {}

    /**
     * The IAQI of {@code pm25} µg/m³; {@code null} above 500 µg/m³ (beyond the index).
     *
     * @throws IllegalArgumentException when the concentration is negative or not a number
     */
    public static Integer of(double pm25) {
        if (Double.isNaN(pm25) || pm25 < 0) {
            throw new IllegalArgumentException(
                    "PM2.5 " + pm25 + " µg/m³ has no IAQI: a concentration is a number >= 0");
        }
        if (pm25 > CONCENTRATIONS[CONCENTRATIONS.length - 1]) {
            return null;
        }
        for (int i = 1; i < CONCENTRATIONS.length; i++) {
            if (pm25 <= CONCENTRATIONS[i]) {
                double lo = CONCENTRATIONS[i - 1];
                double hi = CONCENTRATIONS[i];
                double index =
                        (INDEXES[i] - INDEXES[i - 1]) / (hi - lo) * (pm25 - lo) + INDEXES[i - 1];
                // a hair of floating-point noise must not lift an exact breakpoint to the next
                return (int) Math.ceil(index - 1e-9);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The category of an IAQI; {@code null} (beyond the index) is severely polluted. */
    public static Category category(Integer iaqi) {
        if (iaqi == null) {
            return Category.SEVERELY_POLLUTED;
        }
        if (iaqi < 0) {
            throw new IllegalArgumentException("IAQI " + iaqi + " is negative");
        }
        for (Category c : Category.values()) {
            if (iaqi <= c.upTo) {
                return c;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The category of a PM2.5 concentration, µg/m³. */
    public static Category categoryOf(double pm25) {
        return category(of(pm25));
    }

    /** e.g. {@code III lightly polluted}. */
    public static String describe(Category category) {
        return String.format(Locale.ROOT, "%s %s", category.level(), category.label());
    }
}
