package org.citylake.analytics.airquality;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.citylake.analytics.airquality.DirectForecaster.Trained;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.Committed;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobContext;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * The air-quality job (DESIGN §5): PM2.5 forecasts 1…24 h ahead per station from {@code
 * clean.air_quality}, with their skill measured against persistence on data the models never saw.
 *
 * <pre>
 * training (--train A..B --validate C..D --test E..F):
 *   clean.air_quality (first window − 8 days .. last window end) ─► keyBy city ─► AirTrainer
 *       hourly grid per station ─► features ─► 24 LightGBM models (tuned on validate)
 *       ─► artefact: &lt;warehouse&gt;/models/airquality/&lt;city&gt;/&lt;version&gt;/ (models + model.json)
 *       ─► scores on test, per station and ALL ──────────────────► gold.air_forecast_skill
 *                                                                   (city, model_version)
 * forecast (--forecast-at T):
 *   gold.air_forecast_skill ─► latest model_version of the city ─► artefact (read at graph build)
 *   clean.air_quality (T − 169 h .. T] ─► keyBy city ─► AirForecaster
 *       main: next 24 h per station, interval, IAQI ────────────► gold.air_forecast (city, issued_at)
 *       side: hours above --alert-above ─────────────────────────► gold.air_alerts  (city, issued_at)
 * </pre>
 *
 * Models: {@link DirectForecaster}; features, the leakage and missing-value rules: {@link
 * AirFeatures}; IAQI: {@link Iaqi}. All the city's stations are pooled with the station as a
 * feature: any number of stations and any city, no code change. A training run writes a new model
 * version; its artefact becomes the city's model only when its skill rows commit (a failed run
 * leaves an artefact nothing points to). The period of a run follows from its windows (training) or
 * issue time (forecast: the 8 days before T's day must be complete; T's own day is used as far as
 * it has arrived).
 */
public final class AirQualityJob implements AnalyticsJob<AirQualitySettings> {

    public static final String NAME = "airquality";

