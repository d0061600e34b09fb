package org.citylake.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.analytics.job.JobOption;
import org.junit.jupiter.api.Test;

/** The keys and defaults of {@code citylake run profile}: a renamed key fails here. */
class StreetProfileOptionsTest {

    @Test
    void keysAndDefaultsArePinned() {
        StreetProfileJob job = new StreetProfileJob();
        assertThat(job.options())
                .extracting(JobOption::key, JobOption::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("asset-distance", "100"),
                        org.assertj.core.groups.Tuple.tuple("lit-distance", "25"),
                        org.assertj.core.groups.Tuple.tuple("overflow-level", "100"));
        ProfileSettings defaults = job.settings(Map.of(), null);
        assertThat(defaults).isEqualTo(new ProfileSettings(100, 25, 1.0));
        assertThat(job.settings(Map.of("asset-distance", "40", "overflow-level", "90"), null))
                .isEqualTo(new ProfileSettings(40, 25, 0.9));
    }

    @Test
    void theJobIsRegisteredAsProfile() {
        assertThat(AnalyticsJobs.get("profile")).isInstanceOf(StreetProfileJob.class);
    }

    @Test
    void aNegativeDistanceSaysWhatIsExpected() {
        assertThatThrownBy(
                        () -> new StreetProfileJob().settings(Map.of("asset-distance", "-1"), null))
                .hasMessageContaining("metres, 0 or more");
    }

    @Test
    void everyInputIsOptional() {
        var days =
                new org.citylake.model.AnalyticsPeriod(
                        "aarhus",
                        java.time.ZoneId.of("Europe/Copenhagen"),
                        java.time.LocalDate.of(2014, 8, 18),
                        java.time.LocalDate.of(2014, 8, 18));
        var inputs = new StreetProfileJob().inputs(days, new ProfileSettings(100, 25, 1.0));
        assertThat(inputs).hasSize(5).allSatisfy(i -> assertThat(i.optional()).isTrue());
        assertThat(inputs)
                .extracting(org.citylake.analytics.job.Input::table)
                .contains("clean.waste_collection", "clean.air_quality");
    }
}
