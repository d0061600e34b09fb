package org.citylake.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Local wall-clock times: the one rule that turns a source's local time into an instant in a zone
 * (a city's zone comes from the registry, {@link City#zone()}), and the reading and writing of such
 * times.
 *
 * <p>The source data sets write local times without an offset. Twice a year such a time is not
 * unique:
 *
 * <ul>
 *   <li><b>Gap</b> (clocks go forward): the local time never happened. It is moved forward by the
 *       length of the gap, in the offset after the transition: {@code 2014-03-30 02:30} in
 *       Europe/Copenhagen becomes {@code 2014-03-30T03:30+02:00}. This is what {@link
 *       ZonedDateTime#of} does.
 *   <li><b>Overlap</b> (clocks go back): the local time happened twice. The earlier offset (the
 *       first occurrence, still summer time) is taken: {@code 2014-10-26 02:30} becomes {@code
 *       2014-10-26T02:30+02:00}. When the caller knows the previous reading of the same sensor, in
 *       the order the sensor sent them, and the first occurrence would lie before that reading, the
 *       later offset (the second occurrence) is taken instead, so a sensor's readings never run
 *       backwards: after {@code 02:58+02:00}, a reading stamped {@code 02:28} is {@code
 *       02:28+01:00}.
 * </ul>
 *
 * Both rules depend only on their arguments, so a conversion is repeatable.
 */
public final class LocalTimes {

    /** ISO-8601 with offset; fractional seconds only when present ({@code 09:09:04.145+02:00}). */
    public static final DateTimeFormatter ISO_WITH_OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** {@code 2014-08-18T00:05:00}, {@code 2014-05-22 09:09:04.145}, {@code 2016-08-09 15:46}. */
    private static final DateTimeFormatter LOCAL =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .toFormatter(Locale.ROOT)
                    .withChronology(IsoChronology.INSTANCE)
                    .withResolverStyle(ResolverStyle.STRICT);

    private LocalTimes() {}

    /** Local time to offset time, gaps and overlaps resolved as described in the class comment. */
    public static OffsetDateTime resolve(LocalDateTime local, ZoneId zone) {
        return resolve(local, zone, null);
    }

    /**
     * Local time to offset time; in an overlap, takes the second occurrence when the first would
     * lie before {@code previous}.
     *
     * @param previous the instant of the same sensor's previous reading, in sending order, or null
     */
    public static OffsetDateTime resolve(LocalDateTime local, ZoneId zone, Instant previous) {
        ZonedDateTime first = ZonedDateTime.ofLocal(local, zone, null);
        if (previous != null
                && zone.getRules().getValidOffsets(local).size() == 2
                && first.toInstant().isBefore(previous)) {
            return first.withLaterOffsetAtOverlap().toOffsetDateTime();
        }
        return first.toOffsetDateTime();
    }

    /**
     * Reads a local date-time written {@code yyyy-MM-dd} then {@code T} or a space, then {@code
     * HH:mm[:ss[.fraction]]}; empty when the text is not one or names no real day (30 February).
     */
    public static Optional<LocalDateTime> parseLocal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.trim(), LOCAL));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(OffsetDateTime time) {
        return ISO_WITH_OFFSET.format(time);
    }
}
