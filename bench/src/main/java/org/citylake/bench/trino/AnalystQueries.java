package org.citylake.bench.trino;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citylake.serving.AnalystViews;

/**
 * The queries of {@code bench trino}: every analyst view over {@code clean} read whole (the view's
 * own definition is the portable form, so DuckDB runs exactly what Trino expands), and typical
 * questions.
 */
public final class AnalystQueries {

    private AnalystQueries() {}

    public static List<BenchQuery> all() {
        List<BenchQuery> queries = new ArrayList<>();
        for (Map.Entry<String, String> view : AnalystViews.VIEWS.entrySet()) {
            // the bench's lake is ingested only (no analytics job runs): the gold views are empty
            if (!view.getKey().startsWith("clean.")) {
                continue;
            }
            queries.add(
                    new BenchQuery(
                            view.getKey(), "SELECT * FROM " + view.getKey(), view.getValue()));
        }
        queries.add(same("count traffic", "SELECT count(*) AS readings FROM clean.traffic_flow"));
        queries.add(
                same(
                        "busiest segments",
                        "SELECT segment_id, sum(intensity) AS vehicles, count(*) AS readings"
                                + " FROM clean.traffic_flow GROUP BY segment_id"
                                + " ORDER BY vehicles DESC, segment_id LIMIT 10"));
        queries.add(
                same(
                        "city speed by hour",
                        "SELECT date_trunc('hour', observed_at) AS hour,"
                                + " avg(avg_speed_kmh) AS mean_speed_kmh, sum(intensity) AS vehicles"
                                + " FROM clean.traffic_flow GROUP BY 1 ORDER BY 1"));
        queries.add(
                same(
                        "pm25 above 75 by month",
                        "SELECT station_id, date_trunc('month', observed_at) AS month,"
                                + " sum(CASE WHEN pm25 > 75 THEN 1 ELSE 0 END) AS hours_above_75,"
                                + " count(*) AS readings FROM clean.air_quality"
                                + " GROUP BY 1, 2 ORDER BY 1, 2"));
        queries.add(
                same(
                        "parking peak occupancy per lot",
                        "SELECT lot_id, max(occupancy) AS peak, avg(occupancy) AS mean"
                                + " FROM clean.parking GROUP BY lot_id ORDER BY lot_id"));
        return List.copyOf(queries);
    }

    private static BenchQuery same(String name, String sql) {
        return new BenchQuery(name, sql, sql);
    }
}
