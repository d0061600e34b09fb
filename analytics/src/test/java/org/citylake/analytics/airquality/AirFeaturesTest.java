package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The feature builder against values worked out by hand on a tiny series, the missing-value rule,
 * and the leakage rule: no feature of a forecast issued at hour i changes when anything observed
 * after hour i changes.
 */
class AirFeaturesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** 2014-03-01 00:00 Beijing time, in hours since the epoch. */
    static final long START_HOUR =
            LocalDateTime.of(2014, 3, 1, 0, 0).atZone(SHANGHAI).toEpochSecond() / 3600;

    static final int HOURS = 200;

    /** pm25 of hour j is 10 + j; hours in {@code missing} have no reading at all. */
    static List<AirReading> ramp(int... missing) {
        List<AirReading> readings = new ArrayList<>();
        for (int j = 0; j < HOURS; j++) {
            final int hour = j;
            if (Arrays.stream(missing).anyMatch(m -> m == hour)) {
                continue;
            }
            AirReading r = new AirReading("st-1", (START_HOUR + j) * 3_600_000L);
            r.pm25 = 10.0 + j;
            r.temperatureC = 5.0;
            r.dewPointC = -3.0;
            r.pressureHpa = 1000.0 + j * 0.5;
            r.windDirectionDeg = j % 2 == 0 ? 315.0 : null;
            r.windSpeedMs = 2.0;
            r.cumulatedWindSpeedMs = 4.0;
            readings.add(r);
        }
        return readings;
    }

    static double[] features(List<AirReading> readings, int i) {
        StationSeries s = StationSeries.of("st-1", START_HOUR, HOURS, readings);
        double[] out = new double[AirFeatures.NAMES.size()];
        AirFeatures.fill(s, i, 0, SHANGHAI, out);
        return out;
    }

    static double f(double[] features, String name) {
        int at = AirFeatures.NAMES.indexOf(name);
        assertThat(at).as(name).isNotNegative();
        return features[at];
    }

    @Test
    void lagsCountHoursBeforeTheFirstTarget() {
        double[] x = features(ramp(), 180);
        assertThat(f(x, "pm25_lag_1")).isEqualTo(190); // hour 180
        assertThat(f(x, "pm25_lag_2")).isEqualTo(189);
        assertThat(f(x, "pm25_lag_24")).isEqualTo(167); // hour 157
        assertThat(f(x, "pm25_lag_48")).isEqualTo(143); // hour 133
        assertThat(f(x, "pm25_lag_168")).isEqualTo(23); // hour 13
        assertThat(f(x, "pm25_last")).isEqualTo(190);
        assertThat(f(x, "pm25_last_age_h")).isEqualTo(0);
    }

    @Test
    void rollingStatisticsAndChanges() {
        double[] x = features(ramp(), 180);
        assertThat(f(x, "pm25_mean_3h")).isEqualTo(189); // (188 + 189 + 190) / 3
        assertThat(f(x, "pm25_mean_24h")).isEqualTo(178.5); // 167..190
        assertThat(f(x, "pm25_max_6h")).isEqualTo(190);
        assertThat(f(x, "pm25_min_24h")).isEqualTo(167);
        // 167..190: a ramp of 24 values, population sd = sqrt((24² - 1) / 12)
        assertThat(f(x, "pm25_std_24h")).isCloseTo(Math.sqrt((24 * 24 - 1) / 12.0), within(1e-9));
        assertThat(f(x, "pm25_change_1h")).isEqualTo(1);
        assertThat(f(x, "pm25_change_24h")).isEqualTo(1); // (190 - 166) / 24
        assertThat(f(x, "pressure_change_3h")).isEqualTo(1.5);
        assertThat(f(x, "dew_point_spread_c")).isEqualTo(8);
    }

    @Test
    void calendarIsTheStationsLocalTime() {
        // hour 180 after 2014-03-01 00:00 Beijing time = Saturday 2014-03-08 12:00
        double[] x = features(ramp(), 180);
        assertThat(f(x, "hour_local")).isEqualTo(12);
        assertThat(f(x, "weekday_local")).isEqualTo(6);
        assertThat(f(x, "month_local")).isEqualTo(3);
    }

    @Test
    void windComponentsPointWhereTheWindBlows() {
        double[] x = features(ramp(), 180); // even hour: from the north-west (315°)
        double half = Math.sqrt(0.5);
        assertThat(f(x, "wind_u_ms")).isCloseTo(2 * half, within(1e-9)); // towards east
        assertThat(f(x, "wind_v_ms")).isCloseTo(-2 * half, within(1e-9)); // towards south
        assertThat(f(x, "wind_dir_u")).isCloseTo(half, within(1e-9));
        assertThat(f(x, "cumulated_wind_v")).isCloseTo(-4 * half, within(1e-9));
        // odd hour: calm or variable, no direction: no components (not zero)
        double[] calm = features(ramp(), 181);
        assertThat(f(calm, "wind_u_ms")).isNaN();
        assertThat(f(calm, "wind_dir_v")).isNaN();
        assertThat(f(calm, "cumulated_wind_ms")).isEqualTo(4);
        // the 6-hour mean direction uses the 3 hours with one
        assertThat(f(calm, "wind_dir_u_mean_6h")).isCloseTo(half, within(1e-9));
    }

    @Test
    void missingValuesStayMissingAndAreNeverZero() {
        double[] x = features(ramp(180, 177, 176), 180);
        assertThat(f(x, "pm25_lag_1")).isNaN();
        assertThat(f(x, "pm25_change_1h")).isNaN();
        assertThat(f(x, "temperature_c")).isNaN();
        assertThat(f(x, "pressure_change_3h")).isNaN();
        // the last observed value is explicit, with its age
        assertThat(f(x, "pm25_last")).isEqualTo(189);
        assertThat(f(x, "pm25_last_age_h")).isEqualTo(1);
        // 3 h: 2 of 3 present (178, 179): mean of those
        assertThat(f(x, "pm25_mean_3h")).isEqualTo(188.5);
        // 6 h (175..180): 3 of 6 present, exactly half: mean of 185, 188, 189
        assertThat(f(x, "pm25_mean_6h")).isCloseTo((185 + 188 + 189) / 3.0, within(1e-9));
        double[] fewer = features(ramp(180, 177, 176, 175), 180);
        assertThat(f(fewer, "pm25_mean_6h")).isNaN(); // 2 of 6: too few
        assertThat(f(fewer, "pm25_max_6h")).isNaN();
        // nothing observed for 24 h: no last value, no age
        int[] day = new int[24];
        for (int k = 0; k < 24; k++) {
            day[k] = 157 + k;
        }
        double[] none = features(ramp(day), 180);
        assertThat(f(none, "pm25_last")).isNaN();
        assertThat(f(none, "pm25_last_age_h")).isNaN();
    }

    @Test
    void noFeatureUsesAValueObservedAfterTheIssueTime() {
        Random random = new Random(7);
        List<AirReading> readings = randomReadings(random);
        for (int i : new int[] {0, 23, 24, 100, 167, 168, 169, 198}) {
            double[] issued = features(readings, i);
            // everything after hour i replaced by other values, or removed
            long issueEndMs = (START_HOUR + i + 1) * 3_600_000L;
            List<AirReading> changed = new ArrayList<>();
            for (AirReading r : readings) {
                if (r.observedAtMs < issueEndMs) {
                    changed.add(r);
                } else if (random.nextBoolean()) {
                    AirReading other = randomReading(random, r.observedAtMs);
                    changed.add(other);
                }
            }
            changed.add(randomReading(random, issueEndMs)); // and an extra late reading
            assertThat(features(changed, i)).as("features issued at hour " + i).isEqualTo(issued);
            // the check can fail: changing the issue hour itself changes the features
            List<AirReading> atIssue = new ArrayList<>(changed);
            atIssue.add(randomReading(random, issueEndMs - 1));
            assertThat(Arrays.equals(features(atIssue, i), issued))
                    .as("a new reading in hour " + i + " changes its features")
                    .isFalse();
        }
    }

    private static List<AirReading> randomReadings(Random random) {
        List<AirReading> readings = new ArrayList<>();
        for (int j = 0; j < HOURS; j++) {
            if (random.nextInt(10) > 0) {
                readings.add(randomReading(random, (START_HOUR + j) * 3_600_000L));
            }
        }
        return readings;
    }

    private static AirReading randomReading(Random random, long atMs) {
        AirReading r = new AirReading("st-1", atMs);
        r.pm25 = random.nextDouble() * 300;
        r.temperatureC = random.nextDouble() * 30 - 10;
        r.dewPointC = random.nextDouble() * 20 - 20;
        r.relativeHumidity = random.nextDouble();
        r.pressureHpa = 990 + random.nextDouble() * 40;
        r.windSpeedMs = random.nextDouble() * 10;
        r.windDirectionDeg = random.nextDouble() * 360;
        r.precipitationMm = random.nextDouble();
        r.cumulatedWindSpeedMs = random.nextDouble() * 100;
        r.cumulatedRainH = random.nextDouble() * 5;
        r.cumulatedSnowH = random.nextDouble() * 5;
        return r;
    }
}
