package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persistence on the real data reproduces the published RMSEs (DESIGN §5), and equals an oracle
 * that reads the CSV as plain lines: row k − h is h hours before row k (the file has every hour), a
 * pair counts when both pm2.5 cells are not NA, and the target row's year decides the window.
 */
class PersistenceTest {

    static List<String[]> csv;
    static CityHours data;

    @BeforeAll
    static void read() {
        csv = BeijingCsv.rows();
        data = BeijingCsv.hours(BeijingCsv.readings("beijing-us-embassy"));
    }

    /** RMSE of persistence at horizon h over target rows whose year is in {@code years}. */
    static double oracle(int h, Set<Integer> years, long[] pairs) {
        double sq = 0;
        long n = 0;
        for (int k = h; k < csv.size(); k++) {
            String[] target = csv.get(k);
            String[] issue = csv.get(k - h);
            if (!years.contains(Integer.parseInt(target[1]))
                    || target[5].equals("NA")
                    || issue[5].equals("NA")) {
                continue;
            }
            double e = Double.parseDouble(target[5]) - Double.parseDouble(issue[5]);
            sq += e * e;
            n++;
        }
        pairs[0] = n;
        return Math.sqrt(sq / n);
    }

    @Test
    void protocolATest2014() {
        Window test = Window.of(LocalDate.of(2014, 1, 1), LocalDate.of(2014, 12, 31), data.zone());
        Map<String, ErrorSums[]> sums = DirectForecaster.persistence(data, test, 24);
        double[] published = {22.06, 61.23, 98.71};
        int[] horizons = {1, 6, 24};
        for (int k = 0; k < horizons.length; k++) {
            int h = horizons[k];
            long[] pairs = new long[1];
            double expected = oracle(h, Set.of(2014), pairs);
            ErrorSums all = sums.get(DirectForecaster.ALL)[h - 1];
            assertThat(all.n).as("pairs at h" + h).isEqualTo(pairs[0]);
            assertThat(all.persistenceRmse()).as("h" + h).isCloseTo(expected, within(1e-9));
            assertThat(all.persistenceRmse()).as("h" + h).isCloseTo(published[k], within(0.05));
            // one station: its row equals the pooled one
            assertThat(sums.get("beijing-us-embassy")[h - 1].persistenceSq)
                    .isEqualTo(all.persistenceSq);
        }
        // every horizon in between against the oracle too
        for (int h = 1; h <= 24; h++) {
            long[] pairs = new long[1];
            assertThat(sums.get(DirectForecaster.ALL)[h - 1].persistenceRmse())
                    .as("h" + h)
                    .isCloseTo(oracle(h, Set.of(2014), pairs), within(1e-9));
        }
    }

    @Test
    void protocolBTest2011To2014() {
        Window test = Window.of(LocalDate.of(2011, 1, 1), LocalDate.of(2014, 12, 31), data.zone());
        ErrorSums h1 = DirectForecaster.persistence(data, test, 1).get(DirectForecaster.ALL)[0];
        long[] pairs = new long[1];
        assertThat(h1.persistenceRmse())
                .isCloseTo(oracle(1, Set.of(2011, 2012, 2013, 2014), pairs), within(1e-9))
                .isCloseTo(23.45, within(0.05));
        assertThat(h1.n).isEqualTo(pairs[0]);
    }
}
