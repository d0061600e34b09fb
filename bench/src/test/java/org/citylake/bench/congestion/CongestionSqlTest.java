package org.citylake.bench.congestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.analytics.traffic.IndexRow;
import org.citylake.analytics.traffic.PeriodSums;
import org.citylake.analytics.traffic.RankingRow;
import org.citylake.analytics.traffic.ScopeRanking;
import org.citylake.analytics.traffic.ScopeSums;
import org.citylake.analytics.traffic.SegmentRef;
import org.citylake.analytics.traffic.SegmentSeries;
import org.citylake.analytics.traffic.TrafficReading;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.testdata.BundledCities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DuckDB's congestion SQL against the job's own per-segment and ranking code on a small made-up
 * network: five segments (one without a network free-flow time, one outside every district, one
 * with too few peak readings), four days of 5-minute readings (Sunday to Wednesday) with empty
 * intervals, missing values, speeds without travel times, outliers and faster-than-free-flow
 * readings. Index and rankings of Monday and Tuesday must agree.
 */
class CongestionSqlTest {

    static final String CITY = "aarhus";
    static final AnalyticsPeriod DAYS =
            AnalyticsPeriod.of(
                    BundledCities.of(CITY), LocalDate.of(2014, 8, 18), LocalDate.of(2014, 8, 19));
    static final CongestionSettings SETTINGS = CongestionSettings.defaults();

    /** id, name, length m, network free-flow s, district id, district name. */
    static final List<SegmentRef> SEGMENTS =
            List.of(
                    new SegmentRef("S1", "Ring", 1000.0, 60.0, "D1", "North"),
                    new SegmentRef("S2", "Lane", 500.0, null, "D1", "North"),
                    new SegmentRef("S3", "Motorway", 2000.0, 100.0, "outside", "outside"),
                    new SegmentRef("S4", "Harbour", 800.0, 40.0, "D2", "South"),
                    new SegmentRef("S5", "Quiet", 300.0, 20.0, "D2", "South"));

    static List<TrafficReading> readings;
    static List<RankedScope> duckRanking;
    static Map<String, IndexRow> duckIndex;

