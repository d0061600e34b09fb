package org.citylake.bench.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citylake.bench.harness.Repetitions;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.bench.harness.Stats;
import org.citylake.bench.stack.BenchStack;
import org.citylake.bench.trino.TrinoBench;
import org.citylake.cli.EmbeddedSql;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.stack.StackLog;

/**
 * {@code citylake bench sql}: how fast an analyst gets an answer from the embedded lake, with
 * DuckDB over the Iceberg tables' current Parquet files (the default read engine of {@code citylake
 * sql}) against Flink SQL (batch, the engine before it) and against Trino on a private stack (the
 * engine of the stack profile), all in the same run.
 *
 * <pre>
 *  untimed:  bundled feeds ─► ingest --batch --profile stack ─► private stack (PostgreSQL, S3Proxy,
 *            Trino 476 over HTTPS)                     (skipped with --no-trino)
 *  per repetition, per analyst query, per engine E (duckdb, flink, trino):
 *    one-shot  = the checkout's launcher, as a user types it: ./citylake sql [--engine E |
 *                --profile stack] "query" (JVM start with its class-data archive, catalog or
 *                connection, query); the warm-up records the archive
 *    in-shell  = one warm engine (EmbeddedSql as in citylake sql --shell; for Trino one open JDBC
 *                connection, as its CLI keeps one), the query run --runs times: the median
 *  checked:   every engine gives the same number of rows per query, and the same count of
 *             clean.traffic_flow, else the bench fails
 * </pre>
 *
 * Reads only: the embedded lake (default {@code <home>/var}, made by {@code citylake demo}) is not
 * changed.
 */
public final class SqlBench {

    public static final String NAME = "sql";

    /** An analyst question in each engine's dialect (the same result). */
    record Query(String name, String duckDb, String flink) {

        /** Trino reads the DuckDB form unchanged ({@code date_trunc}, {@code count(*)}). */
        String trino() {
            return duckDb;
        }
    }

    static final List<Query> QUERIES =
            List.of(
                    new Query(
                            "count traffic",
                            "SELECT count(*) AS readings FROM clean.traffic_flow",
                            "SELECT count(*) AS readings FROM clean.traffic_flow"),
                    new Query(
                            "busiest segments",
                            "SELECT segment_id, sum(intensity) AS vehicles FROM clean.traffic_flow"
                                    + " GROUP BY segment_id ORDER BY vehicles DESC, segment_id"
                                    + " LIMIT 10",
                            "SELECT segment_id, sum(intensity) AS vehicles FROM clean.traffic_flow"
                                    + " GROUP BY segment_id ORDER BY vehicles DESC, segment_id"
                                    + " LIMIT 10"),
                    new Query(
                            "city speed by hour",
                            "SELECT date_trunc('hour', observed_at) AS hour,"
                                    + " avg(avg_speed_kmh) AS mean_speed_kmh FROM clean.traffic_flow"
                                    + " GROUP BY 1 ORDER BY 1",
                            "SELECT FLOOR(observed_at TO HOUR) AS `hour`,"
                                    + " avg(avg_speed_kmh) AS mean_speed_kmh FROM clean.traffic_flow"
                                    + " GROUP BY FLOOR(observed_at TO HOUR) ORDER BY 1"));

    /** The benchmark's parameters. */
    public record Params(Path dataDir, int runs, int warmups, int reps, boolean trino) {}

    private SqlBench() {}

