package org.citylake.analytics.airquality;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One station's readings on an hourly grid: hour {@code i} is {@code [start + i h, start + (i+1)
 * h)}, and a variable's value of that hour is the mean of the readings observed in it that carry
 * the variable. An hour without such a reading is missing ({@code NaN}): nothing is filled in. Wind
 * direction is averaged as a vector (the mean of 350° and 10° is 0°, not 180°).
 */
public final class StationSeries {

    /** The measurements the job reads, one series each. */
    public enum Variable {
        PM25,
        TEMPERATURE,
        DEW_POINT,
        HUMIDITY,
        PRESSURE,
        WIND_SPEED,
        WIND_DIRECTION,
        PRECIPITATION,
        CUMULATED_WIND,
        CUMULATED_RAIN,
        CUMULATED_SNOW
    }

    static final long HOUR_MS = 3_600_000L;

    private final String stationId;
    private final long startHour;
    private final Map<Variable, double[]> values;

    private StationSeries(String stationId, long startHour, Map<Variable, double[]> values) {
        this.stationId = stationId;
        this.startHour = startHour;
        this.values = values;
    }

    /**
     * The series of {@code stationId} over {@code hours} hours from {@code startHour} (hours since
     * the epoch) from its readings; readings outside the grid are ignored.
     */
    public static StationSeries of(
            String stationId, long startHour, int hours, List<AirReading> readings) {
        Map<Variable, double[]> sums = new EnumMap<>(Variable.class);
        Map<Variable, int[]> counts = new EnumMap<>(Variable.class);
        double[] dirX = new double[hours];
        double[] dirY = new double[hours];
        for (Variable v : Variable.values()) {
            sums.put(v, new double[hours]);
            counts.put(v, new int[hours]);
        }
        for (AirReading r : readings) {
            long i = Math.floorDiv(r.observedAtMs, HOUR_MS) - startHour;
            if (i < 0 || i >= hours) {
                continue;
            }
            int at = (int) i;
            for (Variable v : Variable.values()) {
                Double x = r.value(v);
                if (x == null || x.isNaN()) {
                    continue;
                }
                counts.get(v)[at]++;
                if (v == Variable.WIND_DIRECTION) {
                    dirX[at] += Math.sin(Math.toRadians(x));
                    dirY[at] += Math.cos(Math.toRadians(x));
                } else {
                    sums.get(v)[at] += x;
                }
            }
        }
        Map<Variable, double[]> values = new EnumMap<>(Variable.class);
        for (Variable v : Variable.values()) {
            double[] out = new double[hours];
            int[] n = counts.get(v);
            for (int i = 0; i < hours; i++) {
                if (n[i] == 0) {
                    out[i] = Double.NaN;
                } else if (v == Variable.WIND_DIRECTION) {
                    double deg = Math.toDegrees(Math.atan2(dirX[i], dirY[i]));
                    out[i] = deg < 0 ? deg + 360 : deg;
                } else {
                    out[i] = sums.get(v)[i] / n[i];
                }
            }
            values.put(v, out);
        }
        return new StationSeries(stationId, startHour, values);
    }

    public String stationId() {
        return stationId;
    }

    /** First hour of the grid, hours since the epoch. */
    public long startHour() {
        return startHour;
    }

    public int hours() {
        return values.get(Variable.PM25).length;
    }

    /** The value of {@code v} in hour {@code i}; {@code NaN} when missing or off the grid. */
    public double get(Variable v, int i) {
        double[] x = values.get(v);
        return i < 0 || i >= x.length ? Double.NaN : x[i];
    }

    /** The index of the hour holding epoch hour {@code hour} (may be off the grid). */
    public int index(long hour) {
        return (int) (hour - startHour);
    }

    /** Epoch milliseconds of the start of hour {@code i}. */
    public long startMs(int i) {
        return (startHour + i) * HOUR_MS;
    }

    /** A copy of the series of {@code v}. */
    public double[] series(Variable v) {
        return Arrays.copyOf(values.get(v), hours());
    }
}
