package org.citylake.analytics.waste;

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
 * Gold tables of the waste job (DESIGN §5 Waste): the reconstructed collection routes and their
 * efficiency, each bin's fill statistics over a run's period, the optimised plan of each day for
 * the bins that were due, and the day's saving against the routes driven. The day tables are
 * partitioned by city and local day; a run replaces every row of its days.
 */
public final class WasteTables {

    public static final String ROUTE_KPI = "gold.waste_route_kpi";
    public static final String BIN_STATS = "gold.waste_bin_stats";
    public static final String ROUTE_PLAN = "gold.waste_route_plan";
    public static final String PLAN_SUMMARY = "gold.waste_plan_summary";
    public static final String DISTRICT_DAILY = "gold.waste_district_daily";

    /** The day column of the day tables: the city's local date. */
    public static final String DAY = "service_day";

    public static final String PERIOD_FROM = "period_from";

    private static final Type TS = Types.TimestampType.withZone();
    private static final Type STR = Types.StringType.get();
    private static final Type DBL = Types.DoubleType.get();
    private static final Type INT = Types.IntegerType.get();
    private static final Type DATE = Types.DateType.get();

    private WasteTables() {}

    public static List<TableDef> all() {
        return List.of(routeKpi(), binStats(), routePlan(), planSummary(), districtDaily());
    }

