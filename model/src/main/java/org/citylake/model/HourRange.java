package org.citylake.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Hours {@code [start, end)} of a local day, 0..24: {@code 06-10} is 06:00 to 09:59.
 *
 * @param start first hour
 * @param end first hour after the range
 */
public record HourRange(int start, int end) implements Serializable {

    public HourRange {
        if (start < 0 || end > 24 || start >= end) {
            throw new IllegalArgumentException(
                    "hours " + start + "-" + end + ": need 0 <= start < end <= 24, e.g. 06-10");
        }
    }

    public boolean contains(int hour) {
        return hour >= start && hour < end;
    }

    /** {@code "06-10,15-19"} → hour ranges. */
    public static List<HourRange> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "no hours given; expected START-END,..., e.g. 06-10");
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .map(
                        part -> {
                            int[] ends = parsePair(part);
                            return new HourRange(ends[0], ends[1]);
                        })
                .toList();
    }

    /** {@code [06-10, 15-19]} → {@code "06-10,15-19"}, what {@link #parseList} reads. */
    public static String format(List<HourRange> ranges) {
        return ranges.stream().map(HourRange::toString).collect(Collectors.joining(","));
    }

    /** {@code "22-05"} → {@code {22, 5}}; each a whole hour, 0..24. */
    static int[] parsePair(String part) {
        String[] ends = part.trim().split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException(
                    "hours '" + part + "': expected START-END, e.g. 06-10");
        }
        try {
            return new int[] {Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "hours '" + part + "': expected whole hours START-END, e.g. 06-10");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%02d-%02d", start, end);
    }
}
