package org.citylake.analytics.parking;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Optional;
import org.citylake.model.AnalyticsPeriod;

/**
 * How a period splits for the forecast: the last {@code testDays} days are held back as the test
 * period, the days before them train the model. Both in city time, {@code to} days included.
 */
public record ForecastWindow(AnalyticsPeriod train, AnalyticsPeriod test) implements Serializable {

    /** Empty when the period is too short to leave a training day before the test days. */
    public static Optional<ForecastWindow> of(AnalyticsPeriod period, int testDays) {
        LocalDate testFrom = period.to().minusDays(testDays - 1L);
        if (!testFrom.isAfter(period.from())) {
            return Optional.empty();
        }
        return Optional.of(
                new ForecastWindow(
                        new AnalyticsPeriod(
                                period.city(), period.zone(), period.from(), testFrom.minusDays(1)),
                        new AnalyticsPeriod(period.city(), period.zone(), testFrom, period.to())));
    }
}
