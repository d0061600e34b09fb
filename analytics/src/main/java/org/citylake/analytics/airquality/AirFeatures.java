package org.citylake.analytics.airquality;

import static org.citylake.analytics.airquality.StationSeries.Variable.CUMULATED_RAIN;
import static org.citylake.analytics.airquality.StationSeries.Variable.CUMULATED_SNOW;
import static org.citylake.analytics.airquality.StationSeries.Variable.CUMULATED_WIND;
import static org.citylake.analytics.airquality.StationSeries.Variable.DEW_POINT;
import static org.citylake.analytics.airquality.StationSeries.Variable.HUMIDITY;
import static org.citylake.analytics.airquality.StationSeries.Variable.PM25;
import static org.citylake.analytics.airquality.StationSeries.Variable.PRECIPITATION;
import static org.citylake.analytics.airquality.StationSeries.Variable.PRESSURE;
import static org.citylake.analytics.airquality.StationSeries.Variable.TEMPERATURE;
import static org.citylake.analytics.airquality.StationSeries.Variable.WIND_DIRECTION;
import static org.citylake.analytics.airquality.StationSeries.Variable.WIND_SPEED;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of one forecast: everything known about a station at its issue hour.
 *
 * <p><b>Leakage rule.</b> A forecast issued at hour {@code i} (the hour stamped {@code t0}) for
 * target hour {@code i + h} uses only the station's values of hours {@code <= i}: what was observed
 * up to the issue time. Calendar features are of the issue time. The same features serve every
 * horizon; each horizon has its own model.
 *
 * <p><b>Missing-value rule.</b> A missing value stays missing ({@code NaN}, which the gradient
 * boosting treats as "unknown" and learns a direction for); nothing is filled with zero or carried
 * forward, except {@code pm25_last}, which is explicitly the latest observed value within 24 h
 * beside its age. A rolling statistic over {@code w} hours is computed from the values present in
 * them when at least half are present, else it is missing. A change is missing when either end is.
 * Wind components need a direction: calm or variable (no direction) leaves them missing.
 *
 * <p>Features ({@link #NAMES}): PM2.5 lags 1…24, 48 and 168 h (lag {@code k} is the value of hour
 * {@code i − (k − 1)}, i.e. {@code k} hours before the first target hour); the last observed value
 * and its age; rolling means over 3, 6, 12, 24, 72, 168 h, maxima over 6 and 24 h, the 24 h minimum
 * and standard deviation; change rates over 1, 3, 6, 24 h (µg/m³ per hour); temperature, dew point,
 * their spread, humidity, pressure and its 3 h and 24 h change, the dew point's 3 h and 24 h
 * change; wind as u/v components of the wind speed (m/s, towards east and north), the unit u/v of
 * its direction, the cumulated wind speed and its u/v, the mean direction u/v over 6 h;
 * precipitation, its 24 h sum, cumulated rain and snow hours; the hour, weekday and month in the
 * station's local time (the city's zone in {@code ref.cities}); the station (categorical).
 */
public final class AirFeatures {

    /** Feature names, in vector order. */
    public static final List<String> NAMES = names();

    /** Index of the station feature (categorical). */
    public static final int STATION = NAMES.indexOf("station");

    /** Index of {@code pm25_last}, the base the models forecast a change from. */
    public static final int LAST = NAMES.indexOf("pm25_last");

    /** How far back {@code pm25_last} may reach, hours. */
    public static final int LAST_WITHIN_HOURS = 24;

    /** The oldest hour a feature reads, relative to the issue hour. */
    public static final int LOOKBACK_HOURS = 168;

    private static final int[] LAGS = lags();
    private static final int[] MEANS = {3, 6, 12, 24, 72, 168};
    private static final int[] MAXIMA = {6, 24};
    private static final int[] CHANGES = {1, 3, 6, 24};

    private AirFeatures() {}

