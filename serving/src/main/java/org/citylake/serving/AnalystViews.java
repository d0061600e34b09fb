package org.citylake.serving;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trino views for analysts over the clean and gold tables: the questions they ask every day,
 * without having to know the raw grain. Created as admin with {@code CREATE OR REPLACE}
 * (idempotent); they live in the Iceberg catalog, so they survive a restart of the stack. Times are
 * UTC. {@code lakehouse init} re-creates them after renaming columns, so they read the new names.
 */
public final class AnalystViews {

    private AnalystViews() {}

    /** View name → defining query. */
    public static final Map<String, String> VIEWS = new LinkedHashMap<>();

    /**
     * View name → its comment: what question it answers, its grain, the units of its figures and
     * the tables it reads.
     */
    public static final Map<String, String> COMMENTS = new LinkedHashMap<>();

    static {
        view(
                "clean.v_traffic_hourly",
                "Traffic per road segment and UTC hour from clean.traffic_flow: readings, vehicles"
                        + " counted (sum of intensity), mean speed km/h, mean travel time s",
                "SELECT city, segment_id, date_trunc('hour', observed_at) AS hour,"
                        + " count(*) AS readings, sum(intensity) AS vehicles,"
                        + " avg(avg_speed_kmh) AS mean_speed_kmh,"
                        + " avg(avg_travel_time_s) AS mean_travel_time_s"
                        + " FROM clean.traffic_flow GROUP BY 1, 2, 3");
        view(
                "clean.v_air_daily",
                "Air quality per station and UTC day from clean.air_quality: readings, mean and max"
                        + " PM2.5 in µg/m³",
                "SELECT city, station_id, date_trunc('day', observed_at) AS day,"
                        + " count(*) AS readings, avg(pm25) AS mean_pm25, max(pm25) AS max_pm25"
                        + " FROM clean.air_quality GROUP BY 1, 2, 3");
        view(
                "clean.v_parking_hourly",
                "Parking per garage and UTC hour from clean.parking: mean and max occupancy (0..1)",
                "SELECT city, lot_id, date_trunc('hour', observed_at) AS hour,"
                        + " avg(occupancy) AS mean_occupancy, max(occupancy) AS max_occupancy"
                        + " FROM clean.parking GROUP BY 1, 2, 3");
        view(
                "gold.v_parking_busiest",
                "The busiest garages of the latest period per city (gold.parking_busiest): rank 1 ="
                        + " most hours above 90 % full, then highest peak occupancy (0..1)",
                // The parking job ranks the garages of each run's period (one rule, in the job);
                // this view shows the ranking of the latest period per city.
                "SELECT b.city, b.period_from, b.period_to, b.garage_rank, b.lot_id, b.capacity,"
                        + " b.days_with_data, b.peak_occupancy, b.peak_at, b.hours_above_90,"
                        + " b.hours_above_90_per_day FROM gold.parking_busiest b"
                        + " WHERE b.period_to = (SELECT max(l.period_to) FROM gold.parking_busiest l"
                        + " WHERE l.city = b.city)");
        view(
                "gold.v_congestion_top",
                "The 10 most congested segments, districts and the city per period (day or ISO week)"
                        + " by peak-hour travel time index (gold.congestion_ranking)",
                "SELECT city, period_kind, period_start, scope_kind, scope_rank, scope_id,"
                        + " scope_name, peak_tti, congestion_pct, band, delay_vehicle_hours,"
                        + " vehicles, days_with_data"
                        + " FROM gold.congestion_ranking WHERE scope_rank <= 10");
        // the job ranks within one city; cities of one lake are ranked against each other here
        view(
                "gold.v_city_congestion_ranking",
                "Cities of the lake ranked against each other per period by peak-hour travel time"
                        + " index (gold.congestion_ranking, scope city)",
                "SELECT rank() OVER (PARTITION BY period_kind, period_start ORDER BY peak_tti"
                        + " DESC) AS city_rank, city, period_kind, period_start, peak_tti,"
                        + " congestion_pct, band, delay_vehicle_hours, vehicle_km, days_with_data"
                        + " FROM gold.congestion_ranking WHERE scope_kind = 'city'");
        // air quality: the latest model's skill per city, and the latest forecast per station
        view(
                "gold.v_air_forecast_skill_latest",
                "PM2.5 forecast skill of the latest model per city, per station and horizon (hours):"
                        + " RMSE and MAE in µg/m³ beside persistence; skill % = 100 x (1 - rmse /"
                        + " persistence_rmse) (gold.air_forecast_skill)",
                "SELECT s.city, s.model_version, s.trained_at, s.station_id, s.horizon,"
                        + " s.test_from, s.test_to, s.forecast_pairs, s.rmse, s.persistence_rmse,"
                        + " s.skill_pct, s.mae, s.persistence_mae, s.interval_coverage"
                        + " FROM gold.air_forecast_skill s WHERE s.trained_at = (SELECT"
                        + " max(l.trained_at) FROM gold.air_forecast_skill l WHERE l.city = s.city)");
        view(
                "gold.v_air_forecast_latest",
                "The latest PM2.5 forecast per city: the next 24 h per station with its interval in"
                        + " µg/m³, IAQI and category (gold.air_forecast)",
                "SELECT f.city, f.station_id, f.issued_at, f.target_at, f.horizon,"
                        + " f.prediction, f.interval_lower, f.interval_upper, f.iaqi, f.category,"
                        + " f.model_version FROM gold.air_forecast f WHERE f.issued_at = (SELECT"
                        + " max(l.issued_at) FROM gold.air_forecast l WHERE l.city = f.city)");
        view(
                "gold.v_segment_congestion_hourly",
                "Congestion per road segment and hour (UTC hour, local date and hour): vehicles,"
                        + " speed km/h, travel time index, congestion %, band (gold.segment_congestion,"
                        + " 60-minute windows)",
                "SELECT city, segment_id, window_start AS hour, local_date, local_hour, is_peak,"
                        + " flow AS vehicles, mean_speed_kmh, travel_time_s, free_flow_time_s, tti,"
                        + " congestion_pct, band FROM gold.segment_congestion"
                        + " WHERE window_minutes = 60");
        // Street lighting (gold.lighting_*, the lighting job): a night is the lighting day from
        // local noon; energy includes the job's estimate of missing reports.
        view(
                "gold.v_lighting_monthly",
                "Street-lighting energy per month by road class, district and city: nights, kWh"
                        + " (reported + estimated), kWh per lit km per night, saving % against full power dusk"
                        + " to dawn (gold.lighting_energy)",
                "SELECT city, date_trunc('month', night) AS month_start, scope_level, scope_id,"
                        + " count(*) AS nights, sum(kwh + kwh_estimated) AS kwh,"
                        + " max(lit_km) AS lit_km,"
                        + " sum(kwh + kwh_estimated) / nullif(sum(lit_km), 0) AS kwh_per_km_night,"
                        + " sum(baseline_kwh) AS baseline_kwh,"
                        + " 100 * (1 - sum(kwh + kwh_estimated) / nullif(sum(baseline_kwh), 0))"
                        + " AS saving_pct, sum(burning_hours) AS burning_hours"
                        + " FROM gold.lighting_energy"
                        + " WHERE scope_level IN ('road_class', 'district', 'city')"
                        + " AND reporting_lamps > 0 GROUP BY 1, 2, 3, 4");
        view(
                "gold.v_lighting_faults",
                "Street-lighting faults with the position, street, road class and district of the"
                        + " lamp or cabinet (gold.lighting_faults with ref.streetlights,"
                        + " ref.streetlight_cabinets, ref.lit_segments)",
                // a lamp fault at the lamp, a cabinet fault at the cabinet
                "SELECT f.city, f.night, f.fault_type, f.entity_kind, f.entity_id, f.lamp_id,"
                        + " f.cabinet_id, coalesce(l.lon, c.lon) AS lon, coalesce(l.lat, c.lat) AS"
                        + " lat, l.segment_id, s.name AS street, s.road_class, coalesce(s.district_id,"
                        + " c.district_id) AS district_id, f.severity, f.first_seen_at,"
                        + " f.last_seen_at, f.readings_flagged, f.power_seen_w, f.power_expected_w,"
                        + " f.energy_seen_kwh, f.energy_expected_kwh, f.reports_seen,"
                        + " f.reports_expected, f.detail"
                        + " FROM gold.lighting_faults f"
                        + " LEFT JOIN ref.streetlights l ON l.city = f.city AND l.id = f.lamp_id"
                        + " LEFT JOIN ref.streetlight_cabinets c ON c.city = f.city"
                        + " AND c.id = f.cabinet_id"
                        + " LEFT JOIN ref.lit_segments s ON s.city = l.city AND s.id = l.segment_id");
        view(
                "gold.v_lighting_fault_counts",
                "Street-lighting faults counted per city, night and fault type, with the"
                        + " high-severity ones (gold.lighting_faults)",
                "SELECT city, night, fault_type, count(*) AS faults,"
                        + " count_if(severity = 'high') AS high_severity"
                        + " FROM gold.lighting_faults GROUP BY 1, 2, 3");
        view(
                "gold.v_lighting_meter_reconciliation",
                "Per cabinet and night: metered kWh beside the kWh of its lamps, the difference % and"
                        + " the meter faults found (gold.lighting_energy, gold.lighting_faults)",
                // per cabinet and night: the meter beside its lamps, and the meter faults found
                "SELECT e.city, e.night, e.scope_id AS cabinet_id, e.metered_kwh,"
                        + " e.kwh + e.kwh_estimated AS lamps_kwh, e.kwh_estimated,"
                        + " 100 * (e.metered_kwh - (e.kwh + e.kwh_estimated))"
                        + " / nullif(e.kwh + e.kwh_estimated, 0) AS difference_pct,"
                        + " e.reporting_lamps, e.lamps,"
                        + " (SELECT count(*) FROM gold.lighting_faults f WHERE f.city = e.city"
                        + " AND f.night = e.night AND f.cabinet_id = e.scope_id"
                        + " AND f.fault_type = 'METER_RESET') > 0 AS meter_reset,"
                        + " (SELECT count(*) FROM gold.lighting_faults f WHERE f.city = e.city"
                        + " AND f.night = e.night AND f.cabinet_id = e.scope_id"
                        + " AND f.fault_type = 'METER_MISMATCH') > 0 AS meter_mismatch"
                        + " FROM gold.lighting_energy e WHERE e.scope_level = 'cabinet'");
        // Waste (gold.waste_*, the waste job): the day's collection against its optimised plan,
        // and each bin's statistics of the latest period per city.
        view(
                "gold.v_waste_daily",
                "Waste collection per city and day: routes, bins emptied, km, tonnes, kg per km,"
                        + " fills at emptying (0..1), beside the optimised plan: bins due, planned km, saving %"
                        + " and truck hours (gold.waste_route_kpi, gold.waste_plan_summary)",
                "SELECT k.city, k.service_day, count(*) AS routes, sum(k.bins_emptied) AS bins_emptied,"
                        + " sum(k.km) AS km, sum(k.tonnes) AS tonnes,"
                        + " sum(k.tonnes) * 1000 / nullif(sum(k.km), 0) AS kg_per_km,"
                        + " sum(k.mean_fill * k.bins_emptied) / sum(k.bins_emptied) AS mean_fill,"
                        + " sum(k.low_fill_share * k.bins_emptied) / sum(k.bins_emptied)"
                        + " AS low_fill_share, sum(k.overflows) AS overflows,"
                        + " sum(k.truck_hours) AS truck_hours, max(p.bins_due) AS bins_due,"
                        + " max(p.planned_km) AS planned_km, max(p.saving_pct) AS saving_pct,"
                        + " max(p.saving_truck_hours) AS saving_truck_hours"
                        + " FROM gold.waste_route_kpi k LEFT JOIN gold.waste_plan_summary p"
                        + " ON p.city = k.city AND p.service_day = k.service_day GROUP BY k.city, k.service_day");
        view(
                "gold.v_waste_bins_latest",
                "Each litter bin over the latest period per city: pickups, kg, fill at emptying"
                        + " (0..1), fill rate per day, days to full, overflows (gold.waste_bin_stats)",
                "SELECT b.city, b.period_from, b.period_to, b.container_id, b.pickups,"
                        + " b.kg_collected, b.mean_fill_at_emptying, b.low_fill_pickups,"
                        + " b.fill_rate_per_day, b.days_to_full, b.overflows,"
                        + " b.mean_days_between_pickups FROM gold.waste_bin_stats b"
                        + " WHERE b.period_to = (SELECT max(l.period_to) FROM gold.waste_bin_stats l"
                        + " WHERE l.city = b.city)");
        view(
                "gold.v_waste_districts_daily",
                "Waste collection per district of ref.districts and day: pickups, bins, tonnes,"
                        + " kg per pickup, fill at emptying (0..1), share emptied too early,"
                        + " overflows; 'outside' for bins in no district (gold.waste_district_daily)",
                "SELECT d.city, d.service_day, d.district_id, d.district_name, d.bins_emptied,"
                        + " d.bins, d.tonnes, CASE WHEN d.bins_emptied > 0 THEN"
                        + " round(1000 * d.tonnes / d.bins_emptied, 1) END AS kg_per_pickup,"
                        + " d.mean_fill, d.low_fill_share, d.overflows"
                        + " FROM gold.waste_district_daily d");
        // Congestion by time of day: the hours of every day pooled, peak and off-peak apart.
        view(
                "gold.v_congestion_time_of_day",
                "Congestion by local hour of day per city, peak hours of peak days apart: days,"
                        + " segments, vehicles, the travel time index weighted by flow and the mean"
                        + " speed km/h over the hourly windows (gold.segment_congestion)",
                "SELECT city, local_hour, is_peak, count(DISTINCT local_date) AS days,"
                        + " count(DISTINCT segment_id) AS segments, sum(flow) AS vehicles,"
                        + " sum(tti * flow) / nullif(sum(CASE WHEN tti IS NOT NULL THEN flow END),"
                        + " 0) AS mean_tti, avg(mean_speed_kmh) AS mean_speed_kmh"
                        + " FROM gold.segment_congestion WHERE window_minutes = 60"
                        + " GROUP BY city, local_hour, is_peak");
        // Parking: the day's peak per garage with its name, the typical day, the forecast's skill.
        view(
                "gold.v_parking_daily",
                "Each garage's day: peak occupancy (0..1) and when, fewest free spots, mean"
                        + " occupancy and hours more than 90 % full, with the garage's name"
                        + " (gold.parking_daily with ref.parking_lots)",
                "SELECT d.city, d.local_date, d.lot_id, l.name AS lot_name, d.capacity,"
                        + " d.peak_occupancy, d.peak_at, d.peak_occupied_spots, d.min_free_spots,"
                        + " d.mean_occupancy, d.hours_above_90, d.hours_with_data"
                        + " FROM gold.parking_daily d LEFT JOIN ref.parking_lots l"
                        + " ON l.city = d.city AND l.id = d.lot_id");
        view(
                "gold.v_parking_time_of_day",
                "The typical day of each garage: mean and highest occupancy (0..1) per local hour,"
                        + " weekdays (Monday to Friday) and weekends apart, over the 15-minute slots"
                        + " with a valid value (gold.parking_occupancy, status ok)",
                "SELECT city, lot_id, day_of_week(local_date) <= 5 AS weekday, local_hour,"
                        + " count(*) AS slots, avg(occupancy) AS mean_occupancy,"
                        + " max(occupancy) AS max_occupancy FROM gold.parking_occupancy"
                        + " WHERE status = 'ok' GROUP BY city, lot_id, day_of_week(local_date) <= 5,"
                        + " local_hour");
        view(
                "gold.v_parking_forecast_skill_latest",
                "Next-hour free-spot forecast of the latest test period per city: MAE and RMSE in"
                        + " spots per garage (ALL = pooled) and model, and the skill against the naive"
                        + " forecast = 1 - rmse / naive rmse (gold.parking_forecast_skill)",
                "SELECT s.city, s.test_start, s.test_end, s.lot_id, s.model, s.horizon_minutes,"
                        + " s.forecast_pairs, s.mae_spots, s.rmse_spots, s.skill_vs_naive"
                        + " FROM gold.parking_forecast_skill s WHERE s.test_start = (SELECT"
                        + " max(l.test_start) FROM gold.parking_forecast_skill l"
                        + " WHERE l.city = s.city)");
        view(
                "gold.v_parking_forecast_by_hour",
                "Parking forecast error by local hour of the target slot, per garage and test"
                        + " period: mean absolute error in spots of the model beside the naive"
                        + " forecast (free spots now) on the same slots (gold.parking_forecast,"
                        + " local hour from gold.parking_occupancy)",
                "SELECT f.city, f.test_start, f.lot_id, f.model, f.horizon_minutes,"
                        + " o.local_hour AS target_local_hour, count(*) AS forecasts,"
                        + " avg(abs(f.forecast_free - f.actual_free)) AS mae_spots,"
                        + " avg(abs(f.free_now - f.actual_free)) AS naive_mae_spots"
                        + " FROM gold.parking_forecast f JOIN gold.parking_occupancy o"
                        + " ON o.city = f.city AND o.lot_id = f.lot_id"
                        + " AND o.slot_start = f.target_slot_start"
                        + " WHERE f.actual_free IS NOT NULL"
                        + " GROUP BY f.city, f.test_start, f.lot_id, f.model, f.horizon_minutes,"
                        + " o.local_hour");
        // Air quality: the alert hours of the latest forecast (none when it stays below the band).
        view(
                "gold.v_air_alerts_latest",
                "Hours of the latest PM2.5 forecast per city above the alert band: prediction and"
                        + " interval top in µg/m³, the band, IAQI and category (gold.air_alerts)",
                "SELECT a.city, a.station_id, a.issued_at, a.target_at, a.horizon, a.prediction,"
                        + " a.interval_upper, a.threshold, a.iaqi, a.category, a.model_version"
                        + " FROM gold.air_alerts a WHERE a.issued_at = (SELECT max(f.issued_at)"
                        + " FROM gold.air_forecast f WHERE f.city = a.city)");
        view(
                "gold.v_lighting_indicator_latest",
                "Annualised street-lighting energy of the latest run per city and road class:"
                        + " kWh per km per year and the EN 13201-5 style kWh per m² per year"
                        + " (gold.lighting_indicator)",
                "SELECT i.city, i.period_from, i.period_to, i.scope_level, i.scope_id,"
                        + " i.nights_with_data, i.lamps, i.kwh, i.lit_km, i.kwh_per_km_year,"
                        + " i.lit_area_m2, i.kwh_per_m2_year FROM gold.lighting_indicator i"
                        + " WHERE i.period_from = (SELECT max(l.period_from)"
                        + " FROM gold.lighting_indicator l WHERE l.city = i.city)");
        view(
                "gold.v_street_profile_latest",
                "The latest profiled day per city, one row per road segment: traffic (vehicles,"
                        + " travel time index), parking peak occupancy (0..1), lighting kWh per km"
                        + " and faults, waste pickups, overflows and kg, PM2.5 µg/m³ of the nearest"
                        + " station (gold.street_profile)",
                "SELECT p.city, p.local_date, p.segment_id, p.segment_name, p.road_class,"
                        + " p.length_m, p.traffic_vehicles, p.traffic_tti, p.traffic_peak_tti,"
                        + " p.traffic_delay_vehicle_hours, p.parking_lots,"
                        + " p.parking_peak_occupancy, p.lighting_kwh_per_km, p.lighting_faults,"
                        + " p.waste_pickups, p.waste_overflows, p.waste_kg, p.air_station_id,"
                        + " p.air_pm25_mean, p.air_iaqi FROM gold.street_profile p"
                        + " WHERE p.local_date = (SELECT max(l.local_date) FROM gold.street_profile l"
                        + " WHERE l.city = p.city)");
        view(
                "gold.v_waste_routes_planned",
                "The optimised waste collection routes per city, day, vehicle and route: bins,"
                        + " km, the load at the end in kg and the mean forecast fill (0..1) at"
                        + " pickup (gold.waste_route_plan)",
                "SELECT city, service_day, vehicle_id, route_no,"
                        + " sum(CASE WHEN stop_kind = 'bin' THEN 1 ELSE 0 END) AS bins,"
                        + " max(cum_km) AS km, max(load_kg) AS load_kg,"
                        + " avg(fill_forecast) AS mean_fill_forecast FROM gold.waste_route_plan"
                        + " GROUP BY city, service_day, vehicle_id, route_no");
    }

    /**
     * Creates or replaces every view with its comment (Trino's {@code CREATE OR REPLACE VIEW ...
     * COMMENT ...}, one statement each, so a view never exists without its comment); returns their
     * names. Analysts read the comments with {@code SHOW CREATE VIEW} or from {@code
     * system.metadata.table_comments}.
     */
    public static List<String> create(TrinoClient admin) throws SQLException {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, String> view : VIEWS.entrySet()) {
            admin.query(createStatement(view.getKey()));
            created.add(view.getKey());
        }
        return created;
    }

    /** The statement that creates or replaces one view with its comment. */
    public static String createStatement(String name) {
        String sql = VIEWS.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no analyst view " + name);
        }
        return "CREATE OR REPLACE VIEW "
                + name
                + " COMMENT '"
                + COMMENTS.get(name).replace("'", "''")
                + "' AS "
                + sql;
    }

    private static void view(String name, String comment, String sql) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException(name + ": a view needs a comment");
        }
        VIEWS.put(name, sql);
        COMMENTS.put(name, comment);
    }
}
