package org.citylake.bench.lighting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Sunrise and sunset by the NOAA sunrise equation (solar declination and equation of time from the
 * day of the year; official zenith 90.833° for refraction and the solar disc). Good to a minute or
 * two at mid latitudes, which is what a photocell does anyway.
 */
final class Sun {

    private static final double ZENITH = 90.833;

    private Sun() {}

    static Instant sunrise(LocalDate day, double lat, double lon) {
        return at(day, lat, lon, -1);
    }

    static Instant sunset(LocalDate day, double lat, double lon) {
        return at(day, lat, lon, 1);
    }

    /** {@code sign} −1 for sunrise, +1 for sunset; UTC instant on {@code day}. */
    private static Instant at(LocalDate day, double lat, double lon, int sign) {
        double gamma = 2 * Math.PI / 365 * (day.getDayOfYear() - 1);
        double eqTime =
                229.18
                        * (0.000075
                                + 0.001868 * Math.cos(gamma)
                                - 0.032077 * Math.sin(gamma)
                                - 0.014615 * Math.cos(2 * gamma)
                                - 0.040849 * Math.sin(2 * gamma));
        double decl =
                0.006918
                        - 0.399912 * Math.cos(gamma)
                        + 0.070257 * Math.sin(gamma)
                        - 0.006758 * Math.cos(2 * gamma)
                        + 0.000907 * Math.sin(2 * gamma)
                        - 0.002697 * Math.cos(3 * gamma)
                        + 0.00148 * Math.sin(3 * gamma);
        double phi = Math.toRadians(lat);
        double cosHa =
                Math.cos(Math.toRadians(ZENITH)) / (Math.cos(phi) * Math.cos(decl))
                        - Math.tan(phi) * Math.tan(decl);
        double ha = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosHa))));
        double minutesUtc = 720 - 4 * (lon - sign * ha) - eqTime;
        return day.atStartOfDay()
                .toInstant(ZoneOffset.UTC)
                .plusSeconds(Math.round(minutesUtc * 60));
    }
}
