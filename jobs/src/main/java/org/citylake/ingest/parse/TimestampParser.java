package org.citylake.ingest.parse;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reads the ISO-8601 timestamps and intervals of NGSI payloads.
 *
 * <ul>
 *   <li>With an offset ({@code Z}, {@code +05:30}, {@code +0530}, {@code +05}) the instant is exact.
 *   <li>Without one ({@code 2016-03-15T11:00:00}) it is local time in the city's zone. In the
 *       autumn overlap the earlier instant is taken; a time in the spring gap is moved forward by
 *       the gap, as {@link java.time.ZonedDateTime#of} does.
 *   <li>An interval is {@code start/end}, {@code start/duration} or {@code duration/end}, with
 *       durations like {@code PT5M} (days and smaller units only).
 * </ul>
 *
 * Every method returns null for text it cannot read, so callers choose the rejection.
 */
final class TimestampParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter ISO =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .optionalStart()
                    .parseLenient()
                    .appendOffset("+HH", "Z")
                    .parseStrict()
                    .optionalEnd()
                    .toFormatter()
                    .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId cityZone;

    TimestampParser(ZoneId cityZone) {
        this.cityZone = cityZone;
    }

    ZoneId cityZone() {
        return cityZone;
    }

    /** The instant {@code text} denotes, or null when it is not an ISO-8601 date-time. */
    Instant instant(String text) {
        TemporalAccessor parsed;
        try {
            parsed = ISO.parse(text.trim());
        } catch (DateTimeException notIso) {
            return null;
        }
        LocalDateTime local = LocalDateTime.from(parsed);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return local.toInstant(
                    ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)));
        }
        return local.atZone(cityZone).toInstant();
    }

    /**
     * The instant or interval {@code text} denotes, or null when it is neither. A {@code /} makes it
     * an interval; otherwise the end is null.
     */
    TimeInterval instantOrInterval(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            Instant at = instant(text);
            return at == null ? null : new TimeInterval(at, null);
        }
        String first = text.substring(0, slash).trim();
        String second = text.substring(slash + 1).trim();
        if (isDuration(first)) {
            Duration length = duration(first);
            Instant end = instant(second);
            return length == null || end == null
                    ? null
                    : new TimeInterval(end.minus(length), end);
        }
        Instant start = instant(first);
        if (start == null) {
            return null;
        }
        if (isDuration(second)) {
            Duration length = duration(second);
            return length == null ? null : new TimeInterval(start, start.plus(length));
        }
        Instant end = instant(second);
        return end == null ? null : new TimeInterval(start, end);
    }

    private static boolean isDuration(String text) {
        return !text.isEmpty() && (text.charAt(0) == 'P' || text.charAt(0) == 'p');
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeException notIso) {
            return null;
        }
    }
}
