package org.citylake.analytics.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.citylake.analytics.parking.ParkingJob;
import org.citylake.analytics.traffic.TrafficCongestionJob;
import org.junit.jupiter.api.Test;

/** Pins every job's option keys and defaults: scripts and the orchestration depend on them. */
class JobOptionsTest {

    @Test
    void trafficKeysAndDefaults() {
        assertThat(keysAndDefaults(new TrafficCongestionJob()))
                .containsExactly(
                        Map.entry("peak-hours", "06-10,15-19"),
                        Map.entry("peak-days", "MON-FRI"),
                        Map.entry("tti-cap", "10"),
                        Map.entry("min-peak-readings", "12"),
                        Map.entry("top", "10"));
    }

    @Test
    void parkingKeysAndDefaults() {
        assertThat(keysAndDefaults(new ParkingJob()))
                .containsExactly(
                        Map.entry("max-age", "60"),
                        Map.entry("test-days", "7"),
                        Map.entry("top", "10"));
    }

    @Test
    void theRegistryHoldsTheJobsByName() {
        assertThat(AnalyticsJobs.all())
                .extracting(AnalyticsJob::name)
                .contains("traffic", "parking");
        assertThatThrownBy(() -> AnalyticsJobs.get("trafic"))
                .hasMessageContaining("no analytics job 'trafic'")
                .hasMessageContaining("traffic");
    }

    @Test
    void aBadValueSaysWhichOptionAndWhatIsExpected() {
        assertThatThrownBy(() -> new ParkingJob().settings(Map.of("test-days", "seven")))
                .hasMessage("--test-days seven: not a whole number");
        assertThatThrownBy(() -> new TrafficCongestionJob().settings(Map.of("peak-hours", "10-06")))
                .hasMessageContaining("--peak-hours 10-06");
    }

    private static Map<String, String> keysAndDefaults(AnalyticsJob<?> job) {
        Map<String, String> pinned = new LinkedHashMap<>();
        job.options().forEach(o -> pinned.put(o.key(), o.defaultValue()));
        return pinned;
    }
}
