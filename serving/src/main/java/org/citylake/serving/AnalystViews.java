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

    static {
        VIEWS.put(
                "clean.v_traffic_hourly",
                "SELECT city, segment_id, date_trunc('hour', observed_at) AS hour,"
                        + " count(*) AS readings, sum(intensity) AS vehicles,"
                        + " avg(avg_speed_kmh) AS mean_speed_kmh,"
                        + " avg(avg_travel_time_s) AS mean_travel_time_s"
                        + " FROM clean.traffic_flow GROUP BY 1, 2, 3");
        VIEWS.put(
                "clean.v_air_daily",
                "SELECT city, station_id, date_trunc('day', observed_at) AS day,"
                        + " count(*) AS readings, avg(pm25) AS mean_pm25, max(pm25) AS max_pm25"
                        + " FROM clean.air_quality GROUP BY 1, 2, 3");
        VIEWS.put(
                "clean.v_parking_hourly",
                "SELECT city, lot_id, date_trunc('hour', observed_at) AS hour,"
                        + " avg(occupancy) AS mean_occupancy, max(occupancy) AS max_occupancy"
                        + " FROM clean.parking GROUP BY 1, 2, 3");
        VIEWS.put(
                "gold.v_parking_busiest",
                // The parking job ranks the garages of each run's period (one rule, in the job);
                // this view shows the ranking of the latest period per city.
                "SELECT b.city, b.period_from, b.period_to, b.garage_rank, b.lot_id, b.capacity,"
                        + " b.days_with_data, b.peak_occupancy, b.peak_at, b.hours_above_90,"
                        + " b.hours_above_90_per_day FROM gold.parking_busiest b"
                        + " WHERE b.period_to = (SELECT max(l.period_to) FROM gold.parking_busiest l"
                        + " WHERE l.city = b.city)");
        VIEWS.put(
                "gold.v_congestion_top",
                "SELECT city, period_kind, period_start, scope_kind, scope_rank, scope_id,"
                        + " scope_name, peak_tti, congestion_pct, band, delay_vehicle_hours,"
                        + " vehicles, days_with_data"
                        + " FROM gold.congestion_ranking WHERE scope_rank <= 10");
        // the job ranks within one city; cities of one lake are ranked against each other here
        VIEWS.put(
                "gold.v_city_congestion_ranking",
                "SELECT rank() OVER (PARTITION BY period_kind, period_start ORDER BY peak_tti"
                        + " DESC) AS city_rank, city, period_kind, period_start, peak_tti,"
                        + " congestion_pct, band, delay_vehicle_hours, vehicle_km, days_with_data"
                        + " FROM gold.congestion_ranking WHERE scope_kind = 'city'");
        // air quality: the latest model's skill per city, and the latest forecast per station
        VIEWS.put(
                "gold.v_air_forecast_skill_latest",
                "SELECT s.city, s.model_version, s.trained_at, s.station_id, s.horizon,"
                        + " s.test_from, s.test_to, s.forecast_pairs, s.rmse, s.persistence_rmse,"
                        + " s.skill_pct, s.mae, s.persistence_mae, s.interval_coverage"
                        + " FROM gold.air_forecast_skill s WHERE s.trained_at = (SELECT"
                        + " max(l.trained_at) FROM gold.air_forecast_skill l WHERE l.city = s.city)");
        VIEWS.put(
                "gold.v_air_forecast_latest",
                "SELECT f.city, f.station_id, f.issued_at, f.target_at, f.horizon,"
                        + " f.prediction, f.interval_lower, f.interval_upper, f.iaqi, f.category,"
                        + " f.model_version FROM gold.air_forecast f WHERE f.issued_at = (SELECT"
                        + " max(l.issued_at) FROM gold.air_forecast l WHERE l.city = f.city)");
        VIEWS.put(
                "gold.v_segment_congestion_hourly",
                "SELECT city, segment_id, window_start AS hour, local_date, local_hour, is_peak,"
                        + " flow AS vehicles, mean_speed_kmh, travel_time_s, free_flow_time_s, tti,"
                        + " congestion_pct, band FROM gold.segment_congestion"
                        + " WHERE window_minutes = 60");
        // Street lighting (gold.lighting_*, the lighting job): a night is the lighting day from
        // local noon; energy includes the job's estimate of missing reports.
        VIEWS.put(
                "gold.v_lighting_monthly",
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
        VIEWS.put(
                "gold.v_lighting_faults",
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
        VIEWS.put(
                "gold.v_lighting_fault_counts",
                "SELECT city, night, fault_type, count(*) AS faults,"
                        + " count_if(severity = 'high') AS high_severity"
                        + " FROM gold.lighting_faults GROUP BY 1, 2, 3");
        VIEWS.put(
                "gold.v_lighting_meter_reconciliation",
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
        VIEWS.put(
                "gold.v_waste_daily",
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
        VIEWS.put(
                "gold.v_waste_bins_latest",
                "SELECT b.city, b.period_from, b.period_to, b.container_id, b.pickups,"
                        + " b.kg_collected, b.mean_fill_at_emptying, b.low_fill_pickups,"
                        + " b.fill_rate_per_day, b.days_to_full, b.overflows,"
                        + " b.mean_days_between_pickups FROM gold.waste_bin_stats b"
                        + " WHERE b.period_to = (SELECT max(l.period_to) FROM gold.waste_bin_stats l"
                        + " WHERE l.city = b.city)");
    }

    /** Creates or replaces every view; returns their names. */
    public static List<String> create(TrinoClient admin) throws SQLException {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, String> view : VIEWS.entrySet()) {
            admin.query("CREATE OR REPLACE VIEW " + view.getKey() + " AS " + view.getValue());
            created.add(view.getKey());
        }
        return created;
    }
}
