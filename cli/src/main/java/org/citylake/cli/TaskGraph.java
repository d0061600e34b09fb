package org.citylake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily task graph, defined once in {@code orchestration/dags/citylake_daily.json}: the Airflow
 * DAG ({@code citylake_daily.py}) and {@code citylake schedule run} both read it, so they cannot
 * drift. The CLI carries a copy as a resource ({@link #RESOURCE}, copied by the cli build).
 *
 * <p>Commands are argument lists with Airflow (Jinja) templates; this renders the ones the graph
 * uses, as Airflow does: {@code {{ ds }}}, {@code {{ params.city }}} and {@code {{
 * macros.ds_add(ds, N) }}}. Anything else is an error, never passed through.
 */
public record TaskGraph(String dagId, Map<String, Integer> exitCodes, List<Task> tasks) {

    public static final String RESOURCE = "/org/citylake/cli/schedule/citylake_daily.json";

    /** Trigger rules of Airflow that the graph uses. */
    public enum Trigger {
        ALL_SUCCESS,
        ALL_DONE
    }

    /** One task: its id, templated command (without {@code citylake}), upstream ids, trigger. */
    public record Task(
            String id,
            List<String> command,
            List<String> upstream,
            Trigger trigger,
            List<String> assets) {}

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern DS_ADD =
            Pattern.compile("macros\\.ds_add\\(\\s*ds\\s*,\\s*(-?\\d+)\\s*\\)");

    /** The graph the CLI was built with. */
    public static TaskGraph bundled() {
        try (InputStream in = TaskGraph.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the CLI's classpath: rebuild the cli module");
            }
            return parse(new ObjectMapper().readTree(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static TaskGraph read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task graph " + file, e);
        }
    }

    static TaskGraph parse(JsonNode root, String where) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        root.path("exit_codes")
                .fields()
                .forEachRemaining(e -> codes.put(e.getKey(), e.getValue().asInt()));
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : root.path("tasks")) {
            List<String> command = new ArrayList<>();
            t.path("command").forEach(a -> command.add(a.asText()));
            List<String> upstream = new ArrayList<>();
            t.path("upstream").forEach(a -> upstream.add(a.asText()));
            List<String> assets = new ArrayList<>();
            t.path("assets").forEach(a -> assets.add(a.asText()));
            Trigger trigger =
                    Trigger.valueOf(
                            t.path("trigger_rule")
                                    .asText("all_success")
                                    .toUpperCase(java.util.Locale.ROOT));
            tasks.add(
                    new Task(
                            t.path("id").asText(),
                            List.copyOf(command),
                            List.copyOf(upstream),
                            trigger,
                            List.copyOf(assets)));
        }
        TaskGraph graph =
                new TaskGraph(root.path("dag_id").asText(), Map.copyOf(codes), List.copyOf(tasks));
        graph.inOrder(where);
        return graph;
    }

    /** The exit code named {@code name} in the graph's {@code exit_codes}. */
    public int exitCode(String name) {
        Integer code = exitCodes.get(name);
        if (code == null) {
            throw new IllegalStateException("the task graph names no exit code '" + name + "'");
        }
        return code;
    }

    /**
     * The tasks in an order that runs every task after its upstream tasks (file order among the
     * ready ones).
     *
     * @throws IllegalStateException on an unknown upstream id, a duplicate id or a cycle
     */
    public List<Task> inOrder(String where) {
        Map<String, Task> byId = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (byId.put(t.id(), t) != null) {
                throw new IllegalStateException(where + ": task id " + t.id() + " appears twice");
            }
        }
        for (Task t : tasks) {
            for (String up : t.upstream()) {
                if (!byId.containsKey(up)) {
                    throw new IllegalStateException(
                            where + ": task " + t.id() + " waits for unknown task " + up);
                }
            }
        }
        List<Task> order = new ArrayList<>();
        List<String> done = new ArrayList<>();
        while (order.size() < tasks.size()) {
            Task next =
                    tasks.stream()
                            .filter(t -> !done.contains(t.id()) && done.containsAll(t.upstream()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    where
                                                            + ": the tasks "
                                                            + tasks.stream()
                                                                    .map(Task::id)
                                                                    .filter(
                                                                            id ->
                                                                                    !done.contains(
                                                                                            id))
                                                                    .toList()
                                                            + " wait for each other (a cycle)"));
            order.add(next);
            done.add(next.id());
        }
        return order;
    }

    /** {@code command} with its templates rendered for {@code city} and {@code ds}. */
    public static List<String> render(List<String> command, String city, LocalDate ds) {
        List<String> out = new ArrayList<>();
        for (String arg : command) {
            Matcher m = TEMPLATE.matcher(arg);
            StringBuilder rendered = new StringBuilder();
            while (m.find()) {
                String expr = m.group(1);
                String value;
                Matcher add = DS_ADD.matcher(expr);
                if (expr.equals("ds")) {
                    value = ds.toString();
                } else if (expr.equals("params.city")) {
                    value = city;
                } else if (add.matches()) {
                    value = ds.plusDays(Long.parseLong(add.group(1))).toString();
                } else {
                    throw new IllegalStateException(
                            "template {{ "
                                    + expr
                                    + " }} in '"
                                    + arg
                                    + "' is not one the schedule renders: use {{ ds }}, {{ params.city }} or"
                                    + " {{ macros.ds_add(ds, N) }}");
                }
                m.appendReplacement(rendered, Matcher.quoteReplacement(value));
            }
            m.appendTail(rendered);
            out.add(rendered.toString());
        }
        return out;
    }
}
