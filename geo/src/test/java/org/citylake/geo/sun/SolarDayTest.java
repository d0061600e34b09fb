package org.citylake.geo.sun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SolarDayTest {

    private static final ZoneId MONACO = ZoneId.of("Europe/Monaco");

    @Test
    void agreesWithTheNoaaSunriseEquationThroughTheYear() {
        // Oracle: the NOAA general solar position equations (Fourier series for declination and
        // equation of time, written here, not the library's). The series drift up to ~3.5 min
        // from an ephemeris in winter at 56° N; the almanac test pins the minutes.
        String[] zones = {"Europe/Monaco", "Europe/Copenhagen", "Australia/Sydney"};
        double[][] places = {{43.7384, 7.4246}, {56.1535, 10.2039}, {-33.87, 151.21}};
        for (int p = 0; p < places.length; p++) {
            double[] place = places[p];
            for (int d = 0; d < 365; d += 7) {
                LocalDate date = LocalDate.of(2025, 1, 1).plusDays(d);
                SolarDay night = SolarDay.of(date, place[0], place[1], ZoneId.of(zones[p]));
                Instant set = noaa(date, place[0], place[1], +1);
                Instant rise = noaa(date.plusDays(1), place[0], place[1], -1);
                assertThat(Duration.between(set, night.sunset()).abs())
                        .as("sunset %s at %s", date, place[0])
                        .isLessThan(Duration.ofMinutes(4));
                assertThat(Duration.between(rise, night.sunrise()).abs())
                        .as("sunrise after %s at %s", date, place[0])
                        .isLessThan(Duration.ofMinutes(4));
            }
        }
    }

    @Test
    void aLightingDayRunsFromNoonToNoon() {
        assertThat(SolarDay.lightingDate(Instant.parse("2025-06-22T01:00:00Z"), MONACO))
                .isEqualTo(LocalDate.of(2025, 6, 21));
        assertThat(SolarDay.lightingDate(Instant.parse("2025-06-22T10:30:00Z"), MONACO))
                .isEqualTo(LocalDate.of(2025, 6, 22));
        // DST day (clocks forward at 02:00 on 2025-03-30): 12:00-12:59 CEST starts night 30, not
        // 29 (12 hours back on the instant time-line would give 23:00 CET on the 29th)
        assertThat(SolarDay.lightingDate(Instant.parse("2025-03-30T10:15:00Z"), MONACO))
                .isEqualTo(LocalDate.of(2025, 3, 30));
        assertThat(SolarDay.lightingDate(Instant.parse("2025-03-30T09:45:00Z"), MONACO))
                .isEqualTo(LocalDate.of(2025, 3, 29));
        // autumn (back at 03:00 on 2025-10-26): 11:30 CET is still night 25
        assertThat(SolarDay.lightingDate(Instant.parse("2025-10-26T10:30:00Z"), MONACO))
                .isEqualTo(LocalDate.of(2025, 10, 25));
        SolarDay night = SolarDay.of(LocalDate.of(2025, 12, 21), 43.7384, 7.4246, MONACO);
        assertThat(night.nightHours()).isBetween(14.5, 15.5);
        assertThat(night.isNight(Instant.parse("2025-12-21T23:00:00Z"))).isTrue();
        assertThat(night.isNight(Instant.parse("2025-12-21T12:00:00Z"))).isFalse();
    }

    @Test
    void polarNightsAndDaysAreWholeOrEmpty() {
        SolarDay midsummer =
                SolarDay.of(
                        LocalDate.of(2025, 6, 21), 78.22, 15.65, ZoneId.of("Arctic/Longyearbyen"));
        assertThat(midsummer.nightHours()).isZero();
        SolarDay midwinter =
                SolarDay.of(
                        LocalDate.of(2025, 12, 21), 78.22, 15.65, ZoneId.of("Arctic/Longyearbyen"));
        assertThat(midwinter.nightHours()).isEqualTo(24.0);
    }

    private static Instant noaa(LocalDate day, double lat, double lon, int sign) {
        // Once at noon UTC, then again with the sun taken at the time found.
        double minutes = noaaMinutesUtc(day, lat, lon, sign, 720);
        minutes = noaaMinutesUtc(day, lat, lon, sign, minutes);
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(Math.round(minutes * 60));
    }

    private static double noaaMinutesUtc(
            LocalDate day, double lat, double lon, int sign, double atMinutes) {
        double gamma = 2 * Math.PI / 365 * (day.getDayOfYear() - 1 + (atMinutes / 60 - 12) / 24);
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
                Math.cos(Math.toRadians(90.833)) / (Math.cos(phi) * Math.cos(decl))
                        - Math.tan(phi) * Math.tan(decl);
        double ha = Math.toDegrees(Math.acos(cosHa));
        return 720 - 4 * (lon - sign * ha) - eqTime;
    }
}
