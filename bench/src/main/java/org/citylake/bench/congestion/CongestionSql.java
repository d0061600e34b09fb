package org.citylake.bench.congestion;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.model.AnalyticsPeriod;

/**
 * The congestion job's computation written as DuckDB SQL, statement by statement: readings, free
 * flow, classified readings, the index per segment per 5 minutes and per hour, the peak sums per
 * segment and period, and the rankings of segments, districts and the city. The rules are those of
 * {@code SegmentSeries}, {@code FreeFlow}, {@code ScopeSums} and {@code ScopeRanking}; the knobs
 * come from the same {@link CongestionSettings} the job gets.
 *
 * <p>Windows start at the reading's instant floored to 5 or 60 minutes in UTC, which is the job's
 * local-clock window whenever the city's UTC offset is whole hours ({@link CongestionVsDuckDbBench}
 * checks it).
 */
final class CongestionSql {

    /** Tables the statements create. */
    static final String INDEX = "idx";

    static final String RANKING = "ranking";

    private CongestionSql() {}

    /**
     * @param days the days the job is run for; readings are taken from their whole ISO weeks
     * @param readings a DuckDB table expression over {@code clean.traffic_flow}'s data files
     * @param roadSegments same over {@code ref.road_segments}
     * @param segmentDistricts same over {@code ref.segment_districts}
     */
    static List<String> statements(
            AnalyticsPeriod days,
            CongestionSettings settings,
            String readings,
            String roadSegments,
            String segmentDistricts) {
        String city = quote(days.city());
        AnalyticsPeriod weeks = days.wholeWeeks();
        String zone = quote(days.zone().getId());
        String from = date(days.from());
        String to = date(days.to());
        return List.of(
                // SegmentDirectory: segments of the city with their district, else outside
                "CREATE OR REPLACE TEMP TABLE seg AS SELECT s.id AS segment_id, s.name,"
                        + " s.length_m, s.free_flow_time_s,"
                        + " CASE WHEN s.length_m > 0 THEN s.length_m / 1000.0 ELSE 0.0 END AS"
                        + " length_km, coalesce(d.district_id, 'outside') AS district_id,"
                        + " CASE WHEN d.district_id IS NULL THEN 'outside'"
                        + " ELSE coalesce(d.district_name, d.district_id) END AS district_name"
                        + " FROM "
                        + roadSegments
                        + " s LEFT JOIN (SELECT * FROM "
                        + segmentDistricts
                        + " WHERE city = "
                        + city
                        + ") d ON d.segment_id = s.id WHERE s.city = "
                        + city,
                // TrafficReadings: the whole ISO weeks around the days
                "CREATE OR REPLACE TEMP TABLE r AS SELECT segment_id,"
                        + " epoch_us(observed_at) AS us, coalesce(intensity, 0) AS flow,"
                        + " avg_speed_kmh AS speed, avg_travel_time_s AS reported_tt,"
                        + " timezone("
                        + zone
                        + ", observed_at) AS local FROM "
                        + readings
                        + " WHERE city = "
                        + city
                        + " AND observed_at >= "
                        + instant(weeks.start())
                        + " AND observed_at < "
                        + instant(weeks.end()),
                // FreeFlow: the network's time, else length over the night-time speed percentile
                "CREATE OR REPLACE TEMP TABLE ff AS SELECT seg.segment_id, seg.length_m,"
                        + " CASE WHEN seg.free_flow_time_s > 0 THEN seg.free_flow_time_s"
                        + " WHEN seg.length_m > 0 AND n.speeds >= "
                        + settings.minNightReadings()
                        + " THEN seg.length_m / (n.p / 3.6) END AS ff_s,"
                        + " CASE WHEN seg.free_flow_time_s > 0 THEN 'network'"
                        + " WHEN seg.length_m > 0 AND n.speeds >= "
                        + settings.minNightReadings()
                        + " THEN 'night-p85' ELSE 'none' END AS method"
                        + " FROM seg LEFT JOIN (SELECT segment_id, count(*) AS speeds,"
                        + " quantile_cont(speed, "
                        + settings.nightPercentile()
                        + ") AS p FROM r WHERE flow > 0 AND speed > 0 AND "
                        + night(settings)
                        + " GROUP BY segment_id) n ON n.segment_id = seg.segment_id",
                // SegmentSeries.classify: travel time, raw TTI, outlier, clipped TTI
                "CREATE OR REPLACE TEMP TABLE c AS SELECT *,"
                        + " tt IS NOT NULL AND ff_s IS NOT NULL AND tt / ff_s > "
                        + settings.ttiCap()
                        + " AS outlier,"
                        + " CASE WHEN tt IS NOT NULL AND ff_s IS NOT NULL AND tt / ff_s <= "
                        + settings.ttiCap()
                        + " THEN greatest(1.0, tt / ff_s) END AS tti FROM (SELECT r.*,"
                        + " CAST(r.local AS DATE) AS local_date, hour(r.local) AS local_hour,"
                        + " coalesce(ff.method, 'none') AS method, ff.ff_s,"
                        + " CASE WHEN r.flow > 0 THEN CASE WHEN r.reported_tt > 0 THEN r.reported_tt"
                        + " WHEN r.speed > 0 AND ff.length_m > 0 THEN ff.length_m / (r.speed / 3.6)"
                        + " END END AS tt, "
                        + peak(settings)
                        + " AS peak FROM r LEFT JOIN ff ON ff.segment_id = r.segment_id)",
                // the index: 5-minute and hourly windows of the asked days
                "CREATE OR REPLACE TEMP TABLE "
                        + INDEX
                        + " AS SELECT segment_id, window_minutes, window_start_us,"
                        + " min(local_date) AS local_date, min(local_hour) AS local_hour,"
                        + " bool_or(peak) AS is_peak, CAST(sum(flow) AS BIGINT) AS flow,"
                        + " sum(flow * speed) FILTER (WHERE usable AND speed > 0)"
                        + " / sum(flow) FILTER (WHERE usable AND speed > 0) AS mean_speed_kmh,"
                        + " sum(flow * tt) FILTER (WHERE usable) / sum(flow) FILTER (WHERE usable)"
                        + " AS travel_time_s, any_value(ff_s) AS free_flow_time_s,"
                        + " sum(flow * tti) FILTER (WHERE tti IS NOT NULL)"
                        + " / sum(flow) FILTER (WHERE tti IS NOT NULL) AS tti,"
                        + " any_value(method) AS free_flow_method, count(*) AS readings,"
                        + " count(*) FILTER (WHERE outlier) AS outlier_readings FROM ("
                        + window(5, from, to)
                        + " UNION ALL "
                        + window(60, from, to)
                        + ") GROUP BY segment_id, window_minutes, window_start_us",
                // SegmentSeries.addPeak + PeriodSums: peak sums per segment, day and ISO week
                "CREATE OR REPLACE TEMP TABLE sums AS SELECT * FROM (SELECT segment_id, period_kind,"
                        + " period_start,"
                        + " coalesce(sum(flow * tti) FILTER (WHERE tti IS NOT NULL), 0.0) AS flow_tti,"
                        + " CAST(coalesce(sum(flow) FILTER (WHERE tti IS NOT NULL), 0) AS BIGINT)"
                        + " AS flow,"
                        + " coalesce(sum(flow * (tti - 1.0) * ff_s) FILTER (WHERE tti IS NOT NULL),"
                        + " 0.0) AS delay_s,"
                        + " count(*) FILTER (WHERE tti IS NOT NULL) AS peak_readings,"
                        + " count(*) FILTER (WHERE outlier) AS outlier_readings,"
                        + " coalesce(bit_or(1 << CAST(local_date - period_start AS INTEGER))"
                        + " FILTER (WHERE tti IS NOT NULL), 0) AS days_mask FROM ("
                        + "SELECT *, 'day' AS period_kind, local_date AS period_start FROM c WHERE peak"
                        + " AND local_date BETWEEN "
                        + from
                        + " AND "
                        + to
                        + " UNION ALL SELECT *, 'week' AS period_kind,"
                        + " CAST(date_trunc('week', local_date) AS DATE) AS period_start FROM c"
                        + " WHERE peak) GROUP BY segment_id, period_kind, period_start)"
                        // PeriodSums without a usable reading or an outlier are not emitted
                        + " WHERE flow > 0 OR outlier_readings > 0",
                // ScopeSums.of + RankScopes + ScopeRanking
                "CREATE OR REPLACE TEMP TABLE "
                        + RANKING
                        + " AS SELECT period_kind, period_start, scope_kind, scope_id, scope_name,"
                        + " row_number() OVER (PARTITION BY period_kind, period_start, scope_kind"
                        + " ORDER BY peak_tti DESC, delay_s DESC, scope_id) AS scope_rank, peak_tti,"
                        + " delay_s / 3600.0 AS delay_vehicle_hours, vehicles, vehicle_km,"
                        + " length_km, segments, peak_readings, outlier_readings,"
                        + " bit_count(days_mask) AS days_with_data FROM (SELECT period_kind,"
                        + " period_start, scope_kind, scope_id, min(scope_name) AS scope_name,"
                        + " sum(w * flow_tti) / sum(w * flow) AS peak_tti, sum(w * flow) AS weight,"
                        + " CAST(sum(flow) AS BIGINT) AS vehicles, sum(flow * km) AS vehicle_km,"
                        + " sum(delay_s) AS delay_s,"
                        + " sum(CASE WHEN flow > 0 THEN km ELSE 0.0 END) AS length_km,"
                        + " sum(CASE WHEN flow > 0 THEN 1 ELSE 0 END) AS segments,"
                        + " sum(peak_readings) AS peak_readings,"
                        + " sum(outlier_readings) AS outlier_readings, bit_or(days_mask) AS days_mask"
                        + " FROM (SELECT s.*, coalesce(g.length_km, 0.0) AS km, 'segment' AS scope_kind,"
                        + " s.segment_id AS scope_id, g.name AS scope_name, 1.0 AS w"
                        + " FROM sums s LEFT JOIN seg g USING (segment_id)"
                        + " UNION ALL SELECT s.*, g.length_km, 'district', g.district_id,"
                        + " g.district_name, g.length_km FROM sums s JOIN seg g USING (segment_id)"
                        + " WHERE g.district_id <> 'outside'"
                        + " UNION ALL SELECT s.*, coalesce(g.length_km, 0.0), 'city', "
                        + city
                        + ", "
                        + city
                        + ", coalesce(g.length_km, 0.0) FROM sums s LEFT JOIN seg g"
                        + " USING (segment_id)) GROUP BY period_kind, period_start, scope_kind, scope_id)"
                        + " WHERE weight > 0 AND peak_readings >= "
                        + settings.minPeakReadings());
    }

