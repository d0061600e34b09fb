package org.citylake.bench.congestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingCheckTest {

    static final LocalDate MONDAY = LocalDate.of(2014, 8, 18);

    static RankedScope row(String id, int rank, double tti, long vehicles) {
        return new RankedScope(
                "day",
                MONDAY,
                "segment",
                id,
                "road " + id,
                rank,
                tti,
                12.5,
                vehicles,
                30.0,
                0.6,
                1,
                40,
                2,
                1);
    }

    @Test
    void equalRankingsInAnyRowOrderAreEqual() {
        List<RankedScope> job = List.of(row("A", 1, 2.5, 100), row("B", 2, 1.25, 80));
        List<RankedScope> duck = List.of(row("B", 2, 1.25, 80), row("A", 1, 2.5, 100));
        assertThat(RankingCheck.difference(job, duck)).isNull();
    }

    @Test
    void lastBitDifferencesOfSumsAreWithinTheTolerance() {
        double tti = 0.1 + 0.2 + 0.3; // 0.6000000000000001
        List<RankedScope> job = List.of(row("A", 1, tti, 100));
        List<RankedScope> duck = List.of(row("A", 1, 0.6, 100));
        assertThat(RankingCheck.difference(job, duck)).isNull();
    }

    @Test
    void aTtiOffByMoreThanTheToleranceDiffers() {
        List<RankedScope> job = List.of(row("A", 1, 2.5, 100));
        List<RankedScope> duck = List.of(row("A", 1, 2.5 * (1 + 1e-8), 100));
        assertThat(RankingCheck.difference(job, duck))
                .startsWith("1 of 1 rows differ")
                .contains("day 2014-08-18 segment A: peak_tti 2.5 vs 2.50000002");
    }

    @Test
    void swappedRanksCountsAndMissingRowsAreNamed() {
        List<RankedScope> job =
                List.of(row("A", 1, 2.5, 100), row("B", 2, 1.25, 80), row("C", 3, 1.0, 5));
        List<RankedScope> duck =
                List.of(row("A", 2, 2.5, 100), row("B", 1, 1.25, 81), row("D", 3, 1.0, 5));
        assertThat(RankingCheck.difference(job, duck))
                .startsWith("4 of 4 rows differ")
                .contains("segment A: scope_rank 1 vs 2")
                .contains("segment B: scope_rank 2 vs 1, vehicles 80 vs 81")
                .contains("segment C: only in the first (rank 3)")
                .contains("segment D: only in the second (rank 3)");
    }

    @Test
    void nanEqualsOnlyNan() {
        assertThat(RankingCheck.closeTo(Double.NaN, Double.NaN)).isTrue();
        assertThat(RankingCheck.closeTo(Double.NaN, 1.0)).isFalse();
        assertThat(RankingCheck.closeTo(0.0, 0.0)).isTrue();
        assertThat(RankingCheck.closeTo(0.0, 1e-300)).isFalse();
    }

    @Test
    void aRowTwiceInOneRankingIsRefused() {
        List<RankedScope> twice = List.of(row("A", 1, 2.5, 100), row("A", 1, 2.5, 100));
        assertThatThrownBy(() -> RankingCheck.difference(twice, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the first ranking holds day 2014-08-18 segment A twice");
    }
}
