package org.citylake.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The days a report covers: one day, or the ISO week (Monday first) holding the date, as the
 * congestion rankings' {@code period_kind} names them.
 *
 * @param kind {@code day} or {@code week}
 * @param from first day, city time
 * @param until day after the last day (exclusive)
 */
public record ReportPeriod(String kind, LocalDate from, LocalDate until) {

    public static final String DAY = "day";
    public static final String WEEK = "week";

    /** The period of {@code kind} holding {@code date}. */
    public static ReportPeriod of(String kind, LocalDate date) {
        String k = kind == null ? DAY : kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case DAY -> new ReportPeriod(DAY, date, date.plusDays(1));
            case WEEK -> {
                LocalDate monday = date.with(DayOfWeek.MONDAY);
                yield new ReportPeriod(WEEK, monday, monday.plusWeeks(1));
            }
            default ->
                    throw new IllegalArgumentException(
                            "--period " + kind + " is not a report period: use day or week");
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(until);
    }

    /** e.g. {@code 2014-08-18} or {@code week 2014-08-18 .. 2014-08-24}. */
    public String label() {
        return DAY.equals(kind) ? from.toString() : "week " + from + " .. " + until.minusDays(1);
    }
}
