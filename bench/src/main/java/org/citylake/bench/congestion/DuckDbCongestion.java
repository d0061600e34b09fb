package org.citylake.bench.congestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.analytics.traffic.SegmentDirectory;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;

/**
 * The congestion computation in an in-process DuckDB: plans the input tables' data files with
 * Iceberg, runs {@link CongestionSql} over them and writes the index and the ranking to Parquet
 * files, as the job writes its two gold tables. The connection stays open for the checks.
 */
final class DuckDbCongestion implements AutoCloseable {

    /** Row counts of the index per window length, and of the ranking. */
    record Counts(long fiveMinuteRows, long hourlyRows, long rankingRows) {}

    private final Connection connection;

    DuckDbCongestion(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens a fresh in-memory database and computes; {@code outDir} receives {@code
     * segment_congestion.parquet} and {@code congestion_ranking.parquet}.
     */
    static DuckDbCongestion compute(
            LakeConfig config, AnalyticsPeriod days, CongestionSettings settings, Path outDir)
            throws Exception {
        String readings;
        String roadSegments;
        String segmentDistricts;
        try (Lake lake = Lake.open(config)) {
            readings =
                    LocalDataFiles.readParquet(
                            LocalDataFiles.of(
                                    lake.table(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable())));
            roadSegments =
                    LocalDataFiles.readParquet(
                            LocalDataFiles.of(lake.table(SegmentDirectory.ROAD_SEGMENTS)));
            segmentDistricts =
                    LocalDataFiles.readParquet(
                            LocalDataFiles.of(lake.table(SegmentDirectory.SEGMENT_DISTRICTS)));
        }
        Files.createDirectories(outDir);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String sql :
                    CongestionSql.statements(
                            days, settings, readings, roadSegments, segmentDistricts)) {
                s.execute(sql);
            }
            copy(s, CongestionSql.INDEX, outDir.resolve("segment_congestion.parquet"));
            copy(s, CongestionSql.RANKING, outDir.resolve("congestion_ranking.parquet"));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new DuckDbCongestion(connection);
    }

    private static void copy(Statement s, String table, Path file) throws SQLException {
        s.execute(
                "COPY "
                        + table
                        + " TO "
                        + CongestionSql.quote(file.toString())
                        + " (FORMAT parquet)");
    }

    Counts counts() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT (SELECT count(*) FROM "
                                        + CongestionSql.INDEX
                                        + " WHERE window_minutes = 5), (SELECT count(*) FROM "
                                        + CongestionSql.INDEX
                                        + " WHERE window_minutes = 60), (SELECT count(*) FROM "
                                        + CongestionSql.RANKING
                                        + ")")) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    List<RankedScope> ranking() throws SQLException {
        List<RankedScope> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT period_kind, CAST(period_start AS VARCHAR), scope_kind,"
                                        + " scope_id, scope_name, scope_rank, peak_tti,"
                                        + " delay_vehicle_hours,"
                                        + " vehicles, vehicle_km, length_km, segments,"
                                        + " peak_readings, outlier_readings, days_with_data FROM "
                                        + CongestionSql.RANKING)) {
            while (rs.next()) {
                rows.add(
                        new RankedScope(
                                rs.getString(1),
                                LocalDate.parse(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getDouble(7),
                                rs.getDouble(8),
                                rs.getLong(9),
                                rs.getDouble(10),
                                rs.getDouble(11),
                                rs.getInt(12),
                                rs.getInt(13),
                                rs.getInt(14),
                                rs.getInt(15)));
            }
        }
        return rows;
    }

    /**
     * Compares this index row by row with the job's {@code gold.segment_congestion} (its data
     * files): same windows, equal counts, flags and method, means to a relative {@value
     * RankingCheck#RELATIVE_TOLERANCE}. Null when equal, else what differs.
     */
    String indexDifference(List<Path> goldFiles, String city) throws SQLException {
        String same =
                "d.local_date = j.local_date AND d.local_hour = j.local_hour"
                        + " AND d.is_peak = j.is_peak AND d.flow = j.flow"
                        + " AND d.readings = j.readings AND d.outlier_readings = j.outlier_readings"
                        + " AND d.free_flow_method = j.free_flow_method"
                        + " AND close_to(d.mean_speed_kmh, j.mean_speed_kmh)"
                        + " AND close_to(d.travel_time_s, j.travel_time_s)"
                        + " AND close_to(d.free_flow_time_s, j.free_flow_time_s)"
                        + " AND close_to(d.tti, j.tti)";
        String join =
                " FROM "
                        + CongestionSql.INDEX
                        + " d FULL OUTER JOIN (SELECT *, epoch_us(window_start) AS window_start_us"
                        + " FROM "
                        + LocalDataFiles.readParquet(goldFiles)
                        + " WHERE city = "
                        + CongestionSql.quote(city)
                        + ") j ON d.segment_id = j.segment_id"
                        + " AND d.window_minutes = j.window_minutes"
                        + " AND d.window_start_us = j.window_start_us";
        try (Statement s = connection.createStatement()) {
            s.execute(
                    "CREATE OR REPLACE TEMP MACRO close_to(a, b) AS (a IS NULL AND b IS NULL)"
                            + " OR coalesce(abs(a - b) <= "
                            + RankingCheck.RELATIVE_TOLERANCE
                            + " * greatest(abs(a), abs(b)), false)");
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT count(*) FILTER (WHERE j.segment_id IS NULL),"
                                    + " count(*) FILTER (WHERE d.segment_id IS NULL),"
                                    + " count(*) FILTER (WHERE d.segment_id IS NOT NULL AND"
                                    + " j.segment_id IS NOT NULL AND NOT coalesce("
                                    + same
                                    + ", false)), count(*)"
                                    + join)) {
                rs.next();
                long onlyDuck = rs.getLong(1);
                long onlyJob = rs.getLong(2);
                long differing = rs.getLong(3);
                if (onlyDuck + onlyJob + differing == 0) {
                    return null;
                }
                String example = "";
                try (ResultSet e =
                        s.executeQuery(
                                "SELECT CAST(d AS VARCHAR), CAST(j AS VARCHAR)"
                                        + join
                                        + " WHERE d.segment_id IS NULL OR j.segment_id IS NULL"
                                        + " OR NOT coalesce("
                                        + same
                                        + ", false) LIMIT 1")) {
                    if (e.next()) {
                        example = "; e.g. DuckDB " + e.getString(1) + " vs job " + e.getString(2);
                    }
                }
                return rs.getLong(4)
                        + " windows: "
                        + onlyDuck
                        + " only in DuckDB's index, "
                        + onlyJob
                        + " only in the job's, "
                        + differing
                        + " differ"
                        + example;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
