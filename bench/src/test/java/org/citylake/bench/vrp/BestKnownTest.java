package org.citylake.bench.vrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.citylake.analytics.waste.vrp.CvrplibReader;
import org.junit.jupiter.api.Test;

/**
 * Best known costs of the bundled CVRPLIB sets (test-data/cvrplib), and the bench's option parsing.
 */
class BestKnownTest {

    static Path cvrplib() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("test-data").resolve("cvrplib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no test-data/cvrplib above " + Path.of("").toAbsolutePath());
    }

    private static BestKnown of(String set, String name) {
        Path vrp = cvrplib().resolve(set).resolve(name + ".vrp");
        return BestKnown.of(vrp, CvrplibReader.read(vrp));
    }

    @Test
    void aValidSolutionFileGivesTheBestKnownCost() {
        assertThat(of("A", "A-n32-k5")).isEqualTo(new BestKnown(784, "sol"));
    }

    @Test
    void theTwoDefectiveSolutionFilesFallBackToTheCommentsOptimum() {
        // B-n50-k8.sol visits customer 2 twice and never 3; B-n57-k7.sol recomputes to 1155, not
        // 1153
        BestKnown b50 = of("B", "B-n50-k8");
        BestKnown b57 = of("B", "B-n57-k7");

        assertThat(b50.cost()).isEqualTo(1312);
        assertThat(b50.source())
                .startsWith("comment (B-n50-k8.sol: ")
                .contains("customer 3 is not visited");
        assertThat(b57.cost()).isEqualTo(1153);
        assertThat(b57.source()).isEqualTo("comment (B-n57-k7.sol: states 1153, routes cost 1155)");
    }

    @Test
    void everyInstanceOfTheThreeSetsHasABestKnownCost() throws Exception {
        assertThat(VrpBench.instanceFiles(cvrplib()))
                .hasSize(74)
                .allSatisfy(
                        f ->
                                assertThat(BestKnown.of(f, CvrplibReader.read(f)).cost())
                                        .isPositive());
    }

    @Test
    void aSolverMayCarryItsOwnTimeLimit() {
        assertThat(VrpBench.SolverRun.parse("ortools:10", Duration.ofSeconds(30)))
                .isEqualTo(new VrpBench.SolverRun("ortools", Duration.ofSeconds(10)));
        assertThat(VrpBench.SolverRun.parse("jsprit", Duration.ofSeconds(30)))
                .isEqualTo(new VrpBench.SolverRun("jsprit", Duration.ofSeconds(30)));
        assertThatThrownBy(() -> VrpBench.SolverRun.parse("gurobi", Duration.ofSeconds(30)))
                .hasMessageStartingWith("unknown solver 'gurobi'");
        assertThatThrownBy(() -> VrpBench.seconds("0"))
                .hasMessage("time limit must be positive, got 0");
    }
}
