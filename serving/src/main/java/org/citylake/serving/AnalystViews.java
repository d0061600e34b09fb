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
