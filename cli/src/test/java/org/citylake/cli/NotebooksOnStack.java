package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.serving.AnalystViews;
import org.citylake.serving.TrinoClient;

/**
 * What an analyst gets on a stack the demo filled, checked in the stack a test already started (no
 * second one): every saved view answers as the analyst and carries its comment; the notebooks of
 * {@code notebooks/} run headless through {@code notebooks/run} (each asserts its own figures
 * against the bundled source files) and the answers of {@code docs/analysts-guide.md} are current;
 * each executed notebook holds its tables and plots and no error.
 *
 * <pre>
 *  demo --profile stack ──▶ views: comment + rows as analyst (JDBC)
 *                      └──▶ notebooks/run ──▶ nbconvert --execute ×5 ──▶ executed .ipynb: tables, plots, no error
 *                                        └──▶ check_guide.py (every guide query through Trino's HTTP API)
 * </pre>
 */
final class NotebooksOnStack {

    static final Path NOTEBOOKS = Path.of("..", "notebooks").toAbsolutePath().normalize();

    /**
     * Views without rows after the stack demo: it runs no street profile (the daily graph does),
     * and its one PM2.5 forecast (issued 2014-12-31 08:00, clean air) has no hour above the alert
     * band.
     */
    static final Set<String> EMPTY_AFTER_DEMO =
            Set.of("gold.v_street_profile_latest", "gold.v_air_alerts_latest");

    /**
     * Per notebook, the columns of the tables it must show (each a header of an HTML table in its
     * outputs) and the plots it must draw.
     */
    static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    record Expected(List<List<String>> tables, int plots) {}

    static {
        EXPECTED.put(
                "congestion",
                new Expected(
                        List.of(
                                List.of("scope_rank", "scope_id", "peak_tti", "vehicles"),
                                List.of("scope_rank", "district", "peak_tti"),
                                List.of("local_hour", "is_peak", "vehicles", "mean_tti")),
                        2));
        EXPECTED.put(
                "parking",
                new Expected(
                        List.of(
                                List.of("lot_id", "readings", "max_occupancy"),
                                List.of("garage_rank", "lot_id", "hours_above_90"),
                                List.of("lot_id", "model", "mae_spots", "skill_vs_naive")),
                        2));
        EXPECTED.put(
                "air_quality",
                new Expected(
                        List.of(
                                List.of("year", "hours", "mean_pm25"),
                                List.of("horizon", "rmse", "persistence_rmse", "skill_pct"),
                                List.of("target_at", "prediction", "interval_upper")),
                        3));
        EXPECTED.put(
                "lighting",
                new Expected(
                        List.of(
                                List.of("road_class", "kwh_per_km"),
                                List.of("fault_type", "faults")),
                        2));
        EXPECTED.put(
                "waste",
                new Expected(
                        List.of(
                                List.of("service_day", "routes", "km", "kg_per_km"),
                                List.of("vehicle_id", "bins", "km")),
                        1));
    }

    private NotebooksOnStack() {}

    /**
     * Checks the views, runs the notebooks and the guide check against the stack of {@code
     * dataDir}, and checks what the notebooks show.
     */
    static void run(Path dataDir, LakeConfig config) throws Exception {
        checkViews(config);
        Path out = dataDir.resolve("notebooks-executed");
        Path log = dataDir.resolve("notebooks-run.log");
        Process process =
                new ProcessBuilder(
                                "bash",
                                NOTEBOOKS.resolve("run").toString(),
                                "--data-dir",
                                dataDir.toString(),
                                "--out",
                                out.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (!process.waitFor(Duration.ofMinutes(20).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("notebooks/run still running after 20 minutes:\n" + tail(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(process.exitValue()).as("notebooks/run:\n" + output).isZero();
        assertThat(output).contains("guide: 10 answers current");
        for (Map.Entry<String, Expected> notebook : EXPECTED.entrySet()) {
            checkExecuted(out.resolve(notebook.getKey() + ".ipynb"), notebook.getValue());
        }
    }

    /** Every view answers as the analyst, the non-empty ones with rows, and has its comment. */
    private static void checkViews(LakeConfig config) throws Exception {
        TrinoClient admin = TrinoClient.fromConfig(config);
        TrinoClient analyst = SqlCommand.trino(config, "analyst");
        Map<String, String> comments = new LinkedHashMap<>();
        for (List<String> row :
                admin.query(
                                "SELECT schema_name || '.' || table_name, comment FROM"
                                        + " system.metadata.table_comments"
                                        + " WHERE catalog_name = 'iceberg'"
                                        + " AND table_name LIKE 'v\\_%' ESCAPE '\\'")
                        .rows()) {
            comments.put(row.get(0), row.get(1));
        }
        assertThat(comments).containsAllEntriesOf(AnalystViews.COMMENTS);
        List<String> empty = new ArrayList<>();
        for (String view : AnalystViews.VIEWS.keySet()) {
            long rows =
                    Long.parseLong(
                            analyst.query("SELECT count(*) FROM " + view).rows().get(0).get(0));
            if (rows == 0) {
                empty.add(view);
            }
        }
        assertThat(empty)
                .as("views without rows")
                .containsExactlyInAnyOrderElementsOf(EMPTY_AFTER_DEMO);
    }

    /** No cell failed; the expected tables (by their column headers) and plots are there. */
    private static void checkExecuted(Path notebook, Expected expected) throws IOException {
        assertThat(notebook).as("executed notebook").isRegularFile();
        JsonNode root = new ObjectMapper().readTree(notebook.toFile());
        List<String> tables = new ArrayList<>();
        int plots = 0;
        for (JsonNode cell : root.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                assertThat(output.path("output_type").asText())
                        .as(notebook.getFileName() + ": " + output.path("evalue").asText())
                        .isNotEqualTo("error");
                JsonNode html = output.path("data").path("text/html");
                if (!html.isMissingNode()) {
                    tables.add(text(html));
                }
                if (output.path("data").has("image/png")) {
                    plots++;
                }
            }
        }
        for (List<String> columns : expected.tables()) {
            assertThat(tables)
                    .as(notebook.getFileName() + ": a table with columns " + columns)
                    .anySatisfy(
                            table -> {
                                assertThat(table).contains("<table");
                                for (String column : columns) {
                                    assertThat(table).contains("<th>" + column + "</th>");
                                }
                            });
        }
        assertThat(plots)
                .as(notebook.getFileName() + ": plots")
                .isGreaterThanOrEqualTo(expected.plots());
    }

    /** A notebook's multi-line string: an array of lines, or one string. */
    private static String text(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        StringBuilder all = new StringBuilder();
        node.forEach(line -> all.append(line.asText()));
        return all.toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