    /** The readings of the asked days, each in its window of {@code minutes}. */
    private static String window(int minutes, String from, String to) {
        long us = minutes * 60_000_000L;
        return "SELECT *, "
                + minutes
                + " AS window_minutes, us - us % "
                + us
                + " AS window_start_us, tt IS NOT NULL AND NOT outlier AS usable FROM c"
                + " WHERE local_date BETWEEN "
                + from
                + " AND "
                + to;
    }

    /** {@link CongestionSettings#isPeak} on the column {@code local}. */
    static String peak(CongestionSettings settings) {
        if (settings.peakDays().isEmpty() || settings.peakHours().isEmpty()) {
            return "false";
        }
        String days =
                settings.peakDays().stream()
                        .map(DayOfWeek::getValue)
                        .map(String::valueOf)
                        .collect(Collectors.joining(", "));
        String hours =
                settings.peakHours().stream()
                        .map(
                                h ->
                                        "(hour(r.local) >= "
                                                + h.start()
                                                + " AND hour(r.local) < "
                                                + h.end()
                                                + ")")
                        .collect(Collectors.joining(" OR "));
        return "(isodow(r.local) IN (" + days + ") AND (" + hours + "))";
    }

    /** {@link CongestionSettings#isNight} on the column {@code local}. */
    static String night(CongestionSettings settings) {
        int start = settings.nightStartHour();
        int end = settings.nightEndHour();
        return start > end
                ? "(hour(local) >= " + start + " OR hour(local) < " + end + ")"
                : "(hour(local) >= " + start + " AND hour(local) < " + end + ")";
    }

    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }

    private static String instant(Instant i) {
        return "TIMESTAMPTZ '" + i.toString().replace('T', ' ').replace("Z", "+00") + "'";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
