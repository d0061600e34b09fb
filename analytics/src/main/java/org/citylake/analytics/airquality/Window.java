package org.citylake.analytics.airquality;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Target times {@code [from, to)} of one part of a protocol (train, validate or test): whole local
 * days {@code first..last} of the city.
 */
public record Window(LocalDate first, LocalDate last, long fromMs, long toMs)
        implements Serializable {

    public Window {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException(first + ".." + last + " is empty");
        }
    }

    /** The local days {@code first..last} (included) in {@code zone}. */
    public static Window of(LocalDate first, LocalDate last, ZoneId zone) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException(
                    first + ".." + last + ": the last day is before the first");
        }
        return new Window(
                first,
                last,
                first.atStartOfDay(zone).toInstant().toEpochMilli(),
                last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
    }

    /**
     * {@code A..B} (two ISO dates) in {@code zone}; the error names {@code option} and the form.
     */
    public static Window parse(String option, String text, ZoneId zone) {
        String[] parts = text.trim().split("\\.\\.");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("two dates expected");
            }
            return of(LocalDate.parse(parts[0].trim()), LocalDate.parse(parts[1].trim()), zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--"
                            + option
                            + " "
                            + text
                            + ": not a range of days FIRST..LAST, e.g. 2010-01-01..2012-12-31 ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    public boolean contains(long ms) {
        return ms >= fromMs && ms < toMs;
    }

    public Instant from() {
        return Instant.ofEpochMilli(fromMs);
    }

    public Instant to() {
        return Instant.ofEpochMilli(toMs);
    }

    public boolean overlaps(Window other) {
        return fromMs < other.toMs && other.fromMs < toMs;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
