package org.citylake.analytics.traffic;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.citylake.model.CityPolicy;
import org.citylake.model.HourRange;

/**
 * The knobs of the congestion index, with the defaults of DESIGN §5: INRIX peak hours (weekdays
 * 06–10 and 15–19), a plausibility cap of TTI 10, and night 22:00–05:00 with its 85th-percentile
 * speed as the free flow where the network gives none. Peak days and hours and the night are the
 * city's policy ({@link CityPolicy}, in {@code ref.cities}); {@link #of(CityPolicy)} takes them.
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

    public CongestionSettings {
        peakDays = peakDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(peakDays);
        peakHours = List.copyOf(peakHours);
        if (ttiCap <= 1) {
            throw new IllegalArgumentException("the TTI cap must be above 1, got " + ttiCap);
        }
    }

    /** The defaults of DESIGN §5, which are also a city's default policy. */
    public static CongestionSettings defaults() {
        return of(CityPolicy.defaults());
    }

    /** The city's peak days and hours and night, a TTI cap of 10, 12 night and peak readings. */
    public static CongestionSettings of(CityPolicy policy) {
        return new CongestionSettings(
                policy.peakDays(),
                policy.peakHours(),
                10.0,
                policy.nightStartHour(),
                policy.nightEndHour(),
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
}
