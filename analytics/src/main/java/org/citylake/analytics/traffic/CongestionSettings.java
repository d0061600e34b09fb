package org.citylake.analytics.traffic;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The knobs of the congestion index, with the defaults of DESIGN §5: INRIX peak hours (weekdays
 * 06–10 and 15–19), a plausibility cap of TTI 10, and night 22:00–05:00 with its 85th-percentile
 * speed as the free flow where the network gives none.
 *
 * @param peakDays days whose peak hours count
 * @param peakHours half-open hour ranges {@code [start, end)} of local time
 * @param ttiCap readings with a raw TTI above it are outliers
 * @param nightStartHour first night hour (local)
 * @param nightEndHour first hour after the night (local)
 * @param nightPercentile percentile of night speeds taken as free-flow speed
 * @param minNightReadings fewer night readings than this give no night free flow
 * @param minPeakReadings a scope with fewer peak readings (with vehicles) than this is not ranked:
 *     a handful of vehicles says little about a road
 */
public record CongestionSettings(
        Set<DayOfWeek> peakDays,
        List<HourRange> peakHours,
        double ttiCap,
        int nightStartHour,
        int nightEndHour,
        double nightPercentile,
        int minNightReadings,
        int minPeakReadings)
        implements Serializable {

    /** Hours {@code [start, end)} of a day, 0..24. */
    public record HourRange(int start, int end) implements Serializable {
        public HourRange {
            if (start < 0 || end > 24 || start >= end) {
                throw new IllegalArgumentException(
                        "peak hours " + start + "-" + end + ": need 0 <= start < end <= 24");
            }
        }

        boolean contains(int hour) {
            return hour >= start && hour < end;
        }
    }

    public CongestionSettings {
        peakDays = peakDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(peakDays);
        peakHours = List.copyOf(peakHours);
        if (ttiCap <= 1) {
            throw new IllegalArgumentException("the TTI cap must be above 1, got " + ttiCap);
        }
    }

    public static CongestionSettings defaults() {
        return new CongestionSettings(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new HourRange(6, 10), new HourRange(15, 19)),
                10.0,
                22,
                5,
                0.85,
                12,
                12);
    }

    public CongestionSettings withPeakHours(List<HourRange> hours) {
        return new CongestionSettings(
                peakDays,
                hours,
                ttiCap,
                nightStartHour,
                nightEndHour,
                nightPercentile,
                minNightReadings,
                minPeakReadings);
    }

    public CongestionSettings withPeakDays(Set<DayOfWeek> days) {
        return new CongestionSettings(
                days,
                peakHours,
                ttiCap,
                nightStartHour,
                nightEndHour,
                nightPercentile,
                minNightReadings,
                minPeakReadings);
    }

    public CongestionSettings withTtiCap(double cap) {
        return new CongestionSettings(
                peakDays,
                peakHours,
                cap,
                nightStartHour,
                nightEndHour,
                nightPercentile,
                minNightReadings,
                minPeakReadings);
    }

    public CongestionSettings withMinPeakReadings(int readings) {
        return new CongestionSettings(
                peakDays,
                peakHours,
                ttiCap,
                nightStartHour,
                nightEndHour,
                nightPercentile,
                minNightReadings,
                readings);
    }

    /** Is a window starting at this local time a peak window? */
    public boolean isPeak(LocalDateTime local) {
        if (!peakDays.contains(local.getDayOfWeek())) {
            return false;
        }
        int hour = local.getHour();
        return peakHours.stream().anyMatch(r -> r.contains(hour));
    }

    public boolean isNight(int localHour) {
        return nightStartHour > nightEndHour
                ? localHour >= nightStartHour || localHour < nightEndHour
                : localHour >= nightStartHour && localHour < nightEndHour;
    }

    /** {@code "06-10,15-19"} → hour ranges. */
    public static List<HourRange> parseHours(String text) {
        return java.util.Arrays.stream(text.split(","))
                .map(String::trim)
                .map(
                        part -> {
                            String[] ends = part.split("-");
                            if (ends.length != 2) {
                                throw new IllegalArgumentException(
                                        "peak hours '"
                                                + part
                                                + "': expected START-END, e.g. 06-10");
                            }
                            return new HourRange(
                                    Integer.parseInt(ends[0].trim()),
                                    Integer.parseInt(ends[1].trim()));
                        })
                .toList();
    }

    /** {@code "MON-FRI"} or {@code "MON,TUE,SAT"} → days. */
    public static Set<DayOfWeek> parseDays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
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

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(t) && t.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a day (MON, TUE, ... SUN)");
    }
}
