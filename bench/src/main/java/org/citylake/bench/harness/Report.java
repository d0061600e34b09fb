package org.citylake.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one benchmark run: machine, commit, parameters, the measured series with their
 * medians and spreads, the ratios against the references measured in the same run, the goals, and
 * notes on method. Written as {@code <name>.json} and {@code <name>.md}.
 */
public final class Report {

    /**
     * A ratio of two series' medians.
     *
     * @param label e.g. "ingest p=2 / ceiling"
     * @param numerator label of the measured series
     * @param denominator label of the reference series
     */
    public record Ratio(String label, String numerator, String denominator, double value) {}

    /**
     * A goal from the issue and whether this run met it.
     *
     * @param goal e.g. "ingest ≥ 0.35× the ceiling"
     * @param measured the figure it is judged on, as text
     */
    public record Goal(String goal, String measured, boolean met) {}

    private final String name;
    private final String description;
    private final String command;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public Report(String name, String description, String command) {
        this.name = name;
        this.description = description;
        this.command = command;
    }

    public String name() {
        return name;
    }

    public Report parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public Report add(Series s) {
        if (series.stream().anyMatch(x -> x.label().equals(s.label()))) {
            throw new IllegalArgumentException("series '" + s.label() + "' added twice");
        }
        series.add(s);
        return this;
    }

    /** Whether a series of that label was added. */
    public boolean has(String label) {
        return series.stream().anyMatch(s -> s.label().equals(label));
    }

    public Series series(String label) {
        return series.stream()
                .filter(s -> s.label().equals(label))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no series '" + label + "' in " + name));
    }

    /** Adds and returns the ratio of the medians of two series already added. */
    public double ratio(String label, String numerator, String denominator) {
        double value = series(numerator).median() / series(denominator).median();
        ratios.add(new Ratio(label, numerator, denominator, value));
        return value;
    }

    public Report goal(String goal, String measured, boolean met) {
        goals.add(new Goal(goal, measured, met));
        return this;
    }

    public Report note(String note) {
        notes.add(note);
        return this;
    }

    /** Further structured results (e.g. file counts per partition) for the JSON file. */
    public Report extra(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** The JSON document. */
    public Map<String, Object> toJson(Map<String, Object> machine, Map<String, Object> git) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("description", description);
        doc.put("command", command);
        doc.put("started_at", started.toString());
        doc.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        doc.put("git", git);
        doc.put("machine", machine);
        doc.put("parameters", parameters);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Series s : series) {
            Stats.Summary sum = s.summary();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", s.label());
            row.put("unit", s.unit());
            row.put("reference", s.reference());
            row.put("repetitions", s.values());
            row.put("median", sum.median());
            row.put("min", sum.min());
            row.put("max", sum.max());
            row.put("q1", sum.q1());
            row.put("q3", sum.q3());
            rows.add(row);
        }
        doc.put("series", rows);
        doc.put("ratios", ratios);
        doc.put("goals", goals);
        doc.put("notes", notes);
        if (!extra.isEmpty()) {
            doc.put("details", extra);
        }
        return doc;
    }

    /** The Markdown page. */
    public String toMarkdown(Map<String, Object> machine, Map<String, Object> git) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark `").append(name).append("`\n\n");
        md.append(description).append("\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Run: ").append(started).append(" at commit `").append(git.get("commit"));
        md.append(Boolean.TRUE.equals(git.get("local_changes")) ? "` (with local changes)" : "`");
        md.append("  \n");
        md.append("Machine: ")
                .append(machine.get("cores"))
                .append(" cores, ")
                .append(String.format(Locale.ROOT, "%.1f", toGiB(machine.get("ram_bytes"))))
                .append(" GiB RAM, ")
                .append(machine.get("cpu_model"))
                .append("; ")
                .append(machine.get("jvm"))
                .append("; ")
                .append(machine.get("os"))
                .append("; load average at start ")
                .append(machine.get("load_average_1m_at_start"))
                .append("\n\n");

        md.append("## Parameters\n\n| parameter | value |\n|---|---|\n");
        parameters.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

        md.append("\n## Results\n\n");
        md.append("| series | unit | median | min | max | IQR (q1–q3) | repetitions |\n");
        md.append("|---|---|---:|---:|---:|---|---|\n");
        for (Series s : series) {
            Stats.Summary sum = s.summary();
            md.append("| ")
                    .append(s.label())
                    .append(s.reference() ? " (reference)" : "")
                    .append(" | ")
                    .append(s.unit())
                    .append(" | ")
                    .append(number(sum.median()))
                    .append(" | ")
                    .append(number(sum.min()))
                    .append(" | ")
                    .append(number(sum.max()))
                    .append(" | ")
                    .append(number(sum.q1()))
                    .append("–")
                    .append(number(sum.q3()))
                    .append(" | ")
                    .append(String.join(", ", s.values().stream().map(Report::number).toList()))
                    .append(" |\n");
        }
        if (!ratios.isEmpty()) {
            md.append("\n## Ratios (medians, same run)\n\n| ratio | value |\n|---|---:|\n");
            for (Ratio r : ratios) {
                md.append("| ")
                        .append(r.label())
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", r.value()))
                        .append(" |\n");
            }
        }
        if (!goals.isEmpty()) {
            md.append("\n## Goals\n\n| goal | measured | met |\n|---|---|---|\n");
            for (Goal g : goals) {
                md.append("| ")
                        .append(g.goal())
                        .append(" | ")
                        .append(g.measured())
                        .append(" | ")
                        .append(g.met() ? "yes" : "**no**")
                        .append(" |\n");
            }
        }
        if (!extra.isEmpty()) {
            md.append("\n## Details\n\n");
            extra.forEach(
                    (k, v) -> {
                        if (v instanceof Map<?, ?> map) {
                            md.append("- ").append(k).append(":\n");
                            map.forEach(
                                    (mk, mv) ->
                                            md.append("  - ")
                                                    .append(mk)
                                                    .append(": ")
                                                    .append(mv)
                                                    .append("\n"));
                        } else {
                            md.append("- ").append(k).append(": ").append(v).append("\n");
                        }
                    });
        }
        if (!notes.isEmpty()) {
            md.append("\n## Method\n\n");
            notes.forEach(n -> md.append("- ").append(n).append("\n"));
        }
        return md.toString();
    }

    /** Writes {@code <dir>/<name>.json} and {@code <dir>/<name>.md}; returns the two paths. */
    public List<Path> write(Path dir, Map<String, Object> machine, Map<String, Object> git)
            throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(name + ".json");
        Path md = dir.resolve(name + ".md");
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(
                json,
                mapper.writeValueAsString(toJson(machine, git)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(md, toMarkdown(machine, git), StandardCharsets.UTF_8);
        return List.of(json, md);
    }

    /** A figure with three significant digits (more for large integers), root locale. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double abs = Math.abs(v);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static double toGiB(Object bytes) {
        return bytes instanceof Number n ? n.doubleValue() / (1L << 30) : -1;
    }
}
