package org.citylake.geo.osm;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the OSM tag values a street's lighting depends on. A value that cannot be read is absent,
 * never an error: OSM tags are free text.
 */
public final class OsmTags {

    /** A number, a decimal point or comma allowed, then an optional unit. */
    private static final Pattern WIDTH =
            Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(m|meters?|metres?|ft|feet|')?");

    /** Feet and inches, {@code 10'6"}. */
    private static final Pattern FEET_INCHES = Pattern.compile("(\\d+)\\s*'\\s*(\\d+)\\s*\"");

    private OsmTags() {}

    /**
     * The {@code width} tag in metres: {@code 7}, {@code 7.5}, {@code 7,5}, {@code 7 m}, {@code
     * 7m}, {@code 7 metres}, {@code 24 ft}, {@code 24'}, {@code 10'6"}; absent for anything else
     * ({@code narrow}, {@code 5-7}, {@code 6;8}), for 0 and for null.
     */
    public static OptionalDouble widthMeters(String tag) {
        if (tag == null) {
            return OptionalDouble.empty();
        }
        String text = tag.trim().toLowerCase(Locale.ROOT);
        Matcher feetInches = FEET_INCHES.matcher(text);
        if (feetInches.matches()) {
            double feet =
                    Integer.parseInt(feetInches.group(1))
                            + Integer.parseInt(feetInches.group(2)) / 12.0;
            return positive(feet * 0.3048);
        }
        Matcher m = WIDTH.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(m.group(1).replace(',', '.'));
        String unit = m.group(2);
        if (unit != null && (unit.equals("ft") || unit.equals("feet") || unit.equals("'"))) {
            value *= 0.3048;
        }
        return positive(value);
    }

    /** The {@code lanes} tag when it is a positive whole number ({@code 2}); else absent. */
    public static OptionalInt lanes(String tag) {
        if (tag == null) {
            return OptionalInt.empty();
        }
        String text = tag.trim();
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int lanes = Integer.parseInt(text);
        return lanes > 0 ? OptionalInt.of(lanes) : OptionalInt.empty();
    }

    private static OptionalDouble positive(double metres) {
        return metres > 0 && Double.isFinite(metres)
                ? OptionalDouble.of(metres)
                : OptionalDouble.empty();
    }
}
