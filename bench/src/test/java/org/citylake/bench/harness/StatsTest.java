package org.citylake.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void summaryGivesMinMaxAndInterpolatedQuartiles() {
        Stats.Summary s = Stats.summarize(List.of(10.0, 20.0, 30.0, 40.0, 50.0));
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.median()).isEqualTo(30.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(50.0);
        assertThat(s.q1()).isEqualTo(20.0);
        assertThat(s.q3()).isEqualTo(40.0);
        assertThat(s.iqr()).isEqualTo(20.0);

        Stats.Summary four = Stats.summarize(List.of(1.0, 2.0, 3.0, 4.0));
        // q1 at position 0.75 between 1 and 2, q3 at 2.25 between 3 and 4.
        assertThat(four.q1()).isCloseTo(1.75, within(1e-12));
        assertThat(four.q3()).isCloseTo(3.25, within(1e-12));
    }

    @Test
    void percentilesOfLatencies() {
        List<Double> latencies = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            latencies.add((double) i);
        }
        assertThat(Stats.quantile(latencies, 0.5)).isCloseTo(50.5, within(1e-12));
        assertThat(Stats.quantile(latencies, 0.95)).isCloseTo(95.05, within(1e-12));
        assertThat(Stats.quantile(List.of(7.0), 0.95)).isEqualTo(7.0);
    }

    @Test
    void aSingleValueHasNoSpread() {
        Stats.Summary s = Stats.summarize(List.of(3.0));
        assertThat(s.min()).isEqualTo(s.max()).isEqualTo(s.median()).isEqualTo(3.0);
        assertThat(s.iqr()).isZero();
    }

    @Test
    void emptyOrNotANumberIsRefused() {
        assertThatThrownBy(() -> Stats.summarize(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no values");
        assertThatThrownBy(() -> Stats.median(List.of(1.0, Double.NaN)))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Stats.quantile(List.of(1.0), 1.5))
                .hasMessageContaining("within 0..1");
    }

    @Test
    void reportRatioIsOfTheMedians() {
        Report report = new Report("t", "test", "citylake bench t");
        report.add(Series.measured("job", "readings/s", List.of(10.0, 30.0, 20.0)));
        report.add(Series.reference("ceiling", "readings/s", List.of(100.0, 40.0, 80.0)));
        assertThat(report.ratio("job / ceiling", "job", "ceiling")).isEqualTo(0.25);
        assertThatThrownBy(() -> report.add(Series.measured("job", "x", List.of(1.0))))
                .hasMessageContaining("added twice");
    }

    @Test
    void cpuSecondsFromProcStat() {
        // pid (comm with spaces) state ppid ... utime=250 stime=50 cutime=100 cstime=0 (ticks)
        String stat =
                "4242 (java thread x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 100 0 20 0 40 0";
        assertThat(CpuTime.parseStat(stat)).isEqualTo(4.0);
        assertThat(CpuTime.thisProcessSeconds()).isPositive();
    }
}
