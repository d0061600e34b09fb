package org.citylake.ingest.parse;

/**
 * The values a measure may take, with the unit used in rejection details. Bounds are inclusive
 * unless built with {@link #open}.
 *
 * @param unit unit as shown after the value in a detail ({@code "km/h"}), empty for fractions
 */
record ValidRange(double min, boolean minOpen, double max, boolean maxOpen, String unit)
        implements java.io.Serializable {

    static ValidRange atLeast(double min, String unit) {
        return new ValidRange(min, false, Double.POSITIVE_INFINITY, false, unit);
    }

    static ValidRange closed(double min, double max, String unit) {
        return new ValidRange(min, false, max, false, unit);
    }

    /** Both bounds excluded: {@code min < v < max}. */
    static ValidRange open(double min, double max, String unit) {
        return new ValidRange(min, true, max, true, unit);
    }

    /**
     * Empty when {@code value} is valid, else what is wrong with it, e.g. {@code "is above 300"}.
     */
    String violation(double value) {
        if (minOpen ? value <= min : value < min) {
            return (minOpen ? "is not above " : "is below ") + bound(min);
        }
        if (maxOpen ? value >= max : value > max) {
            return (maxOpen ? "is not below " : "is above ") + bound(max);
        }
        return "";
    }

    private static String bound(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
