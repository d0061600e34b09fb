package org.citylake.analytics.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citylake.analytics.parking.ParkingJob;
import org.citylake.analytics.traffic.CongestionSettings;
import org.citylake.analytics.traffic.TrafficCongestionJob;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;
import org.citylake.model.HourRange;
import org.junit.jupiter.api.Test;

/** Pins every job's option keys and defaults: scripts and the orchestration depend on them. */
class JobOptionsTest {

    static final City SYDNEY =
            City.of("sydney", "Sydney", "AU", "Australia/Sydney", 151.2093, -33.8688, null, null);

    @Test
    void trafficKeysAndDefaults() {
        assertThat(keysAndDefaults(new TrafficCongestionJob()))
                .containsExactly(
                        // "city": the city's policy in ref.cities (by default 06-10,15-19, MON-FRI)
                        Map.entry("peak-hours", "city"),
                        Map.entry("peak-days", "city"),
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
        assertThatThrownBy(() -> new ParkingJob().settings(Map.of("test-days", "seven"), SYDNEY))
                .hasMessage("--test-days seven: not a whole number");
        assertThatThrownBy(
                        () ->
                                new TrafficCongestionJob()
                                        .settings(Map.of("peak-hours", "10-06"), SYDNEY))
                .hasMessageContaining("--peak-hours 10-06");
    }

    @Test
    void peaksAndNightDefaultToTheCitysPolicyAndOptionsOverrideIt() {
        TrafficCongestionJob job = new TrafficCongestionJob();
        CongestionSettings defaults = job.settings(Map.of(), SYDNEY);
        assertThat(defaults).isEqualTo(CongestionSettings.defaults());

        City weekends = SYDNEY.withPolicy(CityPolicy.parse("SAT-SUN", "10-14,16-18", "23-06"));
        CongestionSettings own = job.settings(Map.of(), weekends);
        assertThat(own.peakDays()).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(own.peakHours()).containsExactly(new HourRange(10, 14), new HourRange(16, 18));
        assertThat(own.nightStartHour()).isEqualTo(23);
        assertThat(own.nightEndHour()).isEqualTo(6);
        assertThat(own.ttiCap()).isEqualTo(10.0);

        CongestionSettings overridden =
                job.settings(
                        Map.of("peak-hours", "07-09", "peak-days", "MON", "tti-cap", "8"),
                        weekends);
        assertThat(overridden.peakDays()).containsExactly(DayOfWeek.MONDAY);
        assertThat(overridden.peakHours()).containsExactly(new HourRange(7, 9));
        assertThat(overridden.nightStartHour()).isEqualTo(23); // no option: the city's night
        assertThat(overridden.ttiCap()).isEqualTo(8.0);
        assertThat(job.settings(Map.of("peak-days", "CITY"), weekends).peakDays())
                .isEqualTo(weekends.policy().peakDays());
    }

    private static Map<String, String> keysAndDefaults(AnalyticsJob<?> job) {
        Map<String, String> pinned = new LinkedHashMap<>();
        job.options().forEach(o -> pinned.put(o.key(), o.defaultValue()));
        return pinned;
    }
}
