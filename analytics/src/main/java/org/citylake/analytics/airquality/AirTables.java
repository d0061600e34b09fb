package org.citylake.analytics.airquality;

import static org.citylake.lakehouse.tables.TableRegistry.CITY;
import static org.citylake.lakehouse.tables.TableRegistry.COMMON_PROPERTIES;
import static org.citylake.lakehouse.tables.TableRegistry.opt;
import static org.citylake.lakehouse.tables.TableRegistry.req;
import static org.citylake.lakehouse.tables.TableRegistry.schema;

import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.lakehouse.tables.TableDef;

/**
 * Gold tables of the air-quality job. Skill is partitioned by city and model version (each training
 * run is a new version, kept beside the earlier ones); forecasts and alerts by city and issue time
 * (a re-run for the same issue time replaces its rows).
 */
public final class AirTables {

    public static final String SKILL = "gold.air_forecast_skill";
    public static final String FORECAST = "gold.air_forecast";
    public static final String ALERTS = "gold.air_alerts";

    private static final Type TS = Types.TimestampType.withZone();
    private static final Type DOUBLE = Types.DoubleType.get();
    private static final Type INT = Types.IntegerType.get();
    private static final Type STRING = Types.StringType.get();
    private static final Type DATE = Types.DateType.get();

    private AirTables() {}

    public static List<TableDef> all() {
        return List.of(skill(), forecast(), alerts());
    }

    static Schema skillSchema() {
        return schema(
                req(CITY, STRING, "city whose stations were pooled"),
                req("model_version", STRING, "model version: UTC training time + run id prefix"),
                req("trained_at", TS, "when the model was trained"),
                req("station_id", STRING, "ref.air_stations id, or ALL for the city pooled"),
                req("horizon", INT, "lead time, hours (1..24)"),
                req("train_from", DATE, "first day of the training window (target times), city"),
                req("train_to", DATE, "last day of the training window, included"),
                req("validate_from", DATE, "first day of the validation window (tuning only)"),
                req("validate_to", DATE, "last day of the validation window, included"),
                req("test_from", DATE, "first day of the test window (target times)"),
                req("test_to", DATE, "last day of the test window, included"),
                req(
                        "forecast_pairs",
                        Types.LongType.get(),
                        "n: test target hours scored, where PM2.5 exists at the issue and the"
                                + " target time"),
                opt("rmse", DOUBLE, "model root mean squared error, µg/m³"),
                opt("mae", DOUBLE, "model mean absolute error, µg/m³"),
                opt("persistence_rmse", DOUBLE, "RMSE of persistence on the same pairs, µg/m³"),
                opt("persistence_mae", DOUBLE, "MAE of persistence on the same pairs, µg/m³"),
                opt("skill_pct", DOUBLE, "100 x (1 - rmse / persistence_rmse), %"),
                req("interval_level", DOUBLE, "nominal coverage of the interval, e.g. 0.8"),
                opt("interval_coverage", DOUBLE, "share of test values inside the interval"),
                req("model_params", STRING, "the horizon's tuned hyper-parameters"),
                req("trees", INT, "trees of the horizon's model (early stopping on validation)"),
                req("validation_rmse", DOUBLE, "the model's RMSE on the validation window"),
                req("artefact", STRING, "location of the model artefact (metadata + models)"));
    }

    private static TableDef skill() {
        Schema schema = skillSchema();
        return new TableDef(
                TableIdentifier.parse(SKILL),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("model_version").build(),
                COMMON_PROPERTIES,
                "Measured skill of the PM2.5 forecasts per model version, horizon and station,"
                        + " beside persistence");
    }

    static Schema forecastSchema() {
        return schema(
                req(CITY, STRING, "city of the station"),
                req("station_id", STRING, "ref.air_stations id"),
                req("issued_at", TS, "issue time: readings stamped up to it were used"),
                req("target_at", TS, "the hour forecast: issued_at + horizon"),
                req("horizon", INT, "lead time, hours"),
                req("model_version", STRING, "gold.air_forecast_skill model_version used"),
                req("prediction", DOUBLE, "forecast PM2.5, µg/m³"),
                req("interval_lower", DOUBLE, "lower end of the prediction interval, µg/m³"),
                req("interval_upper", DOUBLE, "upper end of the prediction interval, µg/m³"),
                req("interval_level", DOUBLE, "nominal coverage of the interval, e.g. 0.8"),
                opt("iaqi", INT, "HJ 633-2012 IAQI of the prediction; null above 500 µg/m³"),
                req("category", STRING, "HJ 633-2012 category, e.g. III lightly polluted"));
    }

    private static TableDef forecast() {
        Schema schema = forecastSchema();
        return new TableDef(
                TableIdentifier.parse(FORECAST),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("issued_at").build(),
                COMMON_PROPERTIES,
                "PM2.5 forecasts of the next 24 h per station with an interval and the IAQI");
    }

    static Schema alertsSchema() {
        return schema(
                req(CITY, STRING, "city of the station"),
                req("station_id", STRING, "ref.air_stations id"),
                req("issued_at", TS, "issue time of the forecast"),
                req("target_at", TS, "the hour forecast above the band"),
                req("horizon", INT, "lead time, hours"),
                req("model_version", STRING, "gold.air_forecast_skill model_version used"),
                req("prediction", DOUBLE, "forecast PM2.5, µg/m³"),
                req("interval_upper", DOUBLE, "upper end of the interval, µg/m³"),
                req("threshold", DOUBLE, "the band exceeded (--alert-above), µg/m³"),
                opt("iaqi", INT, "HJ 633-2012 IAQI of the prediction; null above 500 µg/m³"),
                req("category", STRING, "HJ 633-2012 category"));
    }

    private static TableDef alerts() {
        Schema schema = alertsSchema();
        return new TableDef(
                TableIdentifier.parse(ALERTS),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("issued_at").build(),
                COMMON_PROPERTIES,
                "Forecast hours whose PM2.5 is above the alert band");
    }

    /** The date column value (days since the epoch) of a local date. */
    static int day(java.time.LocalDate date) {
        return (int) date.toEpochDay();
    }

    /** Iceberg schema → a row type for Flink side outputs. */
    static org.apache.flink.table.types.logical.RowType rowType(Schema schema) {
        return org.apache.iceberg.flink.FlinkSchemaUtil.convert(schema);
    }
}