    static final JobOption<String> TRAIN =
            text("train", "Training window FIRST..LAST (target times, city days).");
    static final JobOption<String> VALIDATE =
            text("validate", "Validation window FIRST..LAST: tuning and interval calibration.");
    static final JobOption<String> TEST =
            text("test", "Test window FIRST..LAST: the scores in gold.air_forecast_skill.");
    static final JobOption<String> FORECAST_AT =
            text(
                    "forecast-at",
                    "Issue a forecast at this time (ISO, e.g. 2014-12-31T08:00 in the city's"
                            + " time, or with an offset) with the city's latest model.");
    static final JobOption<Integer> HORIZONS =
            JobOption.integer("horizons", "24", "Forecast hours 1..N.");
    static final JobOption<Integer> SEED = JobOption.integer("seed", "42", "Training seed.");
    static final JobOption<Double> INTERVAL =
            JobOption.number("interval", "0.8", "Nominal coverage of the prediction interval.");
    static final JobOption<Double> ALERT_ABOVE =
            JobOption.number(
                    "alert-above",
                    "75",
                    "Alert band: forecast PM2.5 above it goes to gold.air_alerts, µg/m³ (75 ="
                            + " HJ 633 level II/III).");
    static final JobOption<Integer> THREADS =
            JobOption.integer("threads", "2", "Horizons trained at once.");
    static final JobOption<Boolean> REFIT =
            new JobOption<>(
                    "refit",
                    "true|false",
                    "true",
                    "After tuning on the validation window, train each horizon's chosen"
                            + " candidate again on the training and validation windows together.",
                    AirQualityJob::bool);

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    /** Horizons the run prints. */
    static final List<Integer> PRINTED = List.of(1, 6, 24);

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private static JobOption<String> text(String key, String description) {
        return new JobOption<>(key, "VALUE", "", description, s -> s);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "PM2.5 forecasts 1..24 h ahead per station from clean.air_quality (gradient"
                        + " boosting, one model per horizon, the city's stations pooled), with"
                        + " their skill against persistence.",
                "Training (--train, --validate, --test) tunes on the validation window only,"
                        + " stores the models in the lake's object storage and writes"
                        + " gold.air_forecast_skill (RMSE, MAE, persistence's, skill %, interval"
                        + " coverage, n per model version, horizon and station, and ALL)."
                        + " --forecast-at T issues the next hours of every station with the"
                        + " latest model into gold.air_forecast (with the 80 % interval and the"
                        + " HJ 633-2012 IAQI) and the hours above --alert-above into"
                        + " gold.air_alerts. --from/--to are implied.",
                "Example: citylake run airquality --city beijing --train 2010-01-01..2012-12-31"
                        + " --validate 2013-01-01..2013-12-31 --test 2014-01-01..2014-12-31",
                "Example: citylake run airquality --city beijing --forecast-at"
                        + " 2014-12-30T08:00");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(
                TRAIN,
                VALIDATE,
                TEST,
                FORECAST_AT,
                HORIZONS,
                SEED,
                INTERVAL,
                ALERT_ABOVE,
                THREADS,
                REFIT);
    }

    @Override
    public AirQualitySettings settings(Map<String, String> options, City city) {
        ZoneId zone = city.zone();
        return new AirQualitySettings(
                window(TRAIN, options, zone),
                window(VALIDATE, options, zone),
                window(TEST, options, zone),
                issueTime(FORECAST_AT.of(options), zone),
                HORIZONS.of(options),
                SEED.of(options),
                INTERVAL.of(options),
                ALERT_ABOVE.of(options),
                THREADS.of(options),
                REFIT.of(options));
    }

    private static Window window(JobOption<String> option, Map<String, String> options, ZoneId z) {
        String text = option.of(options);
        return text.isBlank() ? null : Window.parse(option.key(), text, z);
    }

    /**
     * {@code --forecast-at}: ISO with an offset, or local in the city's zone; floored to the hour.
     */
    static Instant issueTime(String text, ZoneId zone) {
        if (text.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                t = LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--forecast-at "
                                + text
                                + ": not a time; use e.g. 2014-12-31T08:00 (city time) or"
                                + " 2014-12-31T08:00+08:00");
            }
        }
        long hour = Math.floorDiv(t.toEpochMilli(), StationSeries.HOUR_MS);
        return Instant.ofEpochMilli(hour * StationSeries.HOUR_MS);
    }

    @Override
    public Optional<List<LocalDate>> impliedDays(Map<String, String> options, City city) {
        LocalDate[] days = settings(options, city).days(city.zone());
        return Optional.of(List.of(days[0], days[1]));
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, AirQualitySettings settings) {
        if (settings.training()) {
            return List.of(
                    AirReadings.input(
                            days.start()
                                    .minusMillis(settings.lookbackHours() * StationSeries.HOUR_MS),
                            days.end()));
        }
        Instant t = settings.forecastAt();
        return List.of(
                AirReadings.input(
                        t.minusMillis((AirFeatures.LOOKBACK_HOURS + 1) * StationSeries.HOUR_MS),
                        t.plusMillis(StationSeries.HOUR_MS)));
    }

    /**
     * A forecast run replaces its issue hour as a whole in the forecast and alert tables: a rerun
     * for the same hour that finds no exceedance leaves no alert of the earlier run behind.
     */
    @Override
    public Map<String, org.apache.iceberg.expressions.Expression> replacedRanges(
            RunPlan<AirQualitySettings> plan) {
        Instant issued = plan.settings().forecastAt();
        if (issued == null) {
            return Map.of();
        }
        long micros =
                Math.addExact(
                        Math.multiplyExact(issued.getEpochSecond(), 1_000_000L),
                        issued.getNano() / 1_000L);
        org.apache.iceberg.expressions.Expression hour =
                Expressions.and(
                        Expressions.equal(TableRegistry.CITY, plan.days().city()),
                        Expressions.equal("issued_at", micros));
        return Map.of(AirTables.FORECAST, hour, AirTables.ALERTS, hour);
    }

    @Override
    public List<TableDef> outputs() {
        return AirTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<AirQualitySettings> plan) {
        AirQualitySettings settings = plan.settings();
        Input input = inputs(plan.days(), settings).get(0);
        DataStream<AirReading> readings =
                context.read(
                        input,
                        new AirReadings.ToReading(input),
                        AirReading.class,
                        "to-air-reading");
        String city = plan.city().id();
        ZoneId zone = plan.city().zone();
        ModelStore store = new ModelStore(context.io(AirTables.SKILL), context.warehouse());
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        if (settings.training()) {
            Instant trainedAt = Instant.now();
            String version =
                    DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                                    .format(trainedAt.atOffset(ZoneOffset.UTC))
                            + runSuffix(plan.runId());
            SingleOutputStreamOperator<RowData> skill =
                    readings.keyBy(r -> city, Types.STRING)
                            .process(
                                    new GroupAtEnd<>(
                                            Types.POJO(AirReading.class),
                                            new AirTrainer(
                                                    city,
                                                    zone,
                                                    settings,
                                                    version,
                                                    trainedAt.toEpochMilli(),
                                                    input.from(),
                                                    input.to(),
                                                    store)))
                            .name("air-trainer")
                            .uid("air-trainer");
            rows.put(AirTables.SKILL, context.rows(AirTables.SKILL, skill));
            return rows;
        }
        Record latest =
                latestModel(context.ref(AirTables.SKILL))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "no air-quality model for city "
                                                        + city
                                                        + " in "
                                                        + AirTables.SKILL
                                                        + "; train one first: citylake run"
                                                        + " airquality --city "
                                                        + city
                                                        + " --train A..B --validate C..D --test"
                                                        + " E..F"));
        String version = (String) latest.getField("model_version");
        Trained trained = store.read((String) latest.getField("artefact"));
        OutputTag<RowData> alerts =
                new OutputTag<>(
                        "air-alerts",
                        InternalTypeInfo.of(AirTables.rowType(AirTables.alertsSchema())));
        SingleOutputStreamOperator<RowData> forecasts =
                readings.keyBy(r -> city, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(AirReading.class),
                                        new AirForecaster(
                                                city,
                                                zone,
                                                trained,
                                                version,
                                                settings.forecastAt(),
                                                settings.alertAbove(),
                                                input.from(),
                                                alerts)))
                        .name("air-forecaster")
                        .uid("air-forecaster");
        rows.put(AirTables.FORECAST, context.rows(AirTables.FORECAST, forecasts));
        DataStream<RowData> alertRows = forecasts.getSideOutput(alerts);
        rows.put(
                AirTables.ALERTS,
                context.rows(
                        AirTables.ALERTS,
                        alertRows.map(r -> r).name("air-alert-rows").uid("air-alert-rows")));
        return rows;
    }

    /**
     * The end of the model versions run {@code runId} trains: {@code -} + its first 8 hex digits.
     */
    public static String runSuffix(String runId) {
        return "-" + runId.replace("-", "").substring(0, 8);
    }

    /** The most recently trained model among a city's skill rows. */
    static Optional<Record> latestModel(List<Record> skillRows) {
        return skillRows.stream()
                .max(
                        Comparator.comparing(
                                        (Record r) -> (OffsetDateTime) r.getField("trained_at"))
                                .thenComparing(r -> (String) r.getField("model_version")));
    }

    @Override
    public void print(Committed run, RunPlan<AirQualitySettings> plan, PrintStream out) {
        if (plan.settings().training()) {
            printSkill(run, plan, out);
        } else {
            printForecast(run, plan, out);
        }
    }

    private static void printSkill(
            Committed run, RunPlan<AirQualitySettings> plan, PrintStream out) {
        // the run's snapshot holds every earlier version too: keep this run's
        String suffix = runSuffix(plan.runId());
        List<Record> rows =
                new ArrayList<>(
                        run
                                .read(
                                        AirTables.SKILL,
                                        Expressions.equal(TableRegistry.CITY, plan.city().id()))
                                .stream()
                                .filter(
                                        r ->
                                                ((String) r.getField("model_version"))
                                                        .endsWith(suffix))
                                .toList());
        if (rows.isEmpty()) {
            return;
        }
        AirQualitySettings s = plan.settings();
        out.printf(
                "%nPM2.5 forecast skill, %s, model %s: trained %s, validated %s, tested %s (RMSE"
                        + " and MAE in µg/m³):%n",
                plan.city().id(),
                rows.get(0).getField("model_version"),
                s.train(),
                s.validate(),
                s.test());
        Map<String, List<Record>> byStation = new TreeMap<>();
        rows.forEach(
                r ->
                        byStation
                                .computeIfAbsent(
                                        (String) r.getField("station_id"), k -> new ArrayList<>())
                                .add(r));
        List<List<String>> cells = new ArrayList<>();
        List<String> order = new ArrayList<>(byStation.keySet());
        order.remove(DirectForecaster.ALL);
        order.add(0, DirectForecaster.ALL);
        for (String station : order) {
            byStation.get(station).stream()
                    .filter(r -> PRINTED.contains((Integer) r.getField("horizon")))
                    .sorted(Comparator.comparing(r -> (Integer) r.getField("horizon")))
                    .forEach(
                            r ->
                                    cells.add(
                                            List.of(
                                                    station,
                                                    "h" + r.getField("horizon"),
                                                    String.valueOf(r.getField("forecast_pairs")),
                                                    f2(r.getField("rmse")),
                                                    f2(r.getField("persistence_rmse")),
                                                    f1(r.getField("skill_pct")),
                                                    f2(r.getField("mae")),
                                                    f2(r.getField("persistence_mae")),
                                                    f1(percent(r.getField("interval_coverage"))))));
        }
        TextTable.print(
                out,
                List.of(
                        "station",
                        "horizon",
                        "n",
                        "RMSE",
                        "persistence RMSE",
                        "skill %",
                        "MAE",
                        "persistence MAE",
                        "80 % interval coverage %"),
                cells,
                false);
        out.printf(
                "All 24 horizons: SELECT * FROM %s WHERE model_version = '%s'%n",
                AirTables.SKILL, rows.get(0).getField("model_version"));
    }

    private static void printForecast(
            Committed run, RunPlan<AirQualitySettings> plan, PrintStream out) {
        ZoneId zone = plan.city().zone();
        List<Record> rows =
                run.read(
                        AirTables.FORECAST,
                        Expressions.and(
                                Expressions.equal(TableRegistry.CITY, plan.city().id()),
                                Expressions.equal(
                                        "issued_at",
                                        plan.settings().forecastAt().toEpochMilli() * 1000)));
        rows.sort(
                Comparator.comparing((Record r) -> (String) r.getField("station_id"))
                        .thenComparing(r -> (Integer) r.getField("horizon")));
        Instant issued = plan.settings().forecastAt();
        out.printf(
                "%nPM2.5 forecast, %s, issued %s (%s time)%s:%n",
                plan.city().id(),
                LOCAL.format(issued.atZone(zone)),
                zone,
                rows.isEmpty() ? "" : ", model " + rows.get(0).getField("model_version"));
        if (rows.isEmpty()) {
            out.println(
                    "  no station has a PM2.5 reading in the 24 h before the issue time: no"
                            + " forecast");
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        for (Record r : rows) {
            cells.add(
                    List.of(
                            (String) r.getField("station_id"),
                            "+" + r.getField("horizon") + " h",
                            LOCAL.format(
                                    Instant.from((OffsetDateTime) r.getField("target_at"))
                                            .atZone(zone)),
                            f1(r.getField("prediction")),
                            f1(r.getField("interval_lower"))
                                    + " .. "
                                    + f1(r.getField("interval_upper")),
                            r.getField("iaqi") == null ? ">500" : r.getField("iaqi").toString(),
                            (String) r.getField("category")));
        }
        TextTable.print(
                out,
                List.of(
                        "station",
                        "horizon",
                        "target (local)",
                        "PM2.5 µg/m³",
                        "80 % interval",
                        "IAQI",
                        "HJ 633 category"),
                cells,
                false);
        out.printf(
                "Alerts (forecast above %s µg/m³): %d hours in %s%n",
                f1(plan.settings().alertAbove()), run.rows(AirTables.ALERTS), AirTables.ALERTS);
    }

    private static Object percent(Object share) {
        return share == null ? null : 100 * (Double) share;
    }

    private static String f1(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
    }

    private static String f2(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue());
    }
}
