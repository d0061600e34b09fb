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
        // from an ephemeris in winter at 56° N; nearSolsticesInMonacoWithinTwoMinutes pins the
        // minutes with the Meeus series.
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
    void nearSolsticesInMonacoWithinTwoMinutes() {
        // Oracle: the low-precision solar coordinates of Meeus, Astronomical Algorithms ch. 25
        // (the series behind NOAA's solar calculator, good to well under a minute at mid
        // latitudes), with the almanac convention of the upper limb at -0.833°, written here.
        for (LocalDate date :
                new LocalDate[] {LocalDate.of(2025, 6, 21), LocalDate.of(2025, 12, 21)}) {
            SolarDay night = SolarDay.of(date, 43.7384, 7.4246, MONACO);
            Instant set = meeus(date, 43.7384, 7.4246, +1);
            Instant rise = meeus(date.plusDays(1), 43.7384, 7.4246, -1);
            assertThat(Duration.between(set, night.sunset()).abs())
                    .as("sunset in Monaco on %s: %s against %s", date, night.sunset(), set)
                    .isLessThan(Duration.ofMinutes(2));
            assertThat(Duration.between(rise, night.sunrise()).abs())
                    .as("sunrise in Monaco after %s: %s against %s", date, night.sunrise(), rise)
                    .isLessThan(Duration.ofMinutes(2));
        }
        // and the local clock: the December sunset is before 17:00 CET, the June one after 21:00
        // CEST
        SolarDay winter = SolarDay.of(LocalDate.of(2025, 12, 21), 43.7384, 7.4246, MONACO);
        SolarDay summer = SolarDay.of(LocalDate.of(2025, 6, 21), 43.7384, 7.4246, MONACO);
        assertThat(winter.sunset().atZone(MONACO).getHour()).isEqualTo(16);
        assertThat(summer.sunset().atZone(MONACO).getHour()).isEqualTo(21);
    }

    @Test
    void sunriseInMonacoOnNewYearsDayMatchesAPublishedTable() {
        // Published table: Astronomy Answers (L. Strous), "The Position of the Sun: Tables",
        // aa.quae.nl/en/antwoorden/zonpositie-tabel.html, Table 1 "Time of Sunrise for Days and
        // Latitudes", row 01-01 of 2002, in local mean time (the table's "local time": the
        // clock of the place's own meridian, equation of time included): +42° 7:28, +44° 7:35.
        // Monaco (43.7384° N) lies 0.8692 of the way from +42 to +44: 7:34.08 local mean time;
        // 7.4246° E is 29.70 minutes ahead of UTC, so 7:04.38 UTC, 08:04 CET. The table's
        // minutes are rounded, so the check allows the 2 minutes around that value.
        double meanSolarMinutes = 7 * 60 + 28 + (43.7384 - 42) / 2 * (35 - 28);
        double utcMinutes = meanSolarMinutes - 4 * 7.4246;
        Instant published =
                Instant.parse("2002-01-01T00:00:00Z").plusMillis(Math.round(utcMinutes * 60_000));
        SolarDay newYearsEve = SolarDay.of(LocalDate.of(2001, 12, 31), 43.7384, 7.4246, MONACO);
        assertThat(Duration.between(published, newYearsEve.sunrise()).abs())
                .as(
                        "sunrise in Monaco on 2002-01-01: %s against the table's %s",
                        newYearsEve.sunrise(), published)
                .isLessThan(Duration.ofMinutes(2));
        assertThat(newYearsEve.sunrise().atZone(MONACO).toLocalTime())
                .isBetween(java.time.LocalTime.of(8, 2), java.time.LocalTime.of(8, 7));
    }

    /** Sunrise (sign −1) or sunset (+1) on {@code date} (UTC day), two iterations of Meeus. */
    private static Instant meeus(LocalDate date, double lat, double lon, int sign) {
        double minutes = 720; // first guess: noon UTC
        for (int i = 0; i < 3; i++) {
            double jd = date.toEpochDay() + 2440587.5 + minutes / 1440.0;
            double t = (jd - 2451545.0) / 36525.0;
            double l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
            double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
            double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
            double mr = Math.toRadians(m);
            double c =
                    Math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t))
                            + Math.sin(2 * mr) * (0.019993 - 0.000101 * t)
                            + Math.sin(3 * mr) * 0.000289;
            double omega = Math.toRadians(125.04 - 1934.136 * t);
            double lambda = Math.toRadians(l0 + c - 0.00569 - 0.00478 * Math.sin(omega));
            double eps0 =
                    23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
            double eps = Math.toRadians(eps0 + 0.00256 * Math.cos(omega));
            double decl = Math.asin(Math.sin(eps) * Math.sin(lambda));
            double y = Math.pow(Math.tan(eps / 2), 2);
            double l0r = Math.toRadians(l0);
            double eqTime =
                    4
                            * Math.toDegrees(
                                    y * Math.sin(2 * l0r)
                                            - 2 * e * Math.sin(mr)
                                            + 4 * e * y * Math.sin(mr) * Math.cos(2 * l0r)
                                            - 0.5 * y * y * Math.sin(4 * l0r)
                                            - 1.25 * e * e * Math.sin(2 * mr));
            double phi = Math.toRadians(lat);
            double ha =
                    Math.toDegrees(
                            Math.acos(
                                    Math.cos(Math.toRadians(90.833))
                                                    / (Math.cos(phi) * Math.cos(decl))
                                            - Math.tan(phi) * Math.tan(decl)));
            minutes = 720 - 4 * lon - eqTime + sign * 4 * ha;
        }
        return date.atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()
                .plusMillis(Math.round(minutes * 60_000));
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
