package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    static final LocalDate DS = LocalDate.parse("2014-08-18");

    @Test
    void theBundledGraphRunsEveryTaskAfterItsUpstreamTasks() {
        TaskGraph graph = TaskGraph.bundled();
        List<String> order = graph.inOrder("bundled").stream().map(TaskGraph.Task::id).toList();
        assertThat(order)
                .containsExactly(
                        "lakehouse_init",
                        "lakehouse_status",
                        "traffic",
                        "parking",
                        "lighting",
                        "waste",
                        "airquality",
                        "profile",
                        "report",
                        "lakehouse_maintain");
        assertThat(graph.exitCode("no_data"))
                .isEqualTo(org.citylake.analytics.job.IncompleteInputsException.EXIT_NO_DATA);
        assertThat(graph.exitCode("not_yet_complete"))
                .isEqualTo(org.citylake.analytics.job.IncompleteInputsException.EXIT_NOT_YET);
    }

    @Test
    void templatesRenderAsAirflowRendersThem() {
        assertThat(
                        TaskGraph.render(
                                List.of(
                                        "run",
                                        "lighting",
                                        "--city",
                                        "{{ params.city }}",
                                        "--from",
                                        "{{ macros.ds_add(ds, -1) }}",
                                        "--forecast-at",
                                        "{{ds}}T23:00"),
                                "aarhus",
                                DS))
                .containsExactly(
                        "run",
                        "lighting",
                        "--city",
                        "aarhus",
                        "--from",
                        "2014-08-17",
                        "--forecast-at",
                        "2014-08-18T23:00");
        assertThatThrownBy(() -> TaskGraph.render(List.of("{{ next_ds }}"), "aarhus", DS))
                .hasMessageContaining("{{ next_ds }}")
                .hasMessageContaining("is not one the schedule renders");
    }

    @Test
    void aCycleOrAnUnknownUpstreamTaskIsRefused() throws Exception {
        String cycle =
                "{\"dag_id\":\"d\",\"tasks\":[{\"id\":\"a\",\"command\":[],\"upstream\":[\"b\"]},"
                        + "{\"id\":\"b\",\"command\":[],\"upstream\":[\"a\"]}]}";
        assertThatThrownBy(() -> TaskGraph.parse(new ObjectMapper().readTree(cycle), "g.json"))
                .hasMessage("g.json: the tasks [a, b] wait for each other (a cycle)");
        String unknown =
                "{\"dag_id\":\"d\",\"tasks\":[{\"id\":\"a\",\"command\":[],\"upstream\":[\"z\"]}]}";
        assertThatThrownBy(() -> TaskGraph.parse(new ObjectMapper().readTree(unknown), "g.json"))
                .hasMessage("g.json: task a waits for unknown task z");
    }

    @Test
    void theCliKnowsItsCommandsAndNotOthers() {
        assertThat(CityLakeCli.hasCommand(List.of("run", "traffic", "--city", "x"))).isTrue();
        assertThat(CityLakeCli.hasCommand(List.of("report", "--city", "x"))).isTrue();
        assertThat(CityLakeCli.hasCommand(List.of("run", "no-such-job", "--city", "x"))).isFalse();
        assertThat(CityLakeCli.hasCommand(List.of("lakehouse", "vacuum"))).isFalse();
    }
}
