package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.testdata.GeneratedFeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake sql} on a small lake as an analyst uses it: DuckDB and Flink SQL give the same
 * rows on every kind of table, the analyst's errors are one line and write nothing, statements come
 * from standard input, the shell works through a pseudo-terminal, and a table with row-level
 * deletes is never read by DuckDB. One lake, built once (generated traffic ingested by the batch
 * job).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlEnginesIT {

    private static final String CITY = "wuhan";

    @TempDir static Path dir;
    static CliLake lake;
    static GeneratedFeed traffic;
    static CliLake.Output ingest;

    @BeforeAll
    static void lake() throws Exception {
        lake = new CliLake(dir);
        lake.cli(
                "testdata",
                "generate",
                "--feed",
                "traffic",
                "--city",
                CITY,
                "--readings",
                "300",
                "--seed",
                "11");
        traffic =
                GeneratedFeed.read(
                        GeneratedFeed.path(lake.lakeDir().resolve("feeds"), CITY, "traffic"));
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        ingest = lake.run("ingest", "--batch");
        assertThat(ingest.exit()).as(ingest.err()).isZero();
    }

    @Test
    @Order(0)
    void ingestEndsWithItsSummaryAndDrawsNoFramesIntoALog() {
        long raw = traffic.raw().values().stream().mapToLong(Long::longValue).sum();
        long clean = traffic.clean().values().stream().mapToLong(Long::longValue).sum();
        long dead = traffic.deadLetters().values().stream().mapToLong(Long::longValue).sum();
        assertThat(ingest.out())
                .contains(
                        String.format(
                                "ingested: %,d rows to raw, %,d to clean, %,d to dead letters",
                                raw, clean, dead))
                .containsPattern("clean\\.traffic_flow +\\| +" + clean + "\\n");
        // one row per reason with the oracle's count
        traffic.deadLetters()
                .forEach(
                        (reason, n) ->
                                assertThat(ingest.out())
                                        .containsPattern(
                                                "traffic +\\| " + reason + " +\\| +" + n + "\\n"));
        // no terminal here: no progress bar frames
        assertThat(ingest.out() + ingest.err()).doesNotContain("\r");
    }

    @Test
    @Order(1)
    void duckDbAndFlinkSqlGiveTheSameRowsAsTheOracle() {
        for (String table :
                List.of("clean.traffic_flow", "raw.traffic", "ops.dead_letter", "ref.cities")) {
            List<String> duck = csvRows("duckdb", "SELECT * FROM " + table);
            List<String> flink = csvRows("flink", "SELECT * FROM " + table);
            assertThat(duck).as(table).isEqualTo(flink);
        }
        long clean = traffic.clean().get("clean.traffic_flow");
        assertThat(csvRows("auto", "SELECT * FROM clean.traffic_flow")).hasSize((int) clean);
        assertThat(csvRows("duckdb", "SELECT * FROM ops.dead_letter"))
                .hasSize((int) traffic.deadLetters().values().stream().mapToLong(v -> v).sum());
        // an empty table reads as empty, with its columns
        CliLake.Output empty =
                lake.run("sql", "--format", "csv", "SELECT * FROM gold.congestion_ranking");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out().lines().toList())
                .hasSize(1)
                .allMatch(h -> h.startsWith("city,period_kind,period_start"));
        // dead letters by reason through DuckDB against the generator's oracle
        Map<String, Long> reasons = new TreeMap<>();
        for (String row :
                csvRows(
                        "auto",
                        "SELECT reason, count(*) AS n FROM ops.dead_letter GROUP BY reason")) {
            String[] cells = row.split(",");
            reasons.put(cells[0], Long.parseLong(cells[1]));
        }
        assertThat(reasons).isEqualTo(traffic.deadLetters());
    }

    @Test
    @Order(2)
    void analystErrorsAreOneLineWithWhatToDoAndWriteNothing() throws Exception {
        String before = tree(lake.lakeDir());

        CliLake.Output reserved = lake.run("sql", "SELECT order FROM clean.traffic_flow");
        assertThat(reserved.exit()).isEqualTo(1);
        assertThat(reserved.err().lines().toList())
                .singleElement()
                .asString()
                .contains("ORDER is a reserved word", "quote it with backticks, `order`");

        CliLake.Output reservedFlink =
                lake.run("sql", "--engine", "flink", "SELECT order FROM clean.traffic_flow");
        assertThat(reservedFlink.exit()).isEqualTo(1);
        assertThat(reservedFlink.err().lines().toList())
                .singleElement()
                .asString()
                .contains("ORDER is a reserved word of Flink SQL", "`order`")
                .doesNotContain("Was expecting");

        for (String engine : List.of("auto", "flink")) {
            CliLake.Output typo =
                    lake.run("sql", "--engine", engine, "SELECT count(*) FROM clean.trafic_flow");
            assertThat(typo.exit()).isEqualTo(1);
            assertThat(typo.err().strip())
                    .isEqualTo(
                            "citylake: unknown table 'clean.trafic_flow'; did you mean"
                                    + " clean.traffic_flow? (`citylake tables` lists them)");
            CliLake.Output unqualified =
                    lake.run("sql", "--engine", engine, "SELECT count(*) FROM traffic_flow");
            assertThat(unqualified.exit()).isEqualTo(1);
            assertThat(unqualified.err().strip())
                    .isEqualTo(
                            "citylake: table 'traffic_flow' needs its namespace: write"
                                    + " clean.traffic_flow");
        }
        // an unknown column: DuckDB's one line with its candidates, no stack trace hint
        CliLake.Output column = lake.run("sql", "SELECT speed FROM clean.traffic_flow");
        assertThat(column.exit()).isEqualTo(1);
        assertThat(column.err().lines().toList())
                .singleElement()
                .asString()
                .contains("\"speed\" not found", "line 1, column 8");
        // usage errors: what to do, no stack-trace hint
        CliLake.Output format = lake.run("sql", "--format", "xml", "SELECT 1");
        assertThat(format.err().strip()).isEqualTo("citylake: --format xml: give table or csv");
        CliLake.Output both = lake.run("sql", "--shell", "SELECT 1");
        assertThat(both.err()).contains("give a QUERY or --shell, not both");
        for (CliLake.Output out : List.of(reserved, reservedFlink, column, format, both)) {
            assertThat(out.err()).doesNotContain("CITYLAKE_DEBUG");
        }
        assertThat(tree(lake.lakeDir())).isEqualTo(before);

        // --data-dir at a missing folder or at a file: said before any catalog is created
        Path missing = dir.resolve("nowhere");
        CliLake.Output none = new CliLake(missing).run("sql", "SELECT 1");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err())
                .contains("the folder does not exist", "citylake lakehouse init")
                .doesNotContain("Unable to create catalog", "CITYLAKE_DEBUG");
        assertThat(missing).doesNotExist();
        Path file = dir.resolve("file");
        Files.createDirectories(file);
        Files.writeString(file.resolve("lake"), "not a lake");
        CliLake.Output onFile = new CliLake(file).run("sql", "SELECT 1");
        assertThat(onFile.exit()).isEqualTo(1);
        assertThat(onFile.err())
                .contains("is a file, not a folder")
                .doesNotContain("Unable to create catalog", "CITYLAKE_DEBUG");
        assertThat(Files.readString(file.resolve("lake"))).isEqualTo("not a lake");
    }

    @Test
    @Order(3)
    void statementsFromStandardInputEachPrinted() {
        String script =
                "-- two statements, a ; in a string and in a comment\n"
                        + "SELECT count(*) AS n FROM clean.traffic_flow;\n"
                        + "SELECT 'a;b' AS s /* ; */;\n";
        InputStream stdin = System.in;
        CliLake.Output out;
        try {
            System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
            out = lake.run("sql", "--format", "csv");
        } finally {
            System.setIn(stdin);
        }
        assertThat(out.exit()).isZero();
        assertThat(out.out().lines().toList())
                .containsExactly(
                        "n", String.valueOf(traffic.clean().get("clean.traffic_flow")), "s", "a;b");
    }

    @Test
    @Order(4)
    void theShellThroughAPseudoTerminal() throws Exception {
        Path input = dir.resolve("shell-input.sql");
        Files.writeString(
                input,
                String.join(
                        "\n",
                        "\\d",
                        "\\d gold.congestion_ranking",
                        "SELECT count(*) AS n",
                        "  FROM clean.traffic_flow;",
                        "SELECT order FROM clean.traffic_flow;",
                        "\\timing",
                        "\\format csv",
                        "SELECT 40 + 2 AS answer;",
                        "\\q",
                        ""));
        Path history = dir.resolve("history");
        Path argfile = dir.resolve("java-args");
        Files.writeString(
                argfile,
                String.join(
                        "\n",
                        "-cp",
                        quoted(System.getProperty("java.class.path")),
                        "org.citylake.cli.CityLakeCli",
                        "sql",
                        "--shell",
                        "--data-dir",
                        quoted(lake.lakeDir().toString()),
                        "--history",
                        quoted(history.toString())));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = dir.resolve("shell-output.txt");
        Process shell =
                new ProcessBuilder("script", "-qfec", java + " @" + argfile, "/dev/null")
                        .redirectInput(input.toFile())
                        .redirectOutput(output.toFile())
                        .redirectErrorStream(true)
                        .start();
        try {
            assertThat(shell.waitFor(5, TimeUnit.MINUTES)).as("the shell ended").isTrue();
        } finally {
            shell.destroyForcibly();
        }
        String screen = Files.readString(output).replace("\r", "");
        assertThat(shell.exitValue()).as(screen).isZero();
        long n = traffic.clean().get("clean.traffic_flow");
        assertThat(screen)
                .contains("clean.traffic_flow", "gold.congestion_ranking", "ops.dead_letter")
                .containsPattern("clean\\.traffic_flow +\\| +" + n + " \\|")
                .contains("peak_tti", "Gaode band of peak_tti")
                .containsPattern("\\n *" + n + "\\n\\(1 row\\)")
                .contains("error: syntax error", "ORDER is a reserved word")
                .contains("Timing is on.", "Output format is csv.")
                .contains("answer\n42\n")
                .containsPattern("Time: \\d+\\.\\d{3} s \\(duckdb\\)");
        // the error came before the last query: the shell went on
        assertThat(screen.indexOf("answer\n42")).isGreaterThan(screen.indexOf("reserved word"));
        assertThat(Files.readString(history)).contains("SELECT count(*) AS n", "\\\\timing");
    }

    @Test
    @Order(5)
    void aTableWithRowLevelDeletesIsReadByFlinkSqlNotDuckDb() throws Exception {
        long before = traffic.clean().get("clean.traffic_flow");
        try (Lake opened = Lake.open(lake.config())) {
            Table table = opened.table("clean.traffic_flow");
            DataFile first;
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                first = tasks.iterator().next().file();
            }
            // a position delete of the first row of the first data file, as an upsert writes
            GenericAppenderFactory factory =
                    new GenericAppenderFactory(table.schema(), table.specs().get(first.specId()));
            var out =
                    EncryptedFiles.plainAsEncryptedOutput(
                            table.io()
                                    .newOutputFile(
                                            table.locationProvider()
                                                    .newDataLocation("position-delete.parquet")));
            PositionDeleteWriter<Record> writer =
                    factory.newPosDeleteWriter(out, FileFormat.PARQUET, first.partition());
            try (writer) {
                writer.write(PositionDelete.<Record>create().set(first.location(), 0L, null));
            }
            DeleteFile delete = writer.toDeleteFile();
            table.newRowDelta().addDeletes(delete).commit();
        }
        CliLake.Output auto =
                lake.run("sql", "--format", "csv", "SELECT count(*) AS n FROM clean.traffic_flow");
        assertThat(auto.exit()).isZero();
        assertThat(auto.out().lines().toList()).containsExactly("n", String.valueOf(before - 1));
        CliLake.Output duck =
                lake.run("sql", "--engine", "duckdb", "SELECT count(*) FROM clean.traffic_flow");
        assertThat(duck.exit()).isEqualTo(1);
        assertThat(duck.err())
                .contains("clean.traffic_flow has row-level deletes", "--engine flink");
    }

    /** The data rows of a query's CSV, sorted (engines need not agree on order). */
    private static List<String> csvRows(String engine, String query) {
        CliLake.Output out = lake.run("sql", "--engine", engine, "--format", "csv", query);
        assertThat(out.exit()).as(out.err()).isZero();
        List<String> rows = new ArrayList<>(out.out().lines().skip(1).toList());
        rows.sort(null);
        return rows;
    }

    /** Every file under {@code root} with its size and modification time. */
    private static String tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            StringBuilder out = new StringBuilder();
            for (Path p : files.sorted().toList()) {
                out.append(root.relativize(p))
                        .append(' ')
                        .append(Files.isRegularFile(p) ? Files.size(p) : -1)
                        .append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis())
                        .append('\n');
            }
            return out.toString();
        }
    }

    private static String quoted(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
