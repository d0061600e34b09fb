package org.citylake.model;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a city calls its peak and its night, kept in the city registry ({@code ref.cities}) beside
 * its zone. The defaults are those of DESIGN §5: INRIX peak hours on weekdays (06–10 and 15–19) and
 * the night 22:00–05:00, whose speeds give the free flow where the road network gives none.
 *
 * @param peakDays days whose peak hours count, at least one
 * @param peakHours half-open local hour ranges, at least one
 * @param nightStartHour first night hour, local, 0..23
 * @param nightEndHour first hour after the night, local, 0..23; below the start when the night
 *     spans midnight
 */
public record CityPolicy(
        Set<DayOfWeek> peakDays, List<HourRange> peakHours, int nightStartHour, int nightEndHour)
        implements Serializable {

    public static final String DEFAULT_PEAK_DAYS = "MON-FRI";
    public static final String DEFAULT_PEAK_HOURS = "06-10,15-19";
    public static final String DEFAULT_NIGHT_HOURS = "22-05";

    public CityPolicy {
        if (peakDays.isEmpty()) {
            throw new IllegalArgumentException("peak days: name at least one day, e.g. MON-FRI");
        }
        if (peakHours.isEmpty()) {
            throw new IllegalArgumentException("peak hours: name at least one range, e.g. 06-10");
        }
        peakDays = EnumSet.copyOf(peakDays);
        peakHours = List.copyOf(peakHours);
        if (nightStartHour < 0
                || nightStartHour > 23
                || nightEndHour < 0
                || nightEndHour > 23
                || nightStartHour == nightEndHour) {
            throw new IllegalArgumentException(
                    "night hours "
                            + nightStartHour
                            + "-"
                            + nightEndHour
                            + ": need two different hours 0..23, e.g. 22-05");
        }
    }

    /** MON-FRI, 06-10 and 15-19, night 22-05. */
    public static CityPolicy defaults() {
        return parse(DEFAULT_PEAK_DAYS, DEFAULT_PEAK_HOURS, DEFAULT_NIGHT_HOURS);
    }

    /**
     * The policy written as text, each part defaulted when null or blank: {@code "MON-FRI"}, {@code
     * "06-10,15-19"}, {@code "22-05"}.
     */
    public static CityPolicy parse(String peakDays, String peakHours, String nightHours) {
        int[] night = HourRange.parsePair(orDefault(nightHours, DEFAULT_NIGHT_HOURS));
        return new CityPolicy(
                parseDays(orDefault(peakDays, DEFAULT_PEAK_DAYS)),
                HourRange.parseList(orDefault(peakHours, DEFAULT_PEAK_HOURS)),
                night[0],
                night[1]);
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    /** Is a window starting at this local time a peak window? */
    public boolean isPeak(LocalDateTime local) {
        return peakDays.contains(local.getDayOfWeek())
                && peakHours.stream().anyMatch(r -> r.contains(local.getHour()));
    }

    public boolean isNight(int localHour) {
        return nightStartHour > nightEndHour
                ? localHour >= nightStartHour || localHour < nightEndHour
                : localHour >= nightStartHour && localHour < nightEndHour;
    }

    /** {@code "MON-FRI"}: runs of consecutive days as ranges, what {@link #parseDays} reads. */
    public String peakDaysText() {
        return formatDays(peakDays);
    }

    /** {@code "06-10,15-19"}. */
    public String peakHoursText() {
        return HourRange.format(peakHours);
    }

    /** {@code "22-05"}. */
    public String nightHoursText() {
        return String.format(Locale.ROOT, "%02d-%02d", nightStartHour, nightEndHour);
    }

    /** {@code "MON-FRI"} or {@code "MON,TUE,SAT"} or {@code "FRI-MON"} → days. */
    public static Set<DayOfWeek> parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no days given; expected e.g. MON-FRI or SAT,SUN");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length > 2) {
                throw new IllegalArgumentException(
                        "days '" + part.trim() + "': expected DAY or DAY-DAY, e.g. MON-FRI");
            }
            DayOfWeek first = day(ends[0]);
            DayOfWeek last = ends.length > 1 ? day(ends[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    /** Days as runs from Monday: {@code MON-FRI}, {@code MON,WED-THU}, {@code MON-SUN}. */
    public static String formatDays(Set<DayOfWeek> days) {
        List<String> runs = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        int i = 0;
        while (i < all.length) {
            if (!days.contains(all[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < all.length && days.contains(all[j + 1])) {
                j++;
            }
            runs.add(
                    j == i
                            ? abbreviation(all[i])
                            : abbreviation(all[i]) + "-" + abbreviation(all[j]));
            i = j + 1;
        }
        return String.join(",", runs);
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "'" + text.trim() + "' is not a day (MON, TUE, ... SUN)");
    }
}
