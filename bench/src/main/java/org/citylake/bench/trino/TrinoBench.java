package org.citylake.bench.trino;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.citylake.bench.harness.Repetitions;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.bench.harness.Stats;
import org.citylake.bench.harness.TableDataFiles;
import org.citylake.bench.stack.BenchStack;
import org.citylake.cli.CityLakeCli;
import org.citylake.lakehouse.Lake;
import org.citylake.serving.AnalystViews;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.StackLog;

/**
 * {@code bench trino}: the analyst queries through Trino over the demo data, against DuckDB running
 * the same query over the same Parquet data files.
 *
 * <pre>
 *  bundled feeds ─► citylake ingest --batch --profile stack ─► Iceberg (PostgreSQL + S3Proxy)
 *                                                                 │
 *     Trino (HTTPS, admin) ◄── views + queries ──────────────────┤
 *     DuckDB (in-process) ◄── read_parquet(current data files) ◄─┘  results checked equal
 * </pre>
 */
public final class TrinoBench {

    public static final String NAME = "trino";

    /**
     * @param runs executions of each query per repetition (p50/p95 are over these)
     * @param warmups warm-up repetitions
     * @param reps measured repetitions
     */
    public record Params(int runs, int warmups, int reps) {}

    private TrinoBench() {}

    public static Report run(Params params, Path home, Path workDir, String command)
            throws Exception {
        if (params.runs() < 2) {
            throw new IllegalArgumentException("--runs must be at least 2, got " + params.runs());
        }
        Report report =
                new Report(
                        NAME,
                        "Analyst queries (the views clean.v_traffic_hourly, v_air_daily,"
                                + " v_parking_hourly and typical questions) through Trino over the"
                                + " demo data, against DuckDB running the same query over the same"
                                + " Parquet data files; results checked equal.",
                        command);
        report.parameter("runs_per_repetition", params.runs())
                .parameter("warmups", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("data", "the bundled feeds (citylake testdata convert), batch-ingested");
        StackLog log = StackLog.to(System.err);
        List<BenchQuery> queries = AnalystQueries.all();
        try (BenchStack stack = BenchStack.start(workDir, false, true, log)) {
            loadDemoData(home, workDir);
            TrinoClient admin = stack.trinoAdmin();
            AnalystViews.create(admin);

            Map<String, String> files = new LinkedHashMap<>();
            Map<String, Object> fileCounts = new LinkedHashMap<>();
            try (Lake lake = Lake.open(stack.lake())) {
                for (BenchQuery q : queries) {
                    for (String table : q.tables()) {
                        if (!files.containsKey(table)) {
                            List<Path> paths = dataFiles(lake.table(table), stack.s3DataDir());
                            fileCounts.put(table, paths.size());
                            files.put(table, TableDataFiles.readParquet(paths));
                        }
                    }
                }
            }
            report.extra("data_files_per_table", fileCounts);

            try (Connection trino = admin.connect();
                    Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                try (Statement s = duck.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                }
                Map<String, Object> rowsPerQuery = new LinkedHashMap<>();
                for (BenchQuery q : queries) {
                    String duckSql = q.forDuckDb(files);
                    ResultRows t = ResultRows.read(trino.createStatement().executeQuery(q.trino()));
                    ResultRows d = ResultRows.read(duck.createStatement().executeQuery(duckSql));
                    String diff = t.differenceFrom(d);
                    if (diff != null) {
                        throw new IllegalStateException(
                                "query '" + q.name() + "': Trino and DuckDB disagree: " + diff);
                    }
                    if (t.size() == 0) {
                        throw new IllegalStateException(
                                "query '"
                                        + q.name()
                                        + "' returned no rows: the demo data is missing");
                    }
                    rowsPerQuery.put(q.name(), t.size());
                    Map<String, List<Double>> values =
                            new Repetitions(NAME, System.err)
                                    .run(
                                            q.name(),
                                            params.warmups(),
                                            params.reps(),
                                            run -> {
                                                Map<String, Double> m = new LinkedHashMap<>();
                                                percentiles(
                                                        m,
                                                        "trino",
                                                        trino,
                                                        q.trino(),
                                                        params.runs());
                                                percentiles(
                                                        m, "duckdb", duck, duckSql, params.runs());
                                                return m;
                                            });
                    report.add(
                            Series.measured(
                                    q.name() + " · Trino p50", "ms", values.get("trino_p50_ms")));
                    report.add(
                            Series.measured(
                                    q.name() + " · Trino p95", "ms", values.get("trino_p95_ms")));
                    report.add(
                            Series.reference(
                                    q.name() + " · DuckDB p50", "ms", values.get("duckdb_p50_ms")));
                    report.add(
                            Series.reference(
                                    q.name() + " · DuckDB p95", "ms", values.get("duckdb_p95_ms")));
                    report.ratio(
                            q.name() + " · Trino / DuckDB (p50)",
                            q.name() + " · Trino p50",
                            q.name() + " · DuckDB p50");
                }
                report.extra("result_rows_per_query", rowsPerQuery);
                Map<String, String> sql = new LinkedHashMap<>();
                queries.forEach(q -> sql.put(q.name(), q.trino()));
                report.extra("queries", sql);
            }
        }
        report.note(
                "Demo data: the bundled real feeds converted (citylake testdata convert), the"
                        + " reference data loaded and the feeds ingested with the batch ingest job"
                        + " into a private stack (PostgreSQL catalog, S3Proxy, Trino 476 over HTTPS"
                        + " as admin).");
        report.note(
                "Each repetition runs every query --runs times per engine on one open connection;"
                        + " a series value is the p50 or p95 of those runs, in ms, including fetching"
                        + " every result row over JDBC. The series shown are the medians of the"
                        + " repetitions' p50/p95.");
        report.note(
                "DuckDB (in-process JDBC, TimeZone UTC) reads the tables' current data files by"
                        + " path (from Iceberg scan planning; S3Proxy keeps objects as files) with"
                        + " read_parquet; the views are run from their definitions. The tables are"
                        + " append-only: a delete file in the plan fails the bench. Before timing,"
                        + " each query's results from both engines are checked equal (numbers to a"
                        + " relative 1e-9).");
        return report;
    }

    /**
     * Converts the bundled feeds and batch-ingests them, with their reference data, into the bench
     * stack whose data dir is {@code workDir} (untimed).
     */
    public static void loadDemoData(Path home, Path workDir) {
        String dataDir = workDir.toString();
        run(
                "testdata",
                "convert",
                "--source",
                home.resolve("test-data").toString(),
                "--data-dir",
                dataDir);
        run("lakehouse", "init", "--profile", "stack", "--data-dir", dataDir);
        run("ref", "load", "--profile", "stack", "--data-dir", dataDir);
        run("ingest", "--batch", "--no-progress", "--profile", "stack", "--data-dir", dataDir);
    }

    private static void run(String... args) {
        System.err.println("[" + NAME + "] citylake " + String.join(" ", args));
        int exit = CityLakeCli.execute(args);
        if (exit != 0) {
            throw new IllegalStateException(
                    "loading the demo data failed: `citylake "
                            + String.join(" ", args)
                            + "` exited with "
                            + exit
                            + " (its error is above)");
        }
    }

    /** Local paths of a table's current data files in the S3Proxy store; fails on delete files. */
    static List<Path> dataFiles(Table table, Path s3DataDir) throws Exception {
        return TableDataFiles.of(
                table,
                location -> {
                    String prefix = "s3://";
                    if (!location.startsWith(prefix)) {
                        throw new IllegalStateException("not an S3 data file: " + location);
                    }
                    Path local = s3DataDir.resolve(location.substring(prefix.length()));
                    if (!Files.isRegularFile(local)) {
                        throw new IllegalStateException(
                                "data file "
                                        + location
                                        + " is not at "
                                        + local
                                        + " in the S3Proxy store");
                    }
                    return local;
                });
    }

    private static void percentiles(
            Map<String, Double> into, String engine, Connection connection, String sql, int runs)
            throws SQLException {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                }
            }
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        into.put(engine + "_p50_ms", Stats.quantile(ms, 0.5));
        into.put(engine + "_p95_ms", Stats.quantile(ms, 0.95));
    }
}
