package org.citylake.analytics.waste.vrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvrplibReaderTest {

    @TempDir Path dir;

    /**
     * The hand-written distances of four nodes, by file id (1-based):
     *
     * <pre>
     *      1  2  3  4
     *   1  0  3  5  9
     *   2  3  0  4  7
     *   3  5  4  0  2
     *   4  9  7  2  0
     * </pre>
     */
    static final long[][] FOUR = {{0, 3, 5, 9}, {3, 0, 4, 7}, {5, 4, 0, 2}, {9, 7, 2, 0}};

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String explicit(String format, String weights, int depot) {
        return "NAME : four\n"
                + "COMMENT : hand-written, Optimal value: 19\n"
                + "TYPE : CVRP\n"
                + "DIMENSION : 4\n"
                + "EDGE_WEIGHT_TYPE : EXPLICIT\n"
                + "EDGE_WEIGHT_FORMAT : "
                + format
                + "\n"
                + "CAPACITY : 10\n"
                + "EDGE_WEIGHT_SECTION\n"
                + weights
                + "DEMAND_SECTION\n"
                + (depot == 1 ? "1 0\n2 4\n3 6\n4 5\n" : "1 4\n2 6\n3 0\n4 5\n")
                + "DEPOT_SECTION\n "
                + depot
                + "\n -1\n"
                + "EOF\n";
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "FULL_MATRIX    | 0 3 5 9\\n3 0 4 7\\n5 4 0 2\\n9 7 2 0\\n",
                "LOWER_ROW      | 3\\n5 4\\n9 7 2\\n",
                "LOWER_DIAG_ROW | 0\\n3 0\\n5 4 0\\n9 7 2 0\\n",
                "UPPER_ROW      | 3 5 9\\n4 7\\n2\\n",
                "UPPER_DIAG_ROW | 0 3 5 9\\n0 4 7\\n0 2\\n0\\n",
                // values may wrap anywhere
                "UPPER_DIAG_ROW | 0 3 5 9 0\\n4 7 0 2 0\\n",
            })
    void everyExplicitFormatGivesTheSameMatrix(String format, String weights) throws IOException {
        Path f = write("four.vrp", explicit(format.trim(), weights.replace("\\n", "\n"), 1));

        CvrplibInstance inst = CvrplibReader.read(f);

        assertThat(inst.problem().cost()).isDeepEqualTo(FOUR);
        assertThat(inst.problem().demand()).containsExactly(0, 4, 6, 5);
        assertThat(inst.problem().capacity()).isEqualTo(10);
        assertThat(inst.fileIds()).containsExactly(1, 2, 3, 4);
        assertThat(inst.commentValue()).hasValue(19);
        assertThat(inst.edgeWeightType()).isEqualTo("EXPLICIT");
    }

    @Test
    void aFullMatrixMayBeAsymmetric() throws IOException {
        Path f =
                write(
                        "one-way.vrp",
                        explicit("FULL_MATRIX", "0 3 5 9\n1 0 4 7\n5 8 0 2\n9 7 6 0\n", 1));

        CvrpProblem p = CvrplibReader.read(f).problem();

        assertThat(p.cost(0, 1)).isEqualTo(3);
        assertThat(p.cost(1, 0)).isEqualTo(1);
        assertThat(p.cost(2, 1)).isEqualTo(8);
        assertThat(p.symmetric()).isFalse();
    }

    @Test
    void aDepotThatIsNotNodeOneBecomesNodeZero() throws IOException {
        Path f =
                write(
                        "depot3.vrp",
                        explicit("FULL_MATRIX", "0 3 5 9\n3 0 4 7\n5 4 0 2\n9 7 2 0\n", 3));

        CvrplibInstance inst = CvrplibReader.read(f);

        // node order: the depot (file id 3), then 1, 2, 4
        assertThat(inst.fileIds()).containsExactly(3, 1, 2, 4);
        assertThat(inst.indexOf(4)).isEqualTo(3);
        assertThat(inst.problem().demand()).containsExactly(0, 4, 6, 5);
        assertThat(inst.problem().cost())
                .isDeepEqualTo(
                        new long[][] {{0, 5, 4, 2}, {5, 0, 3, 9}, {4, 3, 0, 7}, {2, 9, 7, 0}});
    }

    private static String coords(String type, String nodes) {
        return "NAME : two\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : "
                + type
                + "\nCAPACITY : 5\nNODE_COORD_SECTION\n"
                + nodes
                + "DEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n";
    }

    @ParameterizedTest
    @CsvSource({
        // 5.44 rounds to 5, and up to 6
        "EUC_2D,  1 0 0,  2 3 4.4,     5",
        "CEIL_2D, 1 0 0,  2 3 4.4,     6",
        "EUC_2D,  1 0 0,  2 3 4.8,     6",
        // ATT: r = sqrt(100 / 10) = 3.16, nint 3 < r, so 4
        "ATT,     1 0 0,  2 10 0,      4",
        // GEO: one degree of a meridian on the 6378.388 km sphere = 111.3 km, +1 and truncated
        "GEO,     1 0.0 0.0, 2 1.0 0.0, 112",
        // GEO reads DDD.MM: 0.30 is 30 minutes = half a degree: 55.66 km → 56
        "GEO,     1 0.0 0.0, 2 0.30 0.0, 56",
    })
    void distancesAreRoundedAsTsplibDefines(String type, String a, String b, long expected)
            throws IOException {
        Path f = write("two.vrp", coords(type, a + "\n" + b + "\n"));

        assertThat(CvrplibReader.read(f).problem().cost(0, 1)).isEqualTo(expected);
    }

    @Test
    void an32k5AndItsSolutionFileReproduceThePublishedOptimum() {
        Path vrp = CvrplibData.dir().resolve("A").resolve("A-n32-k5.vrp");
        CvrplibInstance inst = CvrplibReader.read(vrp);
        CvrplibSolutionFile sol = CvrplibReader.readSolution(vrp.resolveSibling("A-n32-k5.sol"));

        assertThat(inst.name()).isEqualTo("A-n32-k5");
        assertThat(inst.problem().size()).isEqualTo(32);
        assertThat(inst.problem().capacity()).isEqualTo(100);
        assertThat(inst.commentValue()).hasValue(784);
        assertThat(sol.routes()).hasSize(5);
        assertThat(sol.cost()).hasValue(784);
        assertThat(sol.toSolution(inst.problem()).validate(inst.problem())).isEqualTo(784);
    }

    @Test
    void aSolutionFileWithAStrayLineIsRejectedWithItsLine() throws IOException {
        Path f = write("x.sol", "Route #1: 1 2\nRoute #2: 3\nCost 10\ngarbage\n");

        assertThatThrownBy(() -> CvrplibReader.readSolution(f))
                .isInstanceOf(CvrplibFormatException.class)
                .hasMessage(f + ":4: expected 'Route #k: customers' or 'Cost c', got 'garbage'");
    }

    static final String GOOD =
            "NAME : three\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
                    + "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 6 8\n"
                    + "DEMAND_SECTION\n1 0\n2 4\n3 6\n"
                    + "DEPOT_SECTION\n1\n-1\nEOF\n";

    private CvrplibFormatException error(String text) throws IOException {
        Path f = write("bad.vrp", text);
        try {
            CvrplibReader.read(f);
        } catch (CvrplibFormatException e) {
            assertThat(e.file()).isEqualTo(f);
            return e;
        }
        throw new AssertionError("no error for\n" + text);
    }

    @Test
    void theWellFormedBaseReads() throws IOException {
        assertThat(CvrplibReader.read(write("good.vrp", GOOD)).problem().cost(1, 2)).isEqualTo(5);
    }

    @Test
    void errorsNameTheFileTheLineAndWhatIsWrong() throws IOException {
        CvrplibFormatException e = error(GOOD.replace("2 3 4\n", "2 3 x\n"));
        assertThat(e.line()).isEqualTo(8);
        assertThat(e).hasMessage(dir.resolve("bad.vrp") + ":8: y 'x' is not a number");

        assertThat(error(GOOD.replace("3 6\nDEPOT", "3 16\nDEPOT")))
                .hasMessageEndingWith(":13: node 3 demands 16, more than CAPACITY 10");
        assertThat(error(GOOD.replace("CAPACITY : 10", "CAPACITY : ten")))
                .hasMessageEndingWith(":5: CAPACITY 'ten' is not an integer");
        assertThat(error(GOOD.replace("TYPE : CVRP", "TYPE : TSP")))
                .hasMessageEndingWith(":2: TYPE TSP is not supported: expected CVRP (or ACVRP)");
        assertThat(error(GOOD.replace("EUC_2D", "MAN_2D")))
                .hasMessageEndingWith(
                        ":4: EDGE_WEIGHT_TYPE MAN_2D is not supported (EUC_2D, CEIL_2D, GEO, ATT, EXPLICIT)");
        assertThat(error(GOOD.replace("EOF", "SERVICE_TIME_SECTION\nEOF")))
                .hasMessageEndingWith(":17: unknown keyword 'SERVICE_TIME_SECTION'");
        assertThat(error(GOOD.replace("3 6 8\n", "4 6 8\n")))
                .hasMessageEndingWith(":9: node 4 is outside 1..3 (DIMENSION)");
        assertThat(error(GOOD.replace("3 6\n", "")))
                .hasMessageEndingWith(":10: DEMAND_SECTION has no demand for node 3");
        assertThat(error(GOOD.replace("1\n-1", "1\n2\n-1")))
                .hasMessageEndingWith(":16: a second depot (node 2): only one depot is supported");
        assertThat(error(GOOD.replace("1 0\n2 4", "1 2\n2 4")))
                .hasMessageEndingWith(":10: the depot, node 1, has demand 2, expected 0");
        assertThat(error(GOOD.replace("DIMENSION : 3\n", "")))
                .hasMessageEndingWith(
                        ":5: NODE_COORD_SECTION before DIMENSION: the header must give DIMENSION first");
    }

    @Test
    void explicitWeightsOfTheWrongCountAreReported() throws IOException {
        assertThat(error(explicit("LOWER_ROW", "3\n5 4\n9 7 2\n1\n", 1)))
                .hasMessageEndingWith(
                        ":12: EDGE_WEIGHT_SECTION has 7 values, LOWER_ROW of DIMENSION 4 needs 6");
        assertThat(error(explicit("FULL_MATRIX", "0 3 5 9\n3 0 4 7\n", 1)))
                .hasMessageEndingWith(
                        ":8: EDGE_WEIGHT_SECTION has 8 values, FULL_MATRIX of DIMENSION 4 needs 16");
        assertThat(error(explicit("LOWER_ROW", "3\n5 -4\n9 7 2\n", 1)))
                .hasMessageEndingWith(":10: edge weight -4 is negative");
    }

    @Test
    void theReaderAcceptsAnyPathAndLinesWithoutAFile() {
        CvrplibInstance inst = CvrplibReader.read(Path.of("inline"), List.of(GOOD.split("\n")));

        assertThat(inst.problem().cost(0, 2)).isEqualTo(10);
        assertThat(inst.problem().vehicleLimit()).isZero();
    }
}
