package org.citylake.analytics.profile;

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
 * The street profile's gold table: one row per road segment per local day, with what each domain
 * the city has says about it. A domain's columns are null when none of its rows joins the segment
 * that day (no data is not zero); each domain carries the Iceberg snapshot id of the table its
 * figures were read from, so every figure can be reproduced ({@code FOR VERSION AS OF}).
 * Partitioned by city and day; a run replaces its days as a whole.
 */
public final class ProfileTables {

    public static final String STREET_PROFILE = "gold.street_profile";

    /** The day column (as in gold.segment_congestion; {@code day} is reserved in Flink SQL). */
    public static final String LOCAL_DATE = "local_date";

    private static final Type STR = Types.StringType.get();
    private static final Type DBL = Types.DoubleType.get();
    private static final Type INT = Types.IntegerType.get();
    private static final Type LONG = Types.LongType.get();

    private ProfileTables() {}

    public static List<TableDef> all() {
        return List.of(streetProfile());
    }

    private static TableDef streetProfile() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the segment"),
                        req(LOCAL_DATE, Types.DateType.get(), "day, city time"),
                        req("segment_id", STR, "ref.road_segments id"),
                        opt("segment_name", STR, "ref.road_segments name"),
                        opt("road_class", STR, "ref.road_segments road_class"),
                        opt("length_m", DBL, "ref.road_segments length_m, m"),
                        opt("geometry_wkt", STR, "LineString, WGS84 lon/lat, WKT"),
                        opt(
                                "traffic_vehicles",
                                LONG,
                                "vehicles counted on the day: sum of the hourly flow of"
                                        + " gold.segment_congestion"),
                        opt(
                                "traffic_tti",
                                DBL,
                                "travel time index of the day: the hourly TTI weighted by the"
                                        + " hour's flow, over the hours with a TTI"),
                        opt(
                                "traffic_peak_tti",
                                DBL,
                                "as traffic_tti over the peak hours (is_peak) only; null on a day"
                                        + " without peak hours"),
                        opt(
                                "traffic_delay_vehicle_hours",
                                DBL,
                                "sum over the hours of flow x (TTI - 1) x free-flow time, h"),
                        opt("traffic_hours", INT, "hours with a TTI, h"),
                        opt(
                                "traffic_snapshot_id",
                                LONG,
                                "gold.segment_congestion snapshot the traffic values were read"
                                        + " from"),
                        opt(
                                "parking_lots",
                                INT,
                                "garages joined to the segment (nearest segment within"
                                        + " --asset-distance) with a row in gold.parking_daily"),
                        opt(
                                "parking_lot_ids",
                                STR,
                                "their ref.parking_lots ids, sorted, comma-separated"),
                        opt("parking_capacity", INT, "their spots, summed"),
                        opt(
                                "parking_peak_occupancy",
                                DBL,
                                "the highest peak_occupancy of those garages that day, 0..1"),
                        opt(
                                "parking_snapshot_id",
                                LONG,
                                "gold.parking_daily snapshot the parking values were read from"),
                        opt(
                                "lighting_lit_segments",
                                INT,
                                "lit segments (ref.lit_segments) joined to the segment with a"
                                        + " row of the night"),
                        opt("lighting_lamps", INT, "lamps of those lit segments"),
                        opt(
                                "lighting_kwh",
                                DBL,
                                "energy of the night (the one starting on local_date): kwh +"
                                        + " kwh_estimated of gold.lighting_energy, kWh"),
                        opt("lighting_lit_km", DBL, "lit length of those lit segments, km"),
                        opt("lighting_kwh_per_km", DBL, "lighting_kwh / lighting_lit_km, kWh/km"),
                        opt(
                                "lighting_faults",
                                INT,
                                "lamp faults of the night (gold.lighting_faults) of the lamps on"
                                        + " the segment"),
                        opt(
                                "lighting_snapshot_id",
                                LONG,
                                "gold.lighting_energy snapshot the energy was read from"),
                        opt(
                                "lighting_faults_snapshot_id",
                                LONG,
                                "gold.lighting_faults snapshot the faults were read from"),
                        opt(
                                "waste_bins",
                                INT,
                                "bins emptied that day that stand on the segment (nearest segment"
                                        + " within --asset-distance)"),
                        opt("waste_pickups", INT, "their pickups (clean.waste_collection)"),
                        opt(
                                "waste_overflows",
                                INT,
                                "pickups with a fill before emptying at or above"
                                        + " --overflow-level"),
                        opt("waste_kg", DBL, "weight collected, kg"),
                        opt(
                                "waste_snapshot_id",
                                LONG,
                                "clean.waste_collection snapshot the pickups were read from"),
                        opt(
                                "air_station_id",
                                STR,
                                "ref.air_stations id of the station nearest to the segment"),
                        opt("air_station_distance_m", DBL, "distance segment - station, m"),
                        opt("air_readings", INT, "the station's PM2.5 readings that day"),
                        opt(
                                "air_pm25_mean",
                                DBL,
                                "mean of those readings (clean.air_quality pm25), µg/m³"),
                        opt(
                                "air_iaqi",
                                INT,
                                "HJ 633-2012 IAQI of air_pm25_mean; null above 500 µg/m³"),
                        opt(
                                "air_snapshot_id",
                                LONG,
                                "clean.air_quality snapshot the readings were read from"));
        return new TableDef(
                TableIdentifier.parse(STREET_PROFILE),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(LOCAL_DATE).build(),
                COMMON_PROPERTIES,
                "One row per road segment per day joining traffic, parking, lighting, waste and"
                        + " air, each with the snapshot it was read from");
    }
}
