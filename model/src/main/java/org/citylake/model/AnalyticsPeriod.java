package org.citylake.model;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a batch job runs for, in one city's local time: {@code from} to {@code to}, both
 * included. Days start at local midnight, so a DST day lasts 23 or 25 hours.
 */
public record AnalyticsPeriod(String city, ZoneId zone, LocalDate from, LocalDate to)
        implements Serializable {

    public AnalyticsPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "the period ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The period in the city's own time zone, as registered. */
    public static AnalyticsPeriod of(City city, LocalDate from, LocalDate to) {
        return new AnalyticsPeriod(city.id(), city.zone(), from, to);
    }

    /** Local midnight starting {@code from}. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Local midnight ending {@code to} (exclusive). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The ISO weeks (Monday to Sunday) the period touches, as a period of whole weeks. */
    public AnalyticsPeriod wholeWeeks() {
        return new AnalyticsPeriod(city, zone, weekOf(from), weekOf(to).plusDays(6));
    }

    /** The Monday of the ISO week holding {@code day}. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Override
    public String toString() {
        return city + " " + from + (from.equals(to) ? "" : ".." + to);
    }
}
