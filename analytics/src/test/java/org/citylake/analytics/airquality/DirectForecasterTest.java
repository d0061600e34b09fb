package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecaster on a short real window: seeded training is reproducible, tuning sees only the
 * validation window, rows respect their windows, the interval coverage is the share of test values
 * inside it, counted here without the product's scoring.
 */
class DirectForecasterTest {

    static CityHours data;
    static Window train;
    static Window validate;
    static Window test;
    static final List<DirectForecaster.Params> ONE =
            List.of(new DirectForecaster.Params(false, 0.1, 15, 50, 0.8, 1.0, 200, 20));

    @BeforeAll
    static void read() {
        data = BeijingCsv.hours(BeijingCsv.readings("st"));
        train = Window.of(LocalDate.of(2014, 1, 1), LocalDate.of(2014, 2, 28), data.zone());
        validate = Window.of(LocalDate.of(2014, 3, 1), LocalDate.of(2014, 3, 31), data.zone());
        test = Window.of(LocalDate.of(2014, 4, 1), LocalDate.of(2014, 4, 30), data.zone());
    }

    @Test
    void theSameSeedGivesTheSameModels() {
        DirectForecaster.Trained a =
                DirectForecaster.train(data, train, validate, 3, ONE, 7, 0.8, 2);
        DirectForecaster.Trained b =
                DirectForecaster.train(data, train, validate, 3, ONE, 7, 0.8, 1);
        for (int h = 0; h < 3; h++) {
            assertThat(b.models().get(h).modelText()).isEqualTo(a.models().get(h).modelText());
        }
    }

    @Test
    void rowsHaveTheirTargetsInTheWindow() {
        for (int h : new int[] {1, 24}) {
            DirectForecaster.Rows rows = DirectForecaster.rows(data, test, h);
            for (int k = 0; k < rows.n; k++) {
                long target = rows.issuedAt[k] + h * 3_600_000L;
                assertThat(test.contains(target)).isTrue();
            }
            // April 2014 has 720 hours; the rows are those with a target value and a base
            assertThat(rows.n).isBetween(600, 720);
        }
    }

    @Test
    void coverageIsTheShareOfTestValuesInsideTheInterval() {
        DirectForecaster.Trained t =
                DirectForecaster.train(data, train, validate, 2, ONE, 7, 0.8, 2);
        Map<String, ErrorSums[]> sums = DirectForecaster.evaluate(t, data, test);
        DirectForecaster.HorizonModel m = t.models().get(1);
        DirectForecaster.Rows rows = DirectForecaster.rows(data, test, 2);
        double[] forecast = DirectForecaster.predict(m.modelText(), false, rows);
        long n = 0;
        long inside = 0;
        double sq = 0;
        for (int k = 0; k < rows.n; k++) {
            if (Double.isNaN(rows.persistence[k])) {
                continue;
            }
            n++;
            double lo = Math.max(0, forecast[k] + m.residualLo());
            double hi = forecast[k] + m.residualHi();
            inside += rows.actual[k] >= lo && rows.actual[k] <= hi ? 1 : 0;
            sq += Math.pow(rows.actual[k] - forecast[k], 2);
        }
        ErrorSums all = sums.get(DirectForecaster.ALL)[1];
        assertThat(all.n).isEqualTo(n);
        assertThat(all.coverage()).isEqualTo((double) inside / n);
        assertThat(all.modelRmse()).isEqualTo(Math.sqrt(sq / n));
        assertThat(m.residualLo()).isNegative();
        assertThat(m.residualHi()).isPositive();
    }
}
