package org.citylake.ingest.parse;

import org.citylake.model.EntityType;

/**
 * {@code AirQualityObserved} → {@code clean.air_quality}. The station is {@code
 * refPointOfInterest}, else {@code refDevice}, else the entity id; the observation time is {@code
 * dateObserved}. Concentrations are taken as µg/m³ as sent (NGSI-v2 {@code unitCode} metadata is
 * not applied, so keyValues and normalized payloads read alike).
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>pm25, pm10, no2, o3, so2 (µg/m³)</td><td>same names</td><td>0..5000</td></tr>
 *   <tr><td>co (µg/m³)</td><td>co</td><td>0..100000</td></tr>
 *   <tr><td>temperature (°C)</td><td>temperature_c</td><td>−80..70</td></tr>
 *   <tr><td>dewPoint (°C, CityLake)</td><td>dew_point_c</td><td>−80..70</td></tr>
 *   <tr><td>relativeHumidity (0..1; a value in (1, 100] is taken as percent and divided by 100)</td>
 *       <td>relative_humidity</td><td>0..100</td></tr>
 *   <tr><td>atmosphericPressure (hPa, CityLake)</td><td>pressure_hpa</td><td>800..1100</td></tr>
 *   <tr><td>pressure (FIWARE; used only without atmosphericPressure and only when a finite
 *       number in 800..1100, i.e. hPa; otherwise ignored)</td><td>pressure_hpa</td><td>-</td></tr>
 *   <tr><td>windSpeed (m/s)</td><td>wind_speed_ms</td><td>0..120</td></tr>
 *   <tr><td>windDirection (° from north)</td><td>wind_direction_deg</td><td>0..360</td></tr>
 *   <tr><td>precipitation (mm = l/m²)</td><td>precipitation_mm</td><td>≥ 0</td></tr>
 *   <tr><td>cumulatedWindSpeed (m/s, CityLake)</td><td>cumulated_wind_speed_ms</td><td>≥ 0</td></tr>
 *   <tr><td>cumulatedSnowHours (h, CityLake)</td><td>cumulated_snow_h</td><td>≥ 0</td></tr>
 *   <tr><td>cumulatedRainHours (h, CityLake)</td><td>cumulated_rain_h</td><td>≥ 0</td></tr>
 * </table>
 */
final class AirQualityExtractor implements EntityExtractor {

    static final AirQualityExtractor INSTANCE = new AirQualityExtractor();

    private static final ValidRange POLLUTANT = ValidRange.closed(0, 5_000, "µg/m³");
    private static final ValidRange CARBON_MONOXIDE = ValidRange.closed(0, 100_000, "µg/m³");
    private static final ValidRange TEMPERATURE = ValidRange.closed(-80, 70, "°C");
    private static final ValidRange HUMIDITY = ValidRange.closed(0, 100, "(fraction or %)");
    private static final ValidRange PRESSURE = ValidRange.closed(800, 1_100, "hPa");
    private static final ValidRange WIND_SPEED = ValidRange.closed(0, 120, "m/s");
    private static final ValidRange DIRECTION = ValidRange.closed(0, 360, "°");
    private static final ValidRange PRECIPITATION = ValidRange.atLeast(0, "mm");
    private static final ValidRange CUMULATED_SPEED = ValidRange.atLeast(0, "m/s");
    private static final ValidRange HOURS = ValidRange.atLeast(0, "h");

    private AirQualityExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String station = in.text("refPointOfInterest");
        if (station == null) {
            station = in.text("refDevice");
        }
        if (station == null) {
            station = in.entityId();
        }
        in.aboutSensor(station);
        in.observedAt("dateObserved");
        Double pressure = in.number("atmosphericPressure", PRESSURE);
        if (pressure == null) {
            pressure = in.numberIfValid("pressure", PRESSURE);
        }
        return new ReadingValues(EntityType.AIR_QUALITY_OBSERVED, station)
                .put("pm25", in.number("pm25", POLLUTANT))
                .put("pm10", in.number("pm10", POLLUTANT))
                .put("no2", in.number("no2", POLLUTANT))
                .put("o3", in.number("o3", POLLUTANT))
                .put("so2", in.number("so2", POLLUTANT))
                .put("co", in.number("co", CARBON_MONOXIDE))
                .put("temperature_c", in.number("temperature", TEMPERATURE))
                .put("dew_point_c", in.number("dewPoint", TEMPERATURE))
                .put("relative_humidity", fraction(in.number("relativeHumidity", HUMIDITY)))
                .put("pressure_hpa", pressure)
                .put("wind_speed_ms", in.number("windSpeed", WIND_SPEED))
                .put("wind_direction_deg", in.number("windDirection", DIRECTION))
                .put("precipitation_mm", in.number("precipitation", PRECIPITATION))
                .put("cumulated_wind_speed_ms", in.number("cumulatedWindSpeed", CUMULATED_SPEED))
                .put("cumulated_snow_h", in.number("cumulatedSnowHours", HOURS))
                .put("cumulated_rain_h", in.number("cumulatedRainHours", HOURS))
                .reading(in);
    }

    /** FIWARE humidity is 0..1; values above 1 are percent. */
    private static Double fraction(Double humidity) {
        if (humidity == null || humidity <= 1) {
            return humidity;
        }
        return humidity / 100;
    }
}
