package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.RunPlan;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;

/** Pins the lighting job's option keys and defaults, their parsing, and the run's time ranges. */
class LightingOptionsTest {

    static final City MONACO =
            City.of("monaco", "Monaco", "MC", "Europe/Monaco", 7.4246, 43.7384, null, null);

    @Test
    void keysAndDefaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (JobOption<?> o : new LightingJob().options()) {
            keys.put(o.key(), o.defaultValue());
        }
        assertThat(keys)
                .containsExactly(
                        Map.entry("report-interval", "15"),
                        Map.entry("switch-margin", "30"),
                        Map.entry("over-power", "1.3"),
                        Map.entry("meter-tolerance", "4"),
                        Map.entry("report-share", "50"),
                        Map.entry("fault-readings", "2"));
        assertThat(AnalyticsJobs.get("lighting")).isInstanceOf(LightingJob.class);
    }

    @Test
    void defaultsGiveTheDefaultSettingsAndOptionsOverrideThem() {
        LightingJob job = new LightingJob();
        assertThat(job.settings(Map.of(), MONACO)).isEqualTo(LightingSettings.defaults());
        LightingSettings own =
                job.settings(
                        Map.of(
                                "switch-margin", "20",
                                "over-power", "1.5",
                                "meter-tolerance", "2.5",
                                "report-share", "40",
                                "fault-readings", "3",
                                "report-interval", "10"),
                        MONACO);
        assertThat(own)
                .isEqualTo(
                        new LightingSettings(
                                Duration.ofMinutes(10),
                                Duration.ofMinutes(20),
                                1.5,
                                0.025,
                                0.4,
                                3));
    }

    @Test
    void badValuesSayWhatIsExpected() {
        LightingJob job = new LightingJob();
        assertThatThrownBy(() -> job.settings(Map.of("over-power", "lots"), MONACO))
                .hasMessage("--over-power lots: not a number");
        assertThatThrownBy(() -> job.settings(Map.of("over-power", "0.9"), MONACO))
                .hasMessageContaining("over-power tolerance 0.9")
                .hasMessageContaining("above 1");
        assertThatThrownBy(() -> job.settings(Map.of("meter-tolerance", "140"), MONACO))
                .hasMessageContaining("meter tolerance 1.4");
        assertThatThrownBy(() -> job.settings(Map.of("switch-margin", "-5"), MONACO))
                .hasMessageContaining("switch margin");
        assertThatThrownBy(() -> job.settings(Map.of("dimming", "50"), MONACO))
                .hasMessageContaining("unknown option --dimming");
    }

    @Test
    void aRunOfNightsReadsFromNoonOfTheFirstToNoonAfterTheLastAndReplacesThoseNights() {
        LightingJob job = new LightingJob();
        LocalDate from = LocalDate.of(2025, 3, 29);
        LocalDate to = LocalDate.of(2025, 3, 30); // DST begins on the 30th
        AnalyticsPeriod days = AnalyticsPeriod.of(MONACO, from, to);
        List<Input> inputs = job.inputs(days, LightingSettings.defaults());
        Instant noonFrom = ZonedDateTime.parse("2025-03-29T12:00+01:00[Europe/Monaco]").toInstant();
        Instant noonAfter =
                ZonedDateTime.parse("2025-03-31T12:00+02:00[Europe/Monaco]").toInstant();
        assertThat(inputs)
                .extracting(Input::table)
                .containsExactly("clean.streetlight", "clean.streetlight_cabinet");
        assertThat(inputs.get(0).from()).isEqualTo(noonFrom);
        assertThat(inputs.get(0).to()).isEqualTo(noonAfter);
        // the meter reading at noon closes the last night's last interval
        assertThat(inputs.get(1).to()).isEqualTo(noonAfter.plus(Duration.ofMinutes(15)));
        assertThat(job.inputsNeededUntil(days, LightingSettings.defaults())).isEqualTo(noonAfter);
        RunPlan<LightingSettings> plan = RunPlan.of(job, MONACO, from, to, Map.of(), "run-1");
        assertThat(job.replacedRanges(plan))
                .containsOnlyKeys(LightingTables.ENERGY, LightingTables.FAULTS);
        assertThat(job.replacedRanges(plan).get(LightingTables.FAULTS).toString())
                .contains(
                        "monaco",
                        String.valueOf(from.toEpochDay()),
                        String.valueOf(to.toEpochDay()));
    }
}