    private static int[] lags() {
        int[] lags = new int[26];
        for (int k = 1; k <= 24; k++) {
            lags[k - 1] = k;
        }
        lags[24] = 48;
        lags[25] = 168;
        return lags;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int k : lags()) {
            n.add("pm25_lag_" + k);
        }
        n.add("pm25_last");
        n.add("pm25_last_age_h");
        for (int w : new int[] {3, 6, 12, 24, 72, 168}) {
            n.add("pm25_mean_" + w + "h");
        }
        n.add("pm25_max_6h");
        n.add("pm25_max_24h");
        n.add("pm25_min_24h");
        n.add("pm25_std_24h");
        for (int k : new int[] {1, 3, 6, 24}) {
            n.add("pm25_change_" + k + "h");
        }
        n.addAll(
                List.of(
                        "temperature_c",
                        "dew_point_c",
                        "dew_point_spread_c",
                        "relative_humidity",
                        "pressure_hpa",
                        "pressure_change_3h",
                        "pressure_change_24h",
                        "dew_point_change_3h",
                        "dew_point_change_24h",
                        "wind_u_ms",
                        "wind_v_ms",
                        "wind_dir_u",
                        "wind_dir_v",
                        "cumulated_wind_ms",
                        "cumulated_wind_u",
                        "cumulated_wind_v",
                        "wind_dir_u_mean_6h",
                        "wind_dir_v_mean_6h",
                        "precipitation_mm",
                        "precipitation_24h_mm",
                        "cumulated_rain_h",
                        "cumulated_snow_h",
                        "hour_local",
                        "weekday_local",
                        "month_local",
                        "station"));
        return List.copyOf(n);
    }

    /**
     * Fills {@code out} ({@link #NAMES}{@code .size()} long) with the features of {@code s} issued
     * at hour {@code i}; {@code station} is the station's code among the city's stations.
     */
    public static void fill(StationSeries s, int i, int station, ZoneId zone, double[] out) {
        int f = 0;
        for (int k : LAGS) {
            out[f++] = s.get(PM25, i - (k - 1));
        }
        double last = Double.NaN;
        double age = Double.NaN;
        for (int back = 0; back < LAST_WITHIN_HOURS; back++) {
            double v = s.get(PM25, i - back);
            if (!Double.isNaN(v)) {
                last = v;
                age = back;
                break;
            }
        }
        out[f++] = last;
        out[f++] = age;
        for (int w : MEANS) {
            out[f++] = mean(s, PM25, i, w);
        }
        for (int w : MAXIMA) {
            out[f++] = extreme(s, i, w, true);
        }
        out[f++] = extreme(s, i, 24, false);
        out[f++] = std(s, i, 24);
        double now = s.get(PM25, i);
        for (int k : CHANGES) {
            out[f++] = (now - s.get(PM25, i - k)) / k;
        }
        double temperature = s.get(TEMPERATURE, i);
        double dew = s.get(DEW_POINT, i);
        double pressure = s.get(PRESSURE, i);
        out[f++] = temperature;
        out[f++] = dew;
        out[f++] = temperature - dew;
        out[f++] = s.get(HUMIDITY, i);
        out[f++] = pressure;
        out[f++] = pressure - s.get(PRESSURE, i - 3);
        out[f++] = pressure - s.get(PRESSURE, i - 24);
        out[f++] = dew - s.get(DEW_POINT, i - 3);
        out[f++] = dew - s.get(DEW_POINT, i - 24);
        double direction = s.get(WIND_DIRECTION, i);
        // meteorological direction: where the wind blows from; u/v point where it blows to
        double toEast = -Math.sin(Math.toRadians(direction));
        double toNorth = -Math.cos(Math.toRadians(direction));
        double speed = s.get(WIND_SPEED, i);
        out[f++] = speed * toEast;
        out[f++] = speed * toNorth;
        out[f++] = toEast;
        out[f++] = toNorth;
        double cumulated = s.get(CUMULATED_WIND, i);
        out[f++] = cumulated;
        out[f++] = cumulated * toEast;
        out[f++] = cumulated * toNorth;
        double[] meanDirection = meanDirection(s, i, 6);
        out[f++] = meanDirection[0];
        out[f++] = meanDirection[1];
        out[f++] = s.get(PRECIPITATION, i);
        out[f++] = sum(s, PRECIPITATION, i, 24);
        out[f++] = s.get(CUMULATED_RAIN, i);
        out[f++] = s.get(CUMULATED_SNOW, i);
        ZonedDateTime local = Instant.ofEpochMilli(s.startMs(i)).atZone(zone);
        out[f++] = local.getHour();
        out[f++] = local.getDayOfWeek().getValue();
        out[f++] = local.getMonthValue();
        out[f++] = station;
        if (f != out.length) {
            throw new IllegalStateException(f + " features filled, " + out.length + " expected");
        }
    }

    /** Mean of the values of hours {@code i − w + 1 .. i} present, if at least half are. */
    static double mean(StationSeries s, StationSeries.Variable v, int i, int w) {
        double sum = 0;
        int n = 0;
        for (int j = i - w + 1; j <= i; j++) {
            double x = s.get(v, j);
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return 2 * n >= w ? sum / n : Double.NaN;
    }

    private static double sum(StationSeries s, StationSeries.Variable v, int i, int w) {
        double mean = mean(s, v, i, w);
        return Double.isNaN(mean) ? Double.NaN : mean * w;
    }

    private static double extreme(StationSeries s, int i, int w, boolean max) {
        double best = Double.NaN;
        int n = 0;
        for (int j = i - w + 1; j <= i; j++) {
            double x = s.get(PM25, j);
            if (!Double.isNaN(x)) {
                n++;
                best = Double.isNaN(best) ? x : max ? Math.max(best, x) : Math.min(best, x);
            }
        }
        return 2 * n >= w ? best : Double.NaN;
    }

    private static double std(StationSeries s, int i, int w) {
        double mean = mean(s, PM25, i, w);
        if (Double.isNaN(mean)) {
            return Double.NaN;
        }
        double sq = 0;
        int n = 0;
        for (int j = i - w + 1; j <= i; j++) {
            double x = s.get(PM25, j);
            if (!Double.isNaN(x)) {
                sq += (x - mean) * (x - mean);
                n++;
            }
        }
        return Math.sqrt(sq / n);
    }

    private static double[] meanDirection(StationSeries s, int i, int w) {
        double u = 0;
        double v = 0;
        int n = 0;
        for (int j = i - w + 1; j <= i; j++) {
            double d = s.get(WIND_DIRECTION, j);
            if (!Double.isNaN(d)) {
                u += -Math.sin(Math.toRadians(d));
                v += -Math.cos(Math.toRadians(d));
                n++;
            }
        }
        return 2 * n >= w ? new double[] {u / n, v / n} : new double[] {Double.NaN, Double.NaN};
    }
}
