package org.citylake.analytics.airquality;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.citylake.analytics.airquality.DirectForecaster.HorizonModel;
import org.citylake.analytics.airquality.DirectForecaster.Trained;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * All readings of one city → trained models (stored as an artefact) → the rows of {@code
 * gold.air_forecast_skill}: per horizon, per station and {@code ALL}.
 */
final class AirTrainer implements GroupAtEnd.Group<String, AirReading, RowData> {

    private final String city;
    private final ZoneId zone;
    private final AirQualitySettings settings;
    private final String version;
    private final long trainedAtMs;
    private final long gridStartHour;
    private final int gridHours;
    private final ModelStore store;

    AirTrainer(
            String city,
            ZoneId zone,
            AirQualitySettings settings,
            String version,
            long trainedAtMs,
            Instant readFrom,
            Instant readTo,
            ModelStore store) {
        this.city = city;
        this.zone = zone;
        this.settings = settings;
        this.version = version;
        this.trainedAtMs = trainedAtMs;
        this.gridStartHour = Math.floorDiv(readFrom.toEpochMilli(), StationSeries.HOUR_MS);
        this.gridHours =
                (int) (Math.floorDiv(readTo.toEpochMilli(), StationSeries.HOUR_MS) - gridStartHour);
        this.store = store;
    }

    @Override
    public void apply(String key, List<AirReading> readings, GroupAtEnd.Emitter<RowData> out) {
        List<StationSeries> series = CityHours.series(readings, gridStartHour, gridHours);
        Map<String, Integer> codes =
                CityHours.codes(series.stream().map(StationSeries::stationId).toList());
        CityHours data = new CityHours(zone, series, codes);
        Trained trained =
                DirectForecaster.train(
                        data,
                        settings.train(),
                        settings.validate(),
                        settings.horizons(),
                        DirectForecaster.GRID,
                        settings.seed(),
                        settings.intervalLevel(),
                        settings.threads(),
                        settings.refit());
        Map<String, ErrorSums[]> scores = DirectForecaster.evaluate(trained, data, settings.test());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("city", city);
        meta.put("model_version", version);
        meta.put("trained_at", Instant.ofEpochMilli(trainedAtMs).toString());
        meta.put("time_zone", zone.getId());
        meta.put("train", settings.train().toString());
        meta.put("validate", settings.validate().toString());
        meta.put("test", settings.test().toString());
        meta.put(
                "refit",
                settings.refit()
                        ? "the tuned models were trained again on train + validate"
                        : "no: the models are those trained on train");
        meta.put("target", "PM2.5 (µg/m³) of hour issue + h; features: observed up to the issue");
        Map<String, Object> test = new LinkedHashMap<>();
        ErrorSums[] all = scores.get(DirectForecaster.ALL);
        for (int h = 1; h <= all.length; h++) {
            test.put(
                    "h" + h,
                    Map.of(
                            "n", all[h - 1].n,
                            "rmse", nan(all[h - 1].modelRmse()),
                            "persistence_rmse", nan(all[h - 1].persistenceRmse()),
                            "skill_pct", nan(all[h - 1].skillPercent()),
                            "interval_coverage", nan(all[h - 1].coverage())));
        }
        meta.put("test_metrics", test);
        String artefact = store.write(city, version, ModelStore.metadata(meta), trained);
        scores.forEach(
                (station, sums) -> {
                    for (HorizonModel m : trained.models()) {
                        out.collect(row(station, m, sums[m.horizon() - 1], artefact));
                    }
                });
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private RowData row(String station, HorizonModel m, ErrorSums s, String artefact) {
        return GenericRowData.of(
                StringData.fromString(city),
                StringData.fromString(version),
                TimestampData.fromEpochMillis(trainedAtMs),
                StringData.fromString(station),
                m.horizon(),
                AirTables.day(settings.train().first()),
                AirTables.day(settings.train().last()),
                AirTables.day(settings.validate().first()),
                AirTables.day(settings.validate().last()),
                AirTables.day(settings.test().first()),
                AirTables.day(settings.test().last()),
                s.n,
                s.modelRmse(),
                s.modelMae(),
                s.persistenceRmse(),
                s.persistenceMae(),
                s.skillPercent(),
                settings.intervalLevel(),
                s.coverage(),
                StringData.fromString(m.params().toString()),
                m.trees(),
                m.validationRmse(),
                StringData.fromString(artefact));
    }
}