    @BeforeAll
    static void computeWithDuckDb() throws Exception {
        readings = readings();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            for (String sql :
                    CongestionSql.statements(
                            DAYS,
                            SETTINGS,
                            values(
                                    "city, segment_id, observed_at, intensity, avg_speed_kmh,"
                                            + " avg_travel_time_s",
                                    readings.stream().map(CongestionSqlTest::row).toList()),
                            values(
                                    "city, id, name, length_m, free_flow_time_s",
                                    SEGMENTS.stream()
                                            .map(
                                                    g ->
                                                            List.of(
                                                                    q(CITY),
                                                                    q(g.id()),
                                                                    q(g.name()),
                                                                    num(g.lengthM()),
                                                                    num(g.freeFlowTimeS())))
                                            .toList()),
                            values(
                                    "city, segment_id, district_id, district_name",
                                    SEGMENTS.stream()
                                            .map(
                                                    g ->
                                                            List.of(
                                                                    q(CITY),
                                                                    q(g.id()),
                                                                    q(g.districtId()),
                                                                    q(g.districtName())))
                                            .toList()))) {
                s.execute(sql);
            }
            duckIndex = new LinkedHashMap<>();
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT segment_id, window_minutes, window_start_us // 1000, flow,"
                                    + " readings, outlier_readings, tti, travel_time_s,"
                                    + " mean_speed_kmh, free_flow_time_s, free_flow_method, is_peak"
                                    + " FROM idx")) {
                while (rs.next()) {
                    IndexRow r = new IndexRow();
                    r.segmentId = rs.getString(1);
                    r.windowMinutes = rs.getInt(2);
                    r.windowStartMs = rs.getLong(3);
                    r.flow = rs.getLong(4);
                    r.readings = rs.getInt(5);
                    r.outlierReadings = rs.getInt(6);
                    r.tti = (Double) rs.getObject(7);
                    r.travelTimeS = (Double) rs.getObject(8);
                    r.meanSpeedKmh = (Double) rs.getObject(9);
                    r.freeFlowTimeS = (Double) rs.getObject(10);
                    r.freeFlowMethod = rs.getString(11);
                    r.peak = rs.getBoolean(12);
                    duckIndex.put(key(r), r);
                }
            }
            duckRanking = new DuckDbCongestion(c).ranking();
        }
    }

    @Test
    void rankingsEqualTheJobsRanking() {
        List<RankedScope> job = jobRanking();
        assertThat(job).extracting(RankedScope::scopeKind).contains("segment", "district", "city");
        // S5 has too few peak readings; S3 lies outside every district
        assertThat(job).noneMatch(r -> r.scopeId().equals("S5"));
        assertThat(job).noneMatch(r -> r.scopeId().equals("outside"));
        assertThat(job).extracting(RankedScope::periodKind).contains("day", "week");
        assertThat(job).anyMatch(r -> r.outlierReadings() > 0);
        assertThat(RankingCheck.difference(job, duckRanking)).isNull();
    }

    @Test
    void indexEqualsTheJobsIndex() {
        Map<String, IndexRow> job = new LinkedHashMap<>();
        for (var e : bySegment().entrySet()) {
            SegmentSeries.compute(segment(e.getKey()), e.getValue(), DAYS, SETTINGS)
                    .rows()
                    .forEach(r -> job.put(key(r), r));
        }
        // two days of 5 segments (S5 only one hour) in 5-minute and hourly windows
        assertThat(job).hasSize(4 * 2 * (288 + 24) + 7 + 1);
        assertThat(duckIndex.keySet()).containsExactlyInAnyOrderElementsOf(job.keySet());
        assertThat(job.values()).anyMatch(r -> "night-p85".equals(r.freeFlowMethod));
        for (IndexRow want : job.values()) {
            IndexRow got = duckIndex.get(key(want));
            String what = key(want);
            assertThat(got.flow).as(what).isEqualTo(want.flow);
            assertThat(got.readings).as(what).isEqualTo(want.readings);
            assertThat(got.outlierReadings).as(what).isEqualTo(want.outlierReadings);
            assertThat(got.peak).as(what).isEqualTo(want.peak);
            assertThat(got.freeFlowMethod).as(what).isEqualTo(want.freeFlowMethod);
            assertClose(what + " tti", got.tti, want.tti);
            assertClose(what + " travel time", got.travelTimeS, want.travelTimeS);
            assertClose(what + " speed", got.meanSpeedKmh, want.meanSpeedKmh);
            assertClose(what + " free flow", got.freeFlowTimeS, want.freeFlowTimeS);
        }
    }

    private static void assertClose(String what, Double got, Double want) {
        if (want == null) {
            assertThat(got).as(what).isNull();
        } else {
            assertThat(got).as(what).isNotNull();
            assertThat(RankingCheck.closeTo(got, want))
                    .as(what + ": " + got + " vs " + want)
                    .isTrue();
        }
    }

    /** The job's path: per segment series, scope sums added in segment order, ranked. */
    static List<RankedScope> jobRanking() {
        Map<String, List<ScopeSums>> groups = new TreeMap<>();
        for (var e : bySegment().entrySet()) {
            SegmentRef segment = segment(e.getKey());
            for (PeriodSums p :
                    SegmentSeries.compute(segment, e.getValue(), DAYS, SETTINGS).sums()) {
                for (ScopeSums s : ScopeSums.of(p, segment, CITY)) {
                    groups.computeIfAbsent(s.group(), k -> new ArrayList<>()).add(s);
                }
            }
        }
        List<RankedScope> rows = new ArrayList<>();
        for (List<ScopeSums> group : groups.values()) {
            Map<String, ScopeSums> byScope = new TreeMap<>();
            group.stream()
                    .sorted(Comparator.comparing((ScopeSums s) -> s.segmentId))
                    .forEach(s -> byScope.merge(s.scopeId, s, ScopeSums::plus));
            for (RankingRow r :
                    ScopeRanking.rank(
                            new ArrayList<>(byScope.values()), SETTINGS.minPeakReadings())) {
                rows.add(
                        new RankedScope(
                                r.period,
                                LocalDate.ofEpochDay(r.periodStartEpochDay),
                                r.scope,
                                r.scopeId,
                                r.scopeName,
                                r.rank,
                                r.peakTti,
                                r.delayVehicleHours,
                                r.vehicles,
                                r.vehicleKm,
                                r.lengthKm,
                                r.segments,
                                r.peakReadings,
                                r.outlierReadings,
                                r.daysWithData));
            }
        }
        return rows;
    }

    /** Readings of the whole ISO weeks around the days, per segment, as the job reads them. */
    static Map<String, List<TrafficReading>> bySegment() {
        AnalyticsPeriod weeks = DAYS.wholeWeeks();
        Map<String, List<TrafficReading>> map = new TreeMap<>();
        for (TrafficReading r : readings) {
            if (r.observedAtMs >= weeks.start().toEpochMilli()
                    && r.observedAtMs < weeks.end().toEpochMilli()) {
                map.computeIfAbsent(r.segmentId, k -> new ArrayList<>()).add(r);
            }
        }
        return map;
    }

    static SegmentRef segment(String id) {
        return SEGMENTS.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** Sunday 17th to Wednesday 20th, every 5 minutes; S5 only Monday 06:00–06:30. */
    static List<TrafficReading> readings() {
        List<TrafficReading> all = new ArrayList<>();
        for (int g = 0; g < SEGMENTS.size(); g++) {
            SegmentRef segment = SEGMENTS.get(g);
            double reference = segment.freeFlowTimeS() != null ? segment.freeFlowTimeS() : 45.0;
            for (int d = 0; d < 4; d++) {
                LocalDate day = LocalDate.of(2014, 8, 17).plusDays(d);
                Instant midnight = day.atStartOfDay(DAYS.zone()).toInstant();
                for (int k = 0; k < 288; k++) {
                    if (segment.id().equals("S5") && (d != 1 || k < 72 || k > 78)) {
                        continue;
                    }
                    int i = k + 1000 * g + 300 * d;
                    long flow = i % 97 == 0 ? 0 : (i * 7L) % 13;
                    Double speed = i % 53 == 0 ? null : 15.0 + (i * 11 % 70) + 0.25 * (i % 4);
                    Double tt;
                    if (i % 17 == 0) {
                        tt = null; // from length / speed when there is a speed
                    } else if (i % 61 == 0) {
                        tt = reference * 12; // implausible: an outlier
                    } else if (i % 23 == 0) {
                        tt = reference * 0.8; // faster than free flow: TTI 1
                    } else {
                        tt = reference * (1 + (i * 13 % 40) / 10.0);
                    }
                    all.add(
                            new TrafficReading(
                                    segment.id(),
                                    midnight.toEpochMilli() + k * 300_000L,
                                    flow,
                                    speed,
                                    tt));
                }
            }
        }
        return all;
    }

    static List<String> row(TrafficReading r) {
        return List.of(
                q(CITY),
                q(r.segmentId),
                "epoch_ms(" + r.observedAtMs + ")::TIMESTAMPTZ",
                // an empty interval is stored without a count
                r.flow == 0 ? "NULL::BIGINT" : r.flow + "::BIGINT",
                num(r.speedKmh),
                num(r.travelTimeS));
    }

    static String values(String columns, List<List<String>> rows) {
        List<String> tuples = rows.stream().map(r -> "(" + String.join(", ", r) + ")").toList();
        return "(SELECT * FROM (VALUES " + String.join(", ", tuples) + ") AS t(" + columns + "))";
    }

    static String q(String s) {
        return CongestionSql.quote(s);
    }

    static String num(Double d) {
        return d == null ? "NULL::DOUBLE" : String.format(Locale.ROOT, "%s::DOUBLE", d);
    }

    static String key(IndexRow r) {
        return r.segmentId + "/" + r.windowMinutes + "/" + r.windowStartMs;
    }
}
