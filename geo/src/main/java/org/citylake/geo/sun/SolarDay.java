package org.citylake.geo.sun;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.shredzone.commons.suncalc.SunTimes;

/**
 * Sunset on a local date and the sunrise that ends the night after it, at a position: the window a
 * photocell-switched street lamp burns. Computed with commons-suncalc (apparent sunrise and sunset:
 * the sun's upper limb on the horizon, standard refraction), the convention almanacs publish.
 *
 * <p>A lighting day runs from local noon to the next local noon and is named after its first date
 * ({@link #lightingDate}): the evening of {@code D}, the night and the morning of {@code D+1} are
 * one "night {@code D}". Where the sun does not set or rise (polar day or night) the window is
 * empty or spans the whole lighting day.
 *
 * @param date the local date the night starts on
 * @param sunset sunset on {@code date}
 * @param sunrise the first sunrise after {@code sunset}
 */
public record SolarDay(LocalDate date, Instant sunset, Instant sunrise) {

    /** The night that starts on local {@code date} at ({@code lat}, {@code lon}). */
    public static SolarDay of(LocalDate date, double lat, double lon, ZoneId zone) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException(
                    "position out of range: lat " + lat + ", lon " + lon + " (WGS84 degrees)");
        }
        ZonedDateTime noon = date.atTime(12, 0).atZone(zone);
        ZonedDateTime nextNoon = date.plusDays(1).atTime(12, 0).atZone(zone);
        SunTimes times =
                SunTimes.compute()
                        .on(noon)
                        .at(lat, lon)
                        .limit(java.time.Duration.ofHours(24))
                        .execute();
        if (times.isAlwaysUp()) {
            return new SolarDay(date, nextNoon.toInstant(), nextNoon.toInstant());
        }
        if (times.isAlwaysDown()) {
            return new SolarDay(date, noon.toInstant(), nextNoon.toInstant());
        }
        Instant set = times.getSet() == null ? noon.toInstant() : times.getSet().toInstant();
        SunTimes after = SunTimes.compute().on(set.atZone(zone)).at(lat, lon).execute();
        Instant rise =
                after.getRise() == null || after.getRise().isAfter(nextNoon)
                        ? nextNoon.toInstant()
                        : after.getRise().toInstant();
        return new SolarDay(date, set, rise);
    }

    /**
     * The lighting day an instant belongs to: its local date from local noon on, the day before
     * until then. On a DST day the lighting day is 23 or 25 hours; it still ends at local noon.
     */
    public static LocalDate lightingDate(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        return local.getHour() < 12 ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** Whether the sun is down at {@code t} (within this night's window). */
    public boolean isNight(Instant t) {
        return !t.isBefore(sunset) && t.isBefore(sunrise);
    }

    /** Hours from sunset to sunrise. */
    public double nightHours() {
        return java.time.Duration.between(sunset, sunrise).toMillis() / 3_600_000.0;
    }
}
