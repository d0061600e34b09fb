package org.citylake.analytics.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fill cycles, rates, statistics and day states of one bin, worked out by hand (UTC days).
 *
 * <pre>
 *   day 0 08:00 emptied (50 % before, 0 after)
 *   day 1 08:00 reads 30 %
 *   day 2 08:00 emptied (60 % before, 10 % after)   cycle 1: (0.60 - 0)    / 2 d = 0.30 /d
 *   day 5 08:00 emptied (105 % before)              cycle 2: (1.05 - 0.10) / 3 d = 0.316667 /d, overflowed
 * </pre>
 */
class BinHistoryTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final LocalDate D0 = LocalDate.of(2016, 6, 1);

    static long at(int day, int hour) {
        return D0.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static BinHistory history() {
        return new BinHistory(
                "bin",
                List.of(
                        BinEvent.pickup("bin", "v", at(5, 8), 1.05, null, 31.5),
                        BinEvent.pickup("bin", "v", at(0, 8), 0.5, 0.0, 15.0),
                        BinEvent.level("bin", at(1, 8), 0.3),
                        BinEvent.pickup("bin", "v", at(2, 8), 0.6, 0.1, 18.0)),
                1.0);
    }

    @Test
    void cyclesAndTheirRates() {
        List<BinHistory.Cycle> cycles = history().cycles();
        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(0).rate()).isCloseTo(0.30, within(1e-12));
        assertThat(cycles.get(0).days()).isCloseTo(2, within(1e-12));
        assertThat(cycles.get(0).overflowed()).isFalse();
        assertThat(cycles.get(1).rate()).isCloseTo(0.95 / 3, within(1e-12));
        assertThat(cycles.get(1).overflowed()).isTrue();
    }

    @Test
    void statisticsOverAPeriod() {
        BinStatsRow all = history().stats(at(0, 0), at(6, 0), 0.3, 1.0);
        assertThat(all.pickups).isEqualTo(3);
        assertThat(all.kgCollected).isCloseTo(64.5, within(1e-12));
        assertThat(all.meanFill).isCloseTo((0.5 + 0.6 + 1.05) / 3, within(1e-12));
        assertThat(all.lowFillPickups).isZero();
        double median = (0.30 + 0.95 / 3) / 2;
        assertThat(all.fillRatePerDay).isCloseTo(median, within(1e-12));
        assertThat(all.daysToFull).isCloseTo(1 / median, within(1e-9));
        assertThat(all.overflows).isEqualTo(1);
        assertThat(all.meanDaysBetweenPickups).isCloseTo(2.5, within(1e-12));

        BinStatsRow late = history().stats(at(3, 0), at(6, 0), 0.3, 1.0);
        assertThat(late.pickups).isEqualTo(1);
        assertThat(late.fillRatePerDay).isCloseTo(0.95 / 3, within(1e-12));

        assertThat(history().stats(at(10, 0), at(11, 0), 0.3, 1.0)).isNull();
    }

    @Test
    void aDayStartSeesOnlyThePast() {
        // Day 3 starts 16 h after the day-2 emptying left 10 %; only cycle 1 had ended: 0.30 /d.
        BinDay day3 = history().dayStart(D0.plusDays(3), UTC, 28);
        assertThat(day3.level).isCloseTo(0.1 + 0.30 * 16 / 24, within(1e-12));
        assertThat(day3.ratePerDay).isCloseTo(0.30, within(1e-12));
        // kg when full: median of 15 / 0.5 = 30 and 18 / 0.6 = 30 (day 5 not yet seen).
        assertThat(day3.kgWhenFull).isCloseTo(30, within(1e-12));

        // Day 1 starts after the first emptying, before any cycle ended: level 0, no rate.
        BinDay day1 = history().dayStart(D0.plusDays(1), UTC, 28);
        assertThat(day1.level).isZero();
        assertThat(day1.ratePerDay).isNull();

        // Day 2 starts after the 30 % reading of day 1 08:00; no cycle has ended yet.
        BinDay day2 = history().dayStart(D0.plusDays(2), UTC, 28);
        assertThat(day2.level).isCloseTo(0.3, within(1e-12));

        // Nothing before the first event.
        assertThat(history().dayStart(D0, UTC, 28)).isNull();
    }

    @Test
    void aHistoryWindowForgetsOldCycles() {
        // On day 6 with 1 day of history, only cycle 2 (ended day 5 08:00) counts.
        BinDay day6 = history().dayStart(D0.plusDays(6), UTC, 1);
        assertThat(day6.ratePerDay).isCloseTo(0.95 / 3, within(1e-12));
        // The day-5 emptying reported no level after: taken as empty.
        assertThat(day6.level).isCloseTo(0.95 / 3 * 16 / 24, within(1e-12));
    }
}
