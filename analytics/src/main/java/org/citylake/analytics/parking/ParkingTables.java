package org.citylake.analytics.parking;

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
 * Gold tables of the parking job: occupancy per garage per 15 minutes, daily peaks, and the
 * next-hour availability forecast with its measured skill. Partitioned by identity columns only
 * (city and local day, or city and test-period start), so a re-run replaces whole partitions.
 */
public final class ParkingTables {

    public static final String OCCUPANCY = "gold.parking_occupancy";
    public static final String DAILY = "gold.parking_daily";
    public static final String FORECAST = "gold.parking_forecast";
    public static final String FORECAST_SKILL = "gold.parking_forecast_skill";
    public static final String BUSIEST = "gold.parking_busiest";

    /** Forecasts scored in a row of {@link #FORECAST_SKILL} (was {@code n}). */
    public static final String FORECAST_PAIRS = "forecast_pairs";

    private static final Type TS = Types.TimestampType.withZone();

    private ParkingTables() {}

    public static List<TableDef> all() {
        return List.of(occupancy(), daily(), busiest(), forecast(), forecastSkill());
    }

    private static TableDef occupancy() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the garage"),
                        req("lot_id", Types.StringType.get(), "ref.parking_lots id"),
                        req("slot_start", TS, "start of the 15-minute slot"),
                        req("local_date", Types.DateType.get(), "day of slot_start, city time"),
                        req("local_hour", Types.IntegerType.get(), "hour of slot_start, 0..23"),
                        req(
                                "slot_of_day",
                                Types.IntegerType.get(),
                                "quarter of the local day: hour x 4 + minute / 15, 0..95"),
                        opt("capacity", Types.IntegerType.get(), "spots in the garage"),
                        opt(
                                "occupied_spots",
                                Types.IntegerType.get(),
                                "spots taken at the slot's end (capacity - free), spots"),
                        opt("free_spots", Types.IntegerType.get(), "free spots at the slot's end"),
                        opt("occupancy", Types.DoubleType.get(), "occupied / capacity, 0..1"),
                        opt(
                                "reading_at",
                                TS,
                                "observation time of the reading the value comes from (the"
                                        + " last one before the slot's end)"),
                        opt(
                                "reading_age_s",
                                Types.IntegerType.get(),
                                "age of that reading at the slot's end, s (at most the maximum"
                                        + " age, default 3600)"),
                        req(
                                "readings_in_slot",
                                Types.IntegerType.get(),
                                "readings observed within the slot"),
                        req(
                                "status",
                                Types.StringType.get(),
                                "ok; stale (last reading older than the maximum age); frozen"
                                        + " (stuck sensor: one count for 24 h or more);"
                                        + " no_reading. Values are null unless ok"));
        return new TableDef(
                TableIdentifier.parse(OCCUPANCY),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("local_date").build(),
                COMMON_PROPERTIES,
                "Occupancy per garage per 15 minutes: the last reading before each slot's end,"
                        + " within a maximum age");
    }

    private static TableDef daily() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the garage"),
                        req("lot_id", Types.StringType.get(), "ref.parking_lots id"),
                        req("local_date", Types.DateType.get(), "day, city time"),
                        opt("capacity", Types.IntegerType.get(), "spots in the garage"),
                        req(
                                "slots",
                                Types.IntegerType.get(),
                                "15-minute slots in the day: 96, or 92 / 100 on DST days"),
                        req("slots_with_data", Types.IntegerType.get(), "slots with an ok value"),
                        req(
                                "hours_with_data",
                                Types.DoubleType.get(),
                                "slots_with_data x 15 min, h"),
                        opt(
                                "peak_occupancy",
                                Types.DoubleType.get(),
                                "highest slot occupancy, 0..1"),
                        opt("peak_at", TS, "start of the first slot at the peak"),
                        opt(
                                "peak_occupied_spots",
                                Types.IntegerType.get(),
                                "spots taken at the peak"),
                        opt("min_free_spots", Types.IntegerType.get(), "fewest free spots"),
                        opt(
                                "mean_occupancy",
                                Types.DoubleType.get(),
                                "mean over the slots with data, 0..1"),
                        req(
                                "hours_above_90",
                                Types.DoubleType.get(),
                                "time with more than 90 % of the spots taken: such slots x 15"
                                        + " min, h"));
        return new TableDef(
                TableIdentifier.parse(DAILY),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("local_date").build(),
                COMMON_PROPERTIES,
                "Daily peak occupancy per garage and the hours it was more than 90 % full");
    }

    private static TableDef busiest() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the garages"),
                        req("period_from", Types.DateType.get(), "first day of the run, city time"),
                        req("period_to", Types.DateType.get(), "last day of the run, included"),
                        req(
                                "garage_rank",
                                Types.IntegerType.get(),
                                "1 = busiest: most hours above 90 % full, then highest peak"
                                        + " occupancy, then lot id"),
                        req("lot_id", Types.StringType.get(), "ref.parking_lots id"),
                        opt("capacity", Types.IntegerType.get(), "spots, the largest seen"),
                        req(
                                "days_with_data",
                                Types.IntegerType.get(),
                                "days with at least one slot with a value"),
                        opt(
                                "peak_occupancy",
                                Types.DoubleType.get(),
                                "highest slot occupancy of the period, 0..1"),
                        opt("peak_at", TS, "start of the first slot at that peak"),
                        req(
                                "hours_above_90",
                                Types.DoubleType.get(),
                                "time with more than 90 % of the spots taken, summed over the"
                                        + " days, h"),
                        opt(
                                "hours_above_90_per_day",
                                Types.DoubleType.get(),
                                "hours_above_90 / days_with_data, h; null without data"),
                        req(
                                "hours_with_data",
                                Types.DoubleType.get(),
                                "slots with a value x 15 min, summed over the days, h"));
        return new TableDef(
                TableIdentifier.parse(BUSIEST),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("period_from").build(),
                COMMON_PROPERTIES,
                "The garages of a run's period ranked busiest first (the rule in garage_rank)");
    }

    private static TableDef forecast() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the garage"),
                        req(
                                "test_start",
                                Types.DateType.get(),
                                "first day of the held-back test period, city time"),
                        req("lot_id", Types.StringType.get(), "ref.parking_lots id"),
                        req(
                                "model",
                                Types.StringType.get(),
                                "forecasting model, e.g. seasonal-delta"),
                        req("horizon_minutes", Types.IntegerType.get(), "lead time, minutes"),
                        req("origin_slot_start", TS, "slot the forecast is made at (its end)"),
                        req("target_slot_start", TS, "slot forecast: origin + horizon"),
                        req(
                                "target_local_date",
                                Types.DateType.get(),
                                "day of the target slot, city time"),
                        opt("capacity", Types.IntegerType.get(), "spots in the garage"),
                        req(
                                "free_now",
                                Types.IntegerType.get(),
                                "free spots at the origin = the naive forecast, spots"),
                        req(
                                "forecast_free",
                                Types.DoubleType.get(),
                                "the model's forecast of free spots, 0..capacity"),
                        opt(
                                "actual_free",
                                Types.IntegerType.get(),
                                "free spots observed at the target; null when the slot has no"
                                        + " value"));
        return new TableDef(
                TableIdentifier.parse(FORECAST),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("test_start").build(),
                COMMON_PROPERTIES,
                "Next-hour free-spot forecasts per garage over the held-back test days");
    }

    private static TableDef forecastSkill() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the garages"),
                        req(
                                "test_start",
                                Types.DateType.get(),
                                "first day of the held-back test period, city time"),
                        req(
                                "test_end",
                                Types.DateType.get(),
                                "last day of the test period, included"),
                        req("train_start", Types.DateType.get(), "first training day"),
                        req(
                                "train_end",
                                Types.DateType.get(),
                                "last training day, included (the day before test_start)"),
                        req(
                                "lot_id",
                                Types.StringType.get(),
                                "ref.parking_lots id, or ALL for the city's garages pooled"),
                        req(
                                "model",
                                Types.StringType.get(),
                                "naive (free spots now) or seasonal-delta"),
                        req("horizon_minutes", Types.IntegerType.get(), "lead time, minutes"),
                        req(
                                FORECAST_PAIRS,
                                Types.LongType.get(),
                                "forecasts scored: origin and target slots both with a value"),
                        opt("mae_spots", Types.DoubleType.get(), "mean absolute error, spots"),
                        opt("rmse_spots", Types.DoubleType.get(), "root mean squared error, spots"),
                        opt(
                                "skill_vs_naive",
                                Types.DoubleType.get(),
                                "1 - rmse / rmse of the naive forecast on the same pairs; 0 for"
                                        + " naive, null when undefined"));
        return new TableDef(
                        TableIdentifier.parse(FORECAST_SKILL),
                        schema,
                        PartitionSpec.builderFor(schema)
                                .identity(CITY)
                                .identity("test_start")
                                .build(),
                        COMMON_PROPERTIES,
                        "Measured error of the next-hour parking forecast beside the naive"
                                + " forecast")
                .renamedFrom("n", FORECAST_PAIRS);
    }
}
