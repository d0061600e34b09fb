package org.citylake.bench.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.citylake.bench.harness.Repetitions;
import org.citylake.bench.harness.Report;
import org.citylake.bench.harness.Series;
import org.citylake.bench.harness.Stats;
import org.citylake.cli.EmbeddedSql;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * {@code citylake bench sql}: how fast an analyst gets an answer from the embedded lake, with
 * DuckDB over the Iceberg tables' current Parquet files (the default read engine of {@code citylake
 * sql}) against Flink SQL (batch, the engine before it), both in the same run.
 *
 * <pre>
 *  per repetition, per analyst query, per engine:
 *    one-shot  = a new JVM: citylake sql --engine E "query"   (start-up + catalog + query)
 *    in-shell  = the same warm EmbeddedSql (as in citylake sql --shell), the query run N times:
 *                its median
 * </pre>
 *
 * Reads only: the lake (default {@code <home>/var}, made by {@code citylake demo}) is not changed.
 */
public final class SqlBench {

    public static final String NAME = "sql";

    /** An analyst question in each engine's dialect (the same result). */
    record Query(String name, String duckDb, String flink) {}

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
    public record Params(Path dataDir, int runs, int warmups, int reps) {}

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
        Path argfile = work.resolve("java-args");
        Files.writeString(argfile, jvmArgs(home));
        Repetitions repetitions = new Repetitions(NAME, System.err);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, List<Double>> values;
        try (EmbeddedSql duck = EmbeddedSql.open(config, EmbeddedSql.Engine.duckdb);
                EmbeddedSql flink = EmbeddedSql.open(config, EmbeddedSql.Engine.flink)) {
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
                                            oneShot(argfile, lake, "auto", q.duckDb(), work));
                                    m.put(
                                            "one-shot flink " + q.name(),
                                            oneShot(argfile, lake, "flink", q.flink(), work));
                                    m.put(
                                            "in-shell duckdb " + q.name(),
                                            inShell(duck, q.duckDb(), params.runs(), rows, q));
                                    m.put(
                                            "in-shell flink " + q.name(),
                                            inShell(flink, q.flink(), params.runs(), rows, q));
                                }
                                return m;
                            });
        }
        Report report =
                new Report(
                        NAME,
                        "Answer time of three analyst queries on the embedded lake: one-shot"
                                + " `citylake sql` (a new JVM each time) and in the shell (one warm"
                                + " engine, the median of --runs executions), DuckDB over the Iceberg"
                                + " tables' current Parquet files against Flink SQL (batch) in the"
                                + " same run.",
                        command);
        report.parameter("data dir", home.relativize(lake).toString())
                .parameter("runs per repetition (in-shell)", params.runs())
                .parameter("warm-ups", params.warmups())
                .parameter("repetitions", params.reps())
                .parameter("rows per query", rows);
        for (Query q : QUERIES) {
            for (String mode : List.of("one-shot", "in-shell")) {
                String duckLabel = mode + " duckdb " + q.name();
                String flinkLabel = mode + " flink " + q.name();
                report.add(Series.measured(duckLabel, "s", values.get(duckLabel)));
                report.add(Series.reference(flinkLabel, "s", values.get(flinkLabel)));
                report.ratio(
                        q.name() + ", " + mode + ": DuckDB / Flink SQL", duckLabel, flinkLabel);
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
                "Trino on the stack is measured by `citylake bench trino` (its own run, with its"
                        + " private servers); no stack was started for this run.");
        return report;
    }

    /** Wall seconds of {@code citylake sql --engine E "query"} in a new JVM, checked to succeed. */
    private static double oneShot(Path argfile, Path lake, String engine, String sql, Path work)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = work.resolve("one-shot.out");
        long start = System.nanoTime();
        Process p =
                new ProcessBuilder(
                                java,
                                "@" + argfile,
                                "sql",
                                "--engine",
                                engine,
                                "--data-dir",
                                lake.toString(),
                                "--format",
                                "csv",
                                sql)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        "citylake sql --engine " + engine + " failed: " + Files.readString(out));
            }
        } finally {
            p.destroyForcibly();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Median seconds of {@code runs} executions on a warm engine; rows checked equal. */
    private static double inShell(
            EmbeddedSql engine, String sql, int runs, Map<String, Long> rows, Query q)
            throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            EmbeddedSql.Result result = engine.execute(sql);
            times.add((System.nanoTime() - start) / 1e9);
            Long before = rows.putIfAbsent(q.name(), (long) result.rows().size());
            if (before != null && before != result.rows().size()) {
                throw new IllegalStateException(
                        q.name()
                                + ": "
                                + result.engine()
                                + " gave "
                                + result.rows().size()
                                + " rows, the other engine "
                                + before);
            }
        }
        return Stats.median(times);
    }

    /** The launcher's JVM options, for the CLI's one-shot runs. */
    private static String jvmArgs(Path home) {
        List<String> args = new ArrayList<>(List.of("-Xmx4g"));
        args.add("--add-exports=java.base/sun.net.util=ALL-UNNAMED");
        for (String p :
                List.of(
                        "java.lang",
                        "java.net",
                        "java.io",
                        "java.nio",
                        "sun.nio.ch",
                        "java.lang.reflect",
                        "java.text",
                        "java.time",
                        "java.util",
                        "java.util.concurrent",
                        "java.util.concurrent.atomic",
                        "java.util.concurrent.locks")) {
            args.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        args.add("-Dcitylake.home=" + quoted(home.toString()));
        args.add("-cp");
        args.add(quoted(System.getProperty("java.class.path")));
        args.add("org.citylake.cli.CityLakeCli");
        return String.join("\n", args) + "\n";
    }

    private static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
