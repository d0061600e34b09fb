package org.citylake.bench.congestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.job.JobRunner;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.analytics.traffic.SegmentDirectory;
import org.citylake.analytics.traffic.TrafficCongestionJob;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.bench.harness.CpuTime;
import org.citylake.bench.harness.Repetitions;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;
import org.citylake.testdata.BundledCities;

/**
 * {@code bench congestion-vs-duckdb}: the congestion job over the real Aarhus week against the same
 * computation in DuckDB over the same Parquet data files; every repetition checks both results
 * equal.
 *
 * <pre>
 *  bundled week ─► citylake ingest --batch (embedded) ─► clean.traffic_flow, ref.* (Parquet)
 *                                                          │
 *   (a) TrafficCongestionJob (MiniCluster, batch) ◄────────┤──► gold.segment_congestion,
 *                                                          │    gold.congestion_ranking
 *   (b) DuckDB SQL over read_parquet(data files) ◄─────────┘──► Parquet files
 *                                  rankings and index checked equal ◄┘
 * </pre>
 */
public final class CongestionVsDuckDbBench {

    public static final String NAME = "congestion-vs-duckdb";
    static final String CITY = "aarhus";
    static final double GOAL_RATIO = 3.0;

    /**
     * @param from first day the job is run for
     * @param to last day (included)
     * @param warmups warm-up repetitions
     * @param reps measured repetitions
     */
    public record Params(LocalDate from, LocalDate to, int warmups, int reps) {}

    private CongestionVsDuckDbBench() {}

