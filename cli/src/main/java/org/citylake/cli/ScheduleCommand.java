package org.citylake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code citylake schedule run|show}: the daily task graph of the Airflow DAG, run in order in this
 * process without Airflow (the embedded default), or printed as the commands it would run.
 */
@Command(
        name = "schedule",
        description = {
            "The daily task graph the Airflow DAG runs (orchestration/dags/citylake_daily.json):"
                    + " lakehouse maintenance, every analytics job whose inputs are complete, the"
                    + " street profile, the report.",
        },
        mixinStandardHelpOptions = true,
        subcommands = {ScheduleCommand.Run.class, ScheduleCommand.Show.class})
public final class ScheduleCommand {

    /** Options of both subcommands. */
    static final class DayArgs {
        @Option(
                names = "--city",
                required = true,
                paramLabel = "CITY",
                description = "A city of ref.cities.")
        String city;

        @Option(
                names = "--date",
                required = true,
                paramLabel = "DATE",
                description = "The day the DAG run covers ({{ ds }}), YYYY-MM-DD.")
        String date;

        @Option(
                names = "--graph",
                paramLabel = "FILE",
                description = "A task graph file (default: the one this CLI was built with).")
        Path graph;

        LocalDate ds() {
            try {
                return LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--date " + date + " is not a date: use YYYY-MM-DD");
            }
        }

        TaskGraph load() {
            return graph == null ? TaskGraph.bundled() : TaskGraph.read(graph);
        }

        String cityId() {
            return city.toLowerCase(Locale.ROOT);
        }
    }

    /** What became of a task. */
    enum State {
        SUCCESS,
        NO_DATA,
        NOT_YET_COMPLETE,
        FAILED,
        UPSTREAM_FAILED,
        NOT_IN_BUILD
    }

    @Command(
            name = "run",
            description = {
                "Run the daily task graph for one city and day, in order, as Airflow would: a job"
                        + " whose city has no input data is skipped (exit "
                        + "66), one whose inputs are not complete yet is reported (exit 75, Airflow"
                        + " retries it later), the profile and the report run whatever the jobs"
                        + " did (trigger rule all_done). Idempotent: every task replaces its own"
                        + " results for the day.",
                "Exit code: 0 when every task succeeded or was skipped; 75 when a job's inputs were"
                        + " not complete yet; 1 when a task failed."
            },
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;
        @Mixin DayArgs day;

        @Override
        public Integer call() {
            TaskGraph graph = day.load();
            LocalDate ds = day.ds();
            int noData = graph.exitCode("no_data");
            int notYet = graph.exitCode("not_yet_complete");
            Map<String, State> states = new LinkedHashMap<>();
            List<String> summary = new ArrayList<>();
            for (TaskGraph.Task task : graph.inOrder(graph.dagId())) {
                List<String> command = TaskGraph.render(task.command(), day.cityId(), ds);
                State state;
                long started = System.nanoTime();
                boolean upstreamOk =
                        task.upstream().stream().allMatch(up -> states.get(up) == State.SUCCESS);
                if (task.trigger() == TaskGraph.Trigger.ALL_SUCCESS && !upstreamOk) {
                    state = State.UPSTREAM_FAILED;
                    System.out.printf(
                            "==> %s: not run, an upstream task did not succeed%n", task.id());
                } else if (!CityLakeCli.hasCommand(command)) {
                    state = State.NOT_IN_BUILD;
                    System.out.printf(
                            "==> %s: citylake %s is not in this build; skipped%n",
                            task.id(), String.join(" ", command));
                } else {
                    System.out.printf(
                            "==> %s: citylake %s%n", task.id(), String.join(" ", command));
                    List<String> args = new ArrayList<>(command);
                    args.addAll(lakeArgs.asArgs());
                    int exit = CityLakeCli.execute(args.toArray(String[]::new));
                    state =
                            exit == 0
                                    ? State.SUCCESS
                                    : exit == noData
                                            ? State.NO_DATA
                                            : exit == notYet
                                                    ? State.NOT_YET_COMPLETE
                                                    : State.FAILED;
                }
                states.put(task.id(), state);
                summary.add(
                        String.format(
                                Locale.ROOT,
                                "%-18s %-17s %6.1f s",
                                task.id(),
                                state.name().toLowerCase(Locale.ROOT),
                                (System.nanoTime() - started) / 1e9));
            }
            System.out.println();
            System.out.printf("%s for %s on %s:%n", graph.dagId(), day.cityId(), ds);
            summary.forEach(line -> System.out.println("  " + line));
            if (states.containsValue(State.FAILED) || states.containsValue(State.UPSTREAM_FAILED)) {
                return 1;
            }
            return states.containsValue(State.NOT_YET_COMPLETE) ? notYet : 0;
        }
    }

    @Command(
            name = "show",
            description =
                    "Print the task graph for one city and day as JSON: each task's id, upstream"
                            + " tasks, trigger rule, assets and rendered command, in run order.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        @Mixin DayArgs day;

        @Override
        public Integer call() throws Exception {
            TaskGraph graph = day.load();
            ObjectMapper json = new ObjectMapper();
            ArrayNode out = json.createArrayNode();
            for (TaskGraph.Task task : graph.inOrder(graph.dagId())) {
                ObjectNode t = out.addObject();
                t.put("id", task.id());
                task.upstream().forEach(t.putArray("upstream")::add);
                t.put("trigger_rule", task.trigger().name().toLowerCase(Locale.ROOT));
                task.assets().forEach(t.putArray("assets")::add);
                TaskGraph.render(task.command(), day.cityId(), day.ds())
                        .forEach(t.putArray("command")::add);
            }
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
    }
}
