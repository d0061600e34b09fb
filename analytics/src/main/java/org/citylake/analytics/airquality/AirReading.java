package org.citylake.analytics.airquality;

/**
 * One reading of {@code clean.air_quality} as the air-quality job reads it: a station, the time it
 * was observed and the measurements it carried ({@code null} when absent). A Flink POJO.
 */
public final class AirReading {

    public String stationId;

    /** {@code observed_at}, epoch milliseconds. */
    public long observedAtMs;

    public Double pm25;
    public Double temperatureC;
    public Double dewPointC;
    public Double relativeHumidity;
    public Double pressureHpa;
    public Double windSpeedMs;
    public Double windDirectionDeg;
    public Double precipitationMm;
    public Double cumulatedWindSpeedMs;
    public Double cumulatedRainH;
    public Double cumulatedSnowH;

    public AirReading() {}

    public AirReading(String stationId, long observedAtMs) {
        this.stationId = stationId;
        this.observedAtMs = observedAtMs;
    }

    /** The measurements, in {@link StationSeries.Variable} order. */
    Double value(StationSeries.Variable variable) {
        return switch (variable) {
            case PM25 -> pm25;
            case TEMPERATURE -> temperatureC;
            case DEW_POINT -> dewPointC;
            case HUMIDITY -> relativeHumidity;
            case PRESSURE -> pressureHpa;
            case WIND_SPEED -> windSpeedMs;
            case WIND_DIRECTION -> windDirectionDeg;
            case PRECIPITATION -> precipitationMm;
            case CUMULATED_WIND -> cumulatedWindSpeedMs;
            case CUMULATED_RAIN -> cumulatedRainH;
            case CUMULATED_SNOW -> cumulatedSnowH;
        };
    }

    @Override
    public String toString() {
        return stationId + "@" + java.time.Instant.ofEpochMilli(observedAtMs) + " pm25=" + pm25;
    }
}
