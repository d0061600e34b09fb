package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.analytics.job.JobOption;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;

/** Pins the job's option keys and defaults, and the period and errors its options imply. */
class AirQualityJobTest {

    static final City BEIJING =
            City.of("beijing", "Beijing", "CN", "Asia/Shanghai", 116.4, 39.9, null, null);

    @Test
    void keysAndDefaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (JobOption<?> o : new AirQualityJob().options()) {
            keys.put(o.key(), o.defaultValue());
        }
        assertThat(keys)
                .containsExactly(
                        Map.entry("train", ""),
                        Map.entry("validate", ""),
                        Map.entry("test", ""),
                        Map.entry("forecast-at", ""),
                        Map.entry("horizons", "24"),
                        Map.entry("seed", "42"),
                        Map.entry("interval", "0.8"),
                        Map.entry("alert-above", "75"),
                        Map.entry("threads", "2"),
                        Map.entry("refit", "true"));
    }

    @Test
    void trainingCoversItsWindows() {
        Map<String, String> options =
                Map.of(
                        "train", "2010-01-01..2010-10-31",
                        "validate", "2010-11-01..2010-12-31",
                        "test", "2011-01-01..2014-12-31");
        AirQualitySettings s = new AirQualityJob().settings(options, BEIJING);
        assertThat(s.training()).isTrue();
        assertThat(new AirQualityJob().impliedDays(options, BEIJING))
                .contains(List.of(LocalDate.of(2010, 1, 1), LocalDate.of(2014, 12, 31)));
        // Beijing's day starts at 16:00 UTC the day before
        assertThat(s.train().from()).isEqualTo(Instant.parse("2009-12-31T16:00:00Z"));
    }

    @Test
    void aForecastIsIssuedOnTheHourOfTheCitysTime() {
        AirQualitySettings s =
                new AirQualityJob().settings(Map.of("forecast-at", "2014-12-30T08:40"), BEIJING);
        assertThat(s.forecastAt()).isEqualTo(Instant.parse("2014-12-30T00:00:00Z"));
        assertThat(
                        new AirQualityJob()
                                .impliedDays(Map.of("forecast-at", "2014-12-30T08:00"), BEIJING))
                .contains(List.of(LocalDate.of(2014, 12, 22), LocalDate.of(2014, 12, 29)));
        assertThat(
                        new AirQualityJob()
                                .settings(Map.of("forecast-at", "2014-12-30T08:00+01:00"), BEIJING)
                                .forecastAt())
                .isEqualTo(Instant.parse("2014-12-30T07:00:00Z"));
    }

    @Test
    void errorsSayWhatToDo() {
        AirQualityJob job = new AirQualityJob();
        assertThatThrownBy(() -> job.settings(Map.of(), BEIJING))
                .hasMessageContaining("say what to do: train with --train");
        assertThatThrownBy(() -> job.settings(Map.of("train", "2010-01-01..2010-12-31"), BEIJING))
                .hasMessageContaining("training needs --train, --validate and --test");
        assertThatThrownBy(
                        () ->
                                job.settings(
                                        Map.of(
                                                "train", "2010-01-01..2012-12-31",
                                                "validate", "2012-06-01..2013-12-31",
                                                "test", "2014-01-01..2014-12-31"),
                                        BEIJING))
                .hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> job.settings(Map.of("train", "2010"), BEIJING))
                .hasMessageContaining("--train 2010: not a range of days FIRST..LAST");
        assertThatThrownBy(() -> job.settings(Map.of("forecast-at", "tomorrow"), BEIJING))
                .hasMessageContaining("--forecast-at tomorrow: not a time");
    }
}
