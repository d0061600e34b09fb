package org.citylake.analytics.airquality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.citylake.analytics.job.Input;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;

/** What the air-quality job reads of {@code clean.air_quality}, and the row → reading mapping. */
final class AirReadings {

    static final String TABLE = EntityType.AIR_QUALITY_OBSERVED.cleanTable();

    /** The stations report hourly. */
    static final Duration INTERVAL = Duration.ofHours(1);

    private static final List<String> MEASURES =
            List.of(
                    "pm25",
                    "temperature_c",
                    "dew_point_c",
                    "relative_humidity",
                    "pressure_hpa",
                    "wind_speed_ms",
                    "wind_direction_deg",
                    "precipitation_mm",
                    "cumulated_wind_speed_ms",
                    "cumulated_rain_h",
                    "cumulated_snow_h");

    private static final List<String> COLUMNS = columns();

    private AirReadings() {}

    private static List<String> columns() {
        List<String> c = new java.util.ArrayList<>();
        c.add(TableRegistry.CITY);
        c.add("station_id");
        c.add(TableRegistry.OBSERVED_AT);
        c.addAll(MEASURES);
        return List.copyOf(c);
    }

    static Input input(Instant from, Instant to) {
        return new Input(TABLE, COLUMNS, from, to, INTERVAL);
    }

    /** Row → reading; the rows are already the city's, in range. */
    static final class ToReading implements MapFunction<RowData, AirReading> {
        private final int stationPos;
        private final int observedPos;
        private final int[] measurePos;

        ToReading(Input input) {
            stationPos = input.position("station_id");
            observedPos = input.position(TableRegistry.OBSERVED_AT);
            measurePos = MEASURES.stream().mapToInt(input::position).toArray();
        }

        @Override
        public AirReading map(RowData row) {
            AirReading r =
                    new AirReading(
                            row.getString(stationPos).toString(),
                            row.getTimestamp(observedPos, 6).getMillisecond());
            r.pm25 = value(row, 0);
            r.temperatureC = value(row, 1);
            r.dewPointC = value(row, 2);
            r.relativeHumidity = value(row, 3);
            r.pressureHpa = value(row, 4);
            r.windSpeedMs = value(row, 5);
            r.windDirectionDeg = value(row, 6);
            r.precipitationMm = value(row, 7);
            r.cumulatedWindSpeedMs = value(row, 8);
            r.cumulatedRainH = value(row, 9);
            r.cumulatedSnowH = value(row, 10);
            return r;
        }

        private Double value(RowData row, int measure) {
            int pos = measurePos[measure];
            return row.isNullAt(pos) ? null : row.getDouble(pos);
        }
    }
}
