package org.citylake.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepetitionsTest {

    @Test
    void everyRunHasItsOwnIdAndOnlyMeasuredRunsCount() throws Exception {
        List<String> ids = new ArrayList<>();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Map<String, List<Double>> values =
                new Repetitions("test", new PrintStream(progress, true, StandardCharsets.UTF_8))
                        .run(
                                "label",
                                2,
                                3,
                                run -> {
                                    ids.add(run.id());
                                    return Map.of("x", run.warmup() ? -1.0 : run.index());
                                });
        // two warm-ups that create tables by run id must not meet each other's tables
        assertThat(ids).containsExactly("warmup1", "warmup2", "r1", "r2", "r3");
        assertThat(values.get("x")).containsExactly(1.0, 2.0, 3.0);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("label warm-up 2:")
                .contains("label rep 3/3:");
    }
}
