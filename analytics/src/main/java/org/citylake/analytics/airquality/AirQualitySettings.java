package org.citylake.analytics.airquality;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One run of the air-quality job: either training ({@code train}, {@code validate}, {@code test}
 * windows) or a forecast ({@code forecastAt}).
 *
 * @param train target times the models learn from
 * @param validate target times used only to tune (candidate, trees) and calibrate the interval
 * @param test target times the models and persistence are scored on
 * @param forecastAt issue time of a forecast run (readings stamped up to it are used), or null
 * @param horizons forecast hours 1..horizons
 * @param seed LightGBM's seed
 * @param intervalLevel nominal coverage of the prediction interval, e.g. 0.8
 * @param alertAbove PM2.5 above which a forecast hour is an alert, µg/m³
 * @param threads horizons trained at once (each fit on one thread)
 * @param refit after tuning, train each horizon's chosen candidate again on the training and
 *     validation windows together
 */
public record AirQualitySettings(
        Window train,
        Window validate,
        Window test,
        Instant forecastAt,
        int horizons,
        long seed,
        double intervalLevel,
        double alertAbove,
        int threads,
        boolean refit)
        implements Serializable {

    public AirQualitySettings {
        boolean training = train != null || validate != null || test != null;
        if (training && (train == null || validate == null || test == null)) {
            throw new IllegalArgumentException(
                    "training needs --train, --validate and --test windows, e.g. --train"
                            + " 2010-01-01..2012-12-31 --validate 2013-01-01..2013-12-31 --test"
                            + " 2014-01-01..2014-12-31");
        }
        if (training == (forecastAt != null)) {
            throw new IllegalArgumentException(
                    training
                            ? "--forecast-at issues a forecast with the latest model; it does not"
                                    + " go with --train/--validate/--test"
                            : "say what to do: train with --train A..B --validate C..D --test E..F,"
                                    + " or forecast with --forecast-at 2014-12-31T08:00:00+08:00");
        }
        if (training) {
            if (train.overlaps(validate) || train.overlaps(test) || validate.overlaps(test)) {
                throw new IllegalArgumentException(
                        "the windows must not overlap: train "
                                + train
                                + ", validate "
                                + validate
                                + ", test "
                                + test);
            }
        }
        if (horizons < 1 || horizons > 72) {
            throw new IllegalArgumentException("horizons " + horizons + ": give 1..72 hours");
        }
        if (!(intervalLevel > 0 && intervalLevel < 1)) {
            throw new IllegalArgumentException(
                    "interval " + intervalLevel + ": a coverage between 0 and 1, e.g. 0.8");
        }
        if (alertAbove < 0) {
            throw new IllegalArgumentException("alert band " + alertAbove + " µg/m³ is negative");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + ": at least 1");
        }
    }

    public boolean training() {
        return forecastAt == null;
    }

    /** The local days the run covers: the windows' span, or the 8 days before the issue day. */
    public LocalDate[] days(ZoneId zone) {
        if (training()) {
            LocalDate first = min(min(train.first(), validate.first()), test.first());
            LocalDate last = max(max(train.last(), validate.last()), test.last());
            return new LocalDate[] {first, last};
        }
        LocalDate issueDay = forecastAt.atZone(zone).toLocalDate();
        return new LocalDate[] {issueDay.minusDays(8), issueDay.minusDays(1)};
    }

    /** Readings needed before the first target: the features' look-back plus the horizon. */
    public long lookbackHours() {
        return AirFeatures.LOOKBACK_HOURS + horizons;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
