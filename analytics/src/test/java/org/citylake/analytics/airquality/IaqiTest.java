package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citylake.analytics.airquality.Iaqi.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known answers of HJ 633-2012 (table 1, PM2.5; §5 rounding up) worked by hand. */
class IaqiTest {

    @ParameterizedTest(name = "{0} µg/m³ is IAQI {1}")
    @CsvSource({
        // every breakpoint of the PM2.5 row
        "0, 0",
        "35, 50",
        "75, 100",
        "115, 150",
        "150, 200",
        "250, 300",
        "350, 400",
        "500, 500",
        // just above each breakpoint: the next segment's slope, rounded up
        "35.1, 51", //   50 + 50/40 * 0.1 = 50.125
        "75.1, 101", //  100 + 50/40 * 0.1 = 100.125
        "115.1, 151", // 150 + 50/35 * 0.1 = 150.14
        "150.1, 201", // 200 + 100/100 * 0.1 = 200.1
        "250.1, 301", // 300 + 100/100 * 0.1 = 300.1
        "350.1, 401", // 400 + 100/150 * 0.1 = 400.07
        // inside segments
        "10, 15", //    50/35 * 10 = 14.29 -> 15
        "55, 75", //    50 + 50/40 * 20 = 75
        "100, 132", //  100 + 50/40 * 25 = 131.25 -> 132
        "130, 172", //  150 + 50/35 * 15 = 171.43 -> 172
        "200, 250", //  200 + 100/100 * 50 = 250
        "425, 450" //   400 + 100/150 * 75 = 450
    })
    void knownAnswers(double pm25, int iaqi) {
        assertThat(Iaqi.of(pm25)).isEqualTo(iaqi);
    }

    @Test
    void aboveFiveHundredTheStandardComputesNoIndex() {
        assertThat(Iaqi.of(500.01)).isNull();
        assertThat(Iaqi.categoryOf(800)).isEqualTo(Category.SEVERELY_POLLUTED);
    }

    @ParameterizedTest(name = "{0} µg/m³ is {1}")
    @CsvSource({
        "0, GOOD",
        "35, GOOD",
        "35.1, MODERATE",
        "75, MODERATE",
        "75.1, LIGHTLY_POLLUTED",
        "115, LIGHTLY_POLLUTED",
        "115.1, MODERATELY_POLLUTED",
        "150, MODERATELY_POLLUTED",
        "150.1, HEAVILY_POLLUTED",
        "250, HEAVILY_POLLUTED",
        "250.1, SEVERELY_POLLUTED",
        "350, SEVERELY_POLLUTED",
        "500, SEVERELY_POLLUTED"
    })
    void categoriesAtEveryBoundary(double pm25, Category category) {
        assertThat(Iaqi.categoryOf(pm25)).isEqualTo(category);
    }

    @Test
    void levelsAndLabels() {
        assertThat(Iaqi.describe(Category.LIGHTLY_POLLUTED)).isEqualTo("III lightly polluted");
        assertThat(Iaqi.describe(Category.SEVERELY_POLLUTED)).isEqualTo("VI severely polluted");
    }

    @Test
    void aNegativeConcentrationIsAnError() {
        assertThatThrownBy(() -> Iaqi.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PM2.5 -1.0 µg/m³ has no IAQI");
        assertThatThrownBy(() -> Iaqi.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
