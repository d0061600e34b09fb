package org.citylake.bench.cityday;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.citylake.model.LocalTimes;

/**
 * The reporting slots of one local day in a city: slot {@code i} starts at local midnight plus
 * {@code i} slot lengths. Start times are pre-formatted as the converters write them (ISO-8601 with
 * the city's offset), once per slot instead of once per reading.
 */
public final class DaySlots {

    private final Instant[] starts;
    private final String[] text;

    public DaySlots(LocalDate day, ZoneId zone, Duration slot) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        int n = (int) (Duration.between(from, to).toSeconds() / slot.toSeconds());
        starts = new Instant[n + 1];
        text = new String[n + 1];
        for (int i = 0; i <= n; i++) {
            starts[i] = from.plus(slot.multipliedBy(i));
            text[i] =
                    LocalTimes.format(ZonedDateTime.ofInstant(starts[i], zone).toOffsetDateTime());
        }
    }

    /** Slots of the day (a day of 24 hours has 1,440 one-minute slots). */
    public int count() {
        return starts.length - 1;
    }

    /** Start of slot {@code i}; {@code i = count()} is the end of the day. */
    public Instant start(int i) {
        return starts[i];
    }

    /** Start of slot {@code i}, as written in a reading. */
    public String text(int i) {
        return text[i];
    }
}