    public static Report run(Params params, Path home, Path work, String command) throws Exception {
        Path lake = params.dataDir().toAbsolutePath().normalize();
        if (!Files.isRegularFile(lake.resolve("catalog.db"))) {
            throw new IllegalArgumentException(
                    "no lake at "
                            + lake
                            + ": build one with `./citylake demo` (or give --data-dir)");
        }
        LakeConfig config = LakeConfig.embedded(lake);
        Path launcher = home.resolve("citylake");
        Repetitions repetitions = new Repetitions(NAME, System.err);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> counts = new LinkedHashMap<>();
        Map<String, List<Double>> values;
        Path stackDir = work.resolve("trino");
        try (BenchStack stack =
                        params.trino()
                                ? BenchStack.start(stackDir, false, true, StackLog.to(System.err))
                                : null;
                EmbeddedSql duck = EmbeddedSql.open(config, EmbeddedSql.Engine.duckdb);
                EmbeddedSql flink = EmbeddedSql.open(config, EmbeddedSql.Engine.flink)) {
            Connection trino = null;
            if (stack != null) {
                TrinoBench.loadDemoData(home, stackDir);
                trino = stack.trinoAdmin().connect();
            }
            Connection warmTrino = trino;
            try {
                values =
                        repetitions.run(
                                "analyst queries",
                                params.warmups(),
                                params.reps(),
                                run -> {
                                    Map<String, Double> m = new LinkedHashMap<>();
                                    for (Query q : QUERIES) {
                                        m.put(
                                                "one-shot duckdb " + q.name(),
                                                oneShot(
                                                        launcher,
                                                        work,
                                                        q.duckDb(),
                                                        "--engine",
                                                        "auto",
                                                        "--data-dir",
                                                        lake.toString()));
                                        m.put(
                                                "one-shot flink " + q.name(),
                                                oneShot(
                                                        launcher,
                                                        work,
                                                        q.flink(),
                                                        "--engine",
                                                        "flink",
                                                        "--data-dir",
                                                        lake.toString()));
                                        m.put(
                                                "in-shell duckdb " + q.name(),
                                                inShell(
                                                        sql -> rowsOf(duck.execute(sql)),
                                                        "duckdb",
                                                        q.duckDb(),
                                                        params.runs(),
                                                        rows,
                                                        counts,
                                                        q));
                                        m.put(
                                                "in-shell flink " + q.name(),
                                                inShell(
                                                        sql -> rowsOf(flink.execute(sql)),
                                                        "flink",
                                                        q.flink(),
                                                        params.runs(),
                                                        rows,
                                                        counts,
                                                        q));
                                        if (warmTrino != null) {
                                            m.put(
                                                    "one-shot trino " + q.name(),
                                                    oneShot(
                                                            launcher,
                                                            work,
                                                            q.trino(),
                                                            "--profile",
                                                            "stack",
                                                            "--data-dir",
                                                            stackDir.toString()));
                                            m.put(
                                                    "in-shell trino " + q.name(),
                                                    inShell(
                                                            sql -> rowsOf(warmTrino, sql),
                                                            "trino",
                                                            q.trino(),
                                                            params.runs(),
                                                            rows,
                                                            counts,
                                                            q));
                                        }
                                    }
                                    return m;
                                });
            } finally {
                if (trino != null) {
                    trino.close();
                }
            }
        }
        Report report =
                new Report(
                        NAME,
                        "Answer time of three analyst queries on the embedded lake: one-shot"
                                + " `citylake sql` (a new JVM each time) and in the shell (one warm"
                                + " engine, the median of --runs executions), DuckDB over the Iceberg"
                                + " tables' current Parquet files against Flink SQL (batch) and"
                                + " against Trino on a private stack holding the same bundled"
                                + " feeds, in the same run.",
                        command);
        report.parameter("data dir", home.relativize(lake).toString())
                .parameter("runs per repetition (in-shell)", params.runs())
                .parameter("warm-ups", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("rows per query", rows)
                .parameter("clean.traffic_flow count, every engine", counts.get("count traffic"))
                .parameter(
                        "Trino",
                        params.trino()
                                ? "476 on a private stack (PostgreSQL catalog, S3Proxy, HTTPS,"
                                        + " password), the bundled feeds batch-ingested; user admin"
                                : "not measured (--no-trino)");
        for (Query q : QUERIES) {
            for (String mode : List.of("one-shot", "in-shell")) {
                String duckLabel = mode + " duckdb " + q.name();
                String flinkLabel = mode + " flink " + q.name();
                String trinoLabel = mode + " trino " + q.name();
                report.add(Series.measured(duckLabel, "s", values.get(duckLabel)));
                report.add(Series.reference(flinkLabel, "s", values.get(flinkLabel)));
                report.ratio(
                        q.name() + ", " + mode + ": DuckDB / Flink SQL", duckLabel, flinkLabel);
                if (params.trino()) {
                    report.add(Series.reference(trinoLabel, "s", values.get(trinoLabel)));
                    report.ratio(
                            q.name() + ", " + mode + ": DuckDB / Trino", duckLabel, trinoLabel);
                }
            }
        }
        double shellCount = report.series("in-shell duckdb count traffic").median();
        report.goal(
                "in the shell, a simple query answers in ≤ 1 s",
                Report.number(shellCount) + " s (count traffic, DuckDB)",
                shellCount <= 1.0);
        report.note(
                "Both engines answer the same rows (checked every run: row counts per query);"
                        + " DuckDB reads the data files of each table's current snapshot, resolved"
                        + " through the Iceberg API before every statement.");
        report.note(
                "One-shot runs go through the checkout's ./citylake launcher, with class-data"
                        + " sharing (CITYLAKE_CDS, on by default): the warm-up repetition records the"
                        + " sql command's archive, the measured ones map it.");
        report.note(
                params.trino()
                        ? "Trino's one-shot is `citylake sql --profile stack` in a new JVM (start-up,"
                                + " TLS connection, query); in-shell is one open JDBC connection, as"
                                + " the Trino CLI keeps. Its lake is a private stack with the same"
                                + " bundled feeds, so every engine counts the same readings."
                        : "Trino was not measured (--no-trino); `citylake bench trino` measures it"
                                + " against DuckDB on its own stack.");
        return report;
    }

    /**
     * Wall seconds of {@code citylake sql <options> --format csv "query"} in a new JVM, checked to
     * succeed.
     */
    private static double oneShot(Path launcher, Path work, String sql, String... options)
            throws Exception {
        Path out = work.resolve("one-shot.out");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "sql"));
        command.addAll(List.of(options));
        command.addAll(List.of("--format", "csv", sql));
        long start = System.nanoTime();
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "citylake sql "
                                + String.join(" ", options)
                                + " failed: "
                                + Files.readString(out));
            }
        } finally {
            p.destroyForcibly();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** An engine answering a statement with its rows (each a list of printed values). */
    @FunctionalInterface
    interface Engine {
        List<List<String>> rows(String sql) throws Exception;
    }

    private static List<List<String>> rowsOf(EmbeddedSql.Result result) {
        return result.rows();
    }

    private static List<List<String>> rowsOf(Connection trino, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = trino.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.add(value == null ? null : value.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Median seconds of {@code runs} executions on a warm engine; the row count is checked equal
     * across engines, and for the count query the count itself.
     */
    private static double inShell(
            Engine engine,
            String engineName,
            String sql,
            int runs,
            Map<String, Long> rows,
            Map<String, String> counts,
            Query q)
            throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<List<String>> result = engine.rows(sql);
            times.add((System.nanoTime() - start) / 1e9);
            Long before = rows.putIfAbsent(q.name(), (long) result.size());
            if (before != null && before != result.size()) {
                throw new IllegalStateException(
                        q.name()
                                + ": "
                                + engineName
                                + " gave "
                                + result.size()
                                + " rows, another engine "
                                + before);
            }
            if (q == QUERIES.get(0)) {
                String count = result.get(0).get(0);
                String earlier = counts.putIfAbsent(q.name(), count);
                if (earlier != null && !earlier.equals(count)) {
                    throw new IllegalStateException(
                            "clean.traffic_flow: "
                                    + engineName
                                    + " counts "
                                    + count
                                    + " readings, another engine "
                                    + earlier
                                    + " (the Trino stack holds the bundled feeds: does the"
                                    + " embedded lake hold them too? `./citylake demo --fresh`)");
                }
            }
        }
        return Stats.median(times);
    }
}
