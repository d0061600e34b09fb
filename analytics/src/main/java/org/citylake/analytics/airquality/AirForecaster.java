package org.citylake.analytics.airquality;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.airquality.DirectForecaster.Forecast;
import org.citylake.analytics.airquality.DirectForecaster.Trained;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * The last days of one city's readings → the next {@code H} hours of every station with a PM2.5
 * value within 24 h before the issue time: rows of {@code gold.air_forecast}, and of {@code
 * gold.air_alerts} (side output) for the hours forecast above the band.
 */
final class AirForecaster implements GroupAtEnd.Group<String, AirReading, RowData> {

    private final String city;
    private final ZoneId zone;
    private final Trained trained;
    private final String version;
    private final long issuedAtMs;
    private final double alertAbove;
    private final long gridStartHour;
    private final int gridHours;
    private final OutputTag<RowData> alerts;

    AirForecaster(
            String city,
            ZoneId zone,
            Trained trained,
            String version,
            Instant issuedAt,
            double alertAbove,
            Instant readFrom,
            OutputTag<RowData> alerts) {
        this.city = city;
        this.zone = zone;
        this.trained = trained;
        this.version = version;
        this.issuedAtMs = issuedAt.toEpochMilli();
        this.alertAbove = alertAbove;
        this.gridStartHour = Math.floorDiv(readFrom.toEpochMilli(), StationSeries.HOUR_MS);
        this.gridHours =
                (int) (Math.floorDiv(issuedAtMs, StationSeries.HOUR_MS) - gridStartHour + 1);
        this.alerts = alerts;
    }

    @Override
    public void apply(String key, List<AirReading> readings, GroupAtEnd.Emitter<RowData> out) {
        List<StationSeries> series = CityHours.series(readings, gridStartHour, gridHours);
        CityHours data = new CityHours(zone, series, trained.stationCodes());
        for (Forecast f : DirectForecaster.forecast(trained, data, issuedAtMs)) {
            Integer iaqi = Iaqi.of(f.prediction());
            StringData category = StringData.fromString(Iaqi.describe(Iaqi.category(iaqi)));
            out.collect(
                    GenericRowData.of(
                            StringData.fromString(city),
                            StringData.fromString(f.stationId()),
                            TimestampData.fromEpochMillis(f.issuedAtMs()),
                            TimestampData.fromEpochMillis(f.targetAtMs()),
                            f.horizon(),
                            StringData.fromString(version),
                            f.prediction(),
                            f.lower(),
                            f.upper(),
                            trained.intervalLevel(),
                            iaqi,
                            category));
            if (f.prediction() > alertAbove) {
                out.output(
                        alerts,
                        GenericRowData.of(
                                StringData.fromString(city),
                                StringData.fromString(f.stationId()),
                                TimestampData.fromEpochMillis(f.issuedAtMs()),
                                TimestampData.fromEpochMillis(f.targetAtMs()),
                                f.horizon(),
                                StringData.fromString(version),
                                f.prediction(),
                                f.upper(),
                                alertAbove,
                                iaqi,
                                category));
            }
        }
    }
}