    private static TableDef routeKpi() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the bins"),
                        req(DAY, DATE, "local date of the route's first pickup"),
                        req(
                                "vehicle_id",
                                STR,
                                "refVehicle of the collections ('unknown' when not reported)"),
                        req(
                                "route_no",
                                INT,
                                "the vehicle's route of the day, 1.. in time order (a new route"
                                        + " starts after a pause longer than --route-gap)"),
                        req("started_at", TS, "first pickup"),
                        req("ended_at", TS, "last pickup"),
                        req("bins_emptied", INT, "pickups of the route"),
                        req(
                                "km",
                                DBL,
                                "distance driven: depot -> pickups in time order -> depot, by road"
                                        + " (or great circle, see distance_source), km"),
                        req("tonnes", DBL, "weight collected, t"),
                        opt("kg_per_km", DBL, "kg collected per km driven, kg/km; null at 0 km"),
                        opt("mean_fill", DBL, "mean filling level before emptying, 0..1"),
                        opt(
                                "low_fill_share",
                                DBL,
                                "share of pickups below --low-fill (30 %) full: emptied too early"),
                        req(
                                "overflows",
                                INT,
                                "pickups of bins at or above --overflow-level (100 %) full"),
                        req(
                                "drive_hours",
                                DBL,
                                "driving time of the km, from the travel-time matrix, h"),
                        req(
                                "truck_hours",
                                DBL,
                                "drive_hours + --service-seconds per pickup: the model the plan"
                                        + " is compared in, h"),
                        req(
                                "unplaced_stops",
                                INT,
                                "pickups of bins without a position in ref.waste_containers (left"
                                        + " out of km)"),
                        req("distance_source", STR, "road (OSM network) or great_circle"));
        return new TableDef(
                TableIdentifier.parse(ROUTE_KPI),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(DAY).build(),
                COMMON_PROPERTIES,
                "Waste collection routes reconstructed from the collections, per vehicle, day and"
                        + " route: km, tonnes, kg per km, fills at emptying");
    }

    private static TableDef binStats() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the bin"),
                        req(PERIOD_FROM, DATE, "first day of the run's period"),
                        req("period_to", DATE, "last day of the run's period"),
                        req("container_id", STR, "ref.waste_containers id"),
                        req("pickups", INT, "emptyings in the period"),
                        req("kg_collected", DBL, "weight collected in the period, kg"),
                        opt("mean_fill_at_emptying", DBL, "mean filling level before emptying"),
                        req("low_fill_pickups", INT, "emptyings below --low-fill full"),
                        opt(
                                "fill_rate_per_day",
                                DBL,
                                "typical fill rate: median over its fill cycles ending in the"
                                        + " period of (level before emptying - level after the"
                                        + " previous emptying) / days between, share of capacity"
                                        + " per day; null without a complete cycle"),
                        opt(
                                "days_to_full",
                                DBL,
                                "--overflow-level / fill_rate_per_day: days from empty to full"),
                        req(
                                "overflows",
                                INT,
                                "fill cycles ending in the period that reached --overflow-level"
                                        + " before the bin was emptied"),
                        opt(
                                "mean_days_between_pickups",
                                DBL,
                                "mean length of its fill cycles ending in the period, days"));
        return new TableDef(
                TableIdentifier.parse(BIN_STATS),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(PERIOD_FROM).build(),
                COMMON_PROPERTIES,
                "Waste bins over a run's period: fill rate per day, days to full, overflows");
    }

    private static TableDef routePlan() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the bins"),
                        req(DAY, DATE, "local date planned"),
                        req("vehicle_id", STR, "ref.waste_vehicles id the route is given to"),
                        req("route_no", INT, "the vehicle's planned route of the day, 1.."),
                        req(
                                "stop_seq",
                                INT,
                                "1.. in driving order; the last stop of a route is the return"
                                        + " to the depot"),
                        req("stop_kind", STR, "bin or depot"),
                        opt("container_id", STR, "ref.waste_containers id; null for the depot"),
                        opt("depot_id", STR, "ref.waste_depots id of a depot stop"),
                        req("lon", DBL, "stop position, WGS84"),
                        req("lat", DBL, "stop position, WGS84"),
                        req("leg_km", DBL, "distance from the previous stop (the depot first), km"),
                        req("cum_km", DBL, "distance from the start of the route, km"),
                        req(
                                "load_kg",
                                DBL,
                                "load on board after the stop, kg (forecast kg of the bins emptied so"
                                        + " far)"),
                        opt(
                                "fill_forecast",
                                DBL,
                                "the bin's forecast filling level at the pickup, 0..1"));
        return new TableDef(
                TableIdentifier.parse(ROUTE_PLAN),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(DAY).build(),
                COMMON_PROPERTIES,
                "Optimised waste collection routes for the bins due each day (capacitated VRP)");
    }

    private static TableDef planSummary() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the bins"),
                        req(DAY, DATE, "local date"),
                        req("bins_emptied", INT, "pickups actually made that day"),
                        req(
                                "bins_due",
                                INT,
                                "bins due: forecast at or above --due-level now or by the next"
                                        + " visit (--revisit-days)"),
                        req("actual_routes", INT, "routes reconstructed from the collections"),
                        req("planned_routes", INT, "routes of the plan"),
                        req(
                                "actual_km",
                                DBL,
                                "length of the routes driven (as gold.waste_route_kpi), km"),
                        req("planned_km", DBL, "length of the planned routes, km"),
                        req("saving_km", DBL, "actual_km - planned_km, km"),
                        opt("saving_pct", DBL, "saving_km / actual_km x 100, %; null at 0 km"),
                        req("actual_truck_hours", DBL, "truck hours of the routes driven, h"),
                        req("planned_truck_hours", DBL, "truck hours of the plan, h"),
                        req("saving_truck_hours", DBL, "actual - planned truck hours, h"),
                        req("vehicle_capacity_kg", DBL, "capacity of each planned route, kg"),
                        req("solver", STR, "the VRP solver and its time limit"),
                        req("distance_source", STR, "road (OSM network) or great_circle"));
        return new TableDef(
                TableIdentifier.parse(PLAN_SUMMARY),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(DAY).build(),
                COMMON_PROPERTIES,
                "Per day: the optimised plan for the bins due against the routes driven, saving in"
                        + " km and truck hours");
    }

    private static TableDef districtDaily() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the bins"),
                        req(DAY, DATE, "local date of the pickups"),
                        req(
                                "district_id",
                                STR,
                                "ref.districts id of the polygon covering the bin ('outside' when"
                                        + " none does or the bin has no position)"),
                        opt("district_name", STR, "ref.districts name"),
                        req("bins_emptied", INT, "pickups in the district that day"),
                        req("bins", INT, "distinct bins emptied"),
                        req("tonnes", DBL, "weight collected, t"),
                        opt("mean_fill", DBL, "mean filling level before emptying, 0..1"),
                        opt(
                                "low_fill_share",
                                DBL,
                                "share of pickups below --low-fill (30 %) full: emptied too early"),
                        req(
                                "overflows",
                                INT,
                                "pickups of bins at or above --overflow-level (100 %) full"));
        return new TableDef(
                TableIdentifier.parse(DISTRICT_DAILY),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(DAY).build(),
                COMMON_PROPERTIES,
                "Waste collection KPIs per district and day: pickups, bins, tonnes, fill at"
                        + " emptying, overflows");
    }
}