    public static Report run(Params params, Path home, Path workDir, String command)
            throws Exception {
        AnalyticsPeriod days =
                AnalyticsPeriod.of(BundledCities.of(CITY), params.from(), params.to());
        requireWholeHourOffsets(days);
        CongestionSettings settings = CongestionSettings.defaults();
        Report report =
                new Report(
                        NAME,
                        "The congestion job (citylake run traffic: index per segment per 5 minutes"
                                + " and per hour, day and week rankings of segments, districts and"
                                + " the city) over the real Aarhus week, against the same"
                                + " computation in DuckDB over the same Parquet data files;"
                                + " results checked equal in every repetition.",
                        command);
        report.parameter("days", days.toString())
                .parameter("readings_read", days.wholeWeeks().toString() + " (whole ISO weeks)")
                .parameter("settings", settings.toString())
                .parameter("warmups", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("cores", Runtime.getRuntime().availableProcessors())
                .parameter(
                        "data",
                        "the bundled Aarhus week (test-data/" + AarhusWeekLake.WEEK_CSV + ")");

        Path dataDir = workDir.resolve("lake");
        AarhusWeekLake.load(home.resolve("test-data"), dataDir, NAME);
        LakeConfig config = LakeConfig.embedded(dataDir);
        report.extra("input", describeInput(config));

        Map<String, Object> rows = new LinkedHashMap<>();
        Map<String, List<Double>> values =
                new Repetitions(NAME, System.err)
                        .run(
                                days.toString(),
                                params.warmups(),
                                params.reps(),
                                run -> {
                                    Map<String, Double> m = new LinkedHashMap<>();
                                    String runId = "bench-" + run.name().replace(' ', '-');
                                    double cpu0 = CpuTime.thisProcessSeconds();
                                    long t0 = System.nanoTime();
                                    runJob(config, days, runId);
                                    m.put("job_s", (System.nanoTime() - t0) / 1e9);
                                    m.put("job_cpu_s", CpuTime.thisProcessSeconds() - cpu0);
                                    Path out = workDir.resolve("duckdb-out");
                                    cpu0 = CpuTime.thisProcessSeconds();
                                    t0 = System.nanoTime();
                                    try (DuckDbCongestion duck =
                                            DuckDbCongestion.compute(config, days, settings, out)) {
                                        m.put("duckdb_s", (System.nanoTime() - t0) / 1e9);
                                        m.put("duckdb_cpu_s", CpuTime.thisProcessSeconds() - cpu0);
                                        rows.putAll(check(config, duck));
                                    }
                                    return m;
                                });
        report.add(Series.measured("congestion job", "s", values.get("job_s")));
        report.add(Series.reference("DuckDB", "s", values.get("duckdb_s")));
        report.add(Series.measured("congestion job CPU", "CPU-s", values.get("job_cpu_s")));
        report.add(Series.reference("DuckDB CPU", "CPU-s", values.get("duckdb_cpu_s")));
        double ratio = report.ratio("job / DuckDB (wall)", "congestion job", "DuckDB");
        report.ratio("job / DuckDB (CPU)", "congestion job CPU", "DuckDB CPU");
        report.goal(
                "congestion job ≤ " + (int) GOAL_RATIO + "× DuckDB (wall time)",
                String.format(Locale.ROOT, "%.1f×", ratio),
                ratio <= GOAL_RATIO);
        report.extra("result_rows_checked_equal", rows);
        report.note(
                "Setup (untimed): the bundled week converted (citylake testdata convert), the"
                        + " reference data loaded (citylake ref load) and the readings ingested with"
                        + " citylake ingest --batch into an embedded lake (SQLite catalog, local"
                        + " warehouse).");
        report.note(
                "Job (timed): what citylake run traffic does for the days — the segment directory"
                        + " read from ref.road_segments and ref.segment_districts, then"
                        + " TrafficCongestionJob.run: completeness check, Flink batch job on a"
                        + " fresh MiniCluster (default parallelism = cores) reading"
                        + " clean.traffic_flow with the Iceberg source, writing both gold tables in"
                        + " one overwrite commit each. Not timed: the job-run log and the printed"
                        + " top 10.");
        report.note(
                "DuckDB (timed): Iceberg scan planning of clean.traffic_flow, ref.road_segments and"
                        + " ref.segment_districts for their current data files, a fresh in-memory"
                        + " DuckDB (in-process JDBC, default threads = cores) running the same"
                        + " computation as SQL over read_parquet of those files (free flow,"
                        + " per-reading TTI with the outlier cap, 5-minute and hourly index,"
                        + " peak sums per segment and day/ISO week, vehicle- and vehicle-km-weighted"
                        + " scope sums, ranking), and writing the index and the ranking to Parquet"
                        + " files (no Iceberg commit).");
        report.note(
                "Checked after every repetition, untimed, failing the bench on any difference:"
                        + " every row of gold.congestion_ranking (day and week; segment, district,"
                        + " city) against DuckDB's — same rows, scope_rank, vehicles, segments, peak and"
                        + " outlier readings, days with data and name exactly; peak TTI, delay"
                        + " vehicle-hours, vehicle-km and length to a relative "
                        + RankingCheck.RELATIVE_TOLERANCE
                        + " (the engines add doubles in different orders) — and every row of"
                        + " gold.segment_congestion against DuckDB's index, joined on (segment,"
                        + " window length, window start), with the same tolerance for the means.");
        report.note(
                "CPU-s: this JVM's process CPU time over each side (the MiniCluster and DuckDB's"
                        + " native threads both run in it).");
        return report;
    }

    /** As {@code citylake run traffic}: the job template with the default options. */
    static void runJob(LakeConfig config, AnalyticsPeriod days, String runId) throws Exception {
        TrafficCongestionJob job = new TrafficCongestionJob();
        JobRunner.run(
                config,
                job,
                RunPlan.of(
                        job,
                        BundledCities.of(days.city()),
                        days.from(),
                        days.to(),
                        Map.of(),
                        runId),
                false,
                JobRunner.here(BatchOverwrite.FailurePoints.NONE),
                System.err,
                null);
    }

    /** Both results equal, else an exception; returns the row counts checked. */
    private static Map<String, Object> check(LakeConfig config, DuckDbCongestion duck)
            throws Exception {
        List<RankedScope> job;
        List<Path> goldIndex;
        try (Lake lake = Lake.open(config)) {
            job = jobRanking(lake);
            goldIndex = LocalDataFiles.of(lake.table(TrafficTables.SEGMENT_CONGESTION));
        }
        String difference = RankingCheck.difference(job, duck.ranking());
        if (difference != null) {
            throw new IllegalStateException(
                    "gold.congestion_ranking (job) and DuckDB's ranking differ: " + difference);
        }
        difference = duck.indexDifference(goldIndex, CITY);
        if (difference != null) {
            throw new IllegalStateException(
                    "gold.segment_congestion (job) and DuckDB's index differ: " + difference);
        }
        DuckDbCongestion.Counts counts = duck.counts();
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("ranking rows", counts.rankingRows());
        for (String period : List.of("day", "week")) {
            for (String scope : List.of("segment", "district", "city")) {
                rows.put(
                        "ranking rows " + period + " " + scope,
                        job.stream()
                                .filter(
                                        r ->
                                                r.periodKind().equals(period)
                                                        && r.scopeKind().equals(scope))
                                .count());
            }
        }
        rows.put("index rows 5 min", counts.fiveMinuteRows());
        rows.put("index rows hourly", counts.hourlyRows());
        return rows;
    }

    static List<RankedScope> jobRanking(Lake lake) {
        List<RankedScope> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(lake.table(TrafficTables.CONGESTION_RANKING))
                        .where(Expressions.equal(TableRegistry.CITY, CITY))
                        .build()) {
            for (Record r : it) {
                rows.add(
                        new RankedScope(
                                (String) r.getField(TrafficTables.PERIOD_KIND),
                                (LocalDate) r.getField("period_start"),
                                (String) r.getField(TrafficTables.SCOPE_KIND),
                                (String) r.getField("scope_id"),
                                (String) r.getField("scope_name"),
                                (Integer) r.getField(TrafficTables.SCOPE_RANK),
                                (Double) r.getField("peak_tti"),
                                (Double) r.getField("delay_vehicle_hours"),
                                (Long) r.getField("vehicles"),
                                (Double) r.getField("vehicle_km"),
                                (Double) r.getField("length_km"),
                                (Integer) r.getField("segments"),
                                (Integer) r.getField("peak_readings"),
                                (Integer) r.getField("outlier_readings"),
                                (Integer) r.getField("days_with_data")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Rows and data files of the inputs, for the report. */
    private static Map<String, Object> describeInput(LakeConfig config) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        try (Lake lake = Lake.open(config)) {
            for (String table :
                    List.of(
                            EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable(),
                            SegmentDirectory.ROAD_SEGMENTS,
                            SegmentDirectory.SEGMENT_DISTRICTS)) {
                var snapshot = lake.table(table).currentSnapshot();
                input.put(
                        table,
                        snapshot.summary().get("total-records")
                                + " rows in "
                                + LocalDataFiles.of(lake.table(table)).size()
                                + " data files");
            }
        }
        return input;
    }

    /**
     * DuckDB's windows are floored in UTC (see {@link CongestionSql}); that is the job's local
     * clock window only where the offset is whole hours.
     */
    static void requireWholeHourOffsets(AnalyticsPeriod days) {
        ZoneId zone = days.zone();
        AnalyticsPeriod weeks = days.wholeWeeks();
        for (Instant at : List.of(weeks.start(), weeks.end())) {
            if (zone.getRules().getOffset(at).getTotalSeconds() % 3600 != 0) {
                throw new IllegalArgumentException(
                        "the DuckDB side floors windows in UTC; "
                                + zone
                                + " is not a whole-hour offset");
            }
        }
    }
}
