package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CongestionSettingsTest {

    @Test
    void defaultsAreInrixPeakHoursOnWeekdays() {
        CongestionSettings s = CongestionSettings.defaults();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-18T06:00"))).isTrue();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-18T09:55"))).isTrue();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-18T10:00"))).isFalse();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-18T15:00"))).isTrue();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-18T19:00"))).isFalse();
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-16T08:00"))).isFalse(); // Saturday
        assertThat(s.ttiCap()).isEqualTo(10.0);
        assertThat(s.isNight(23)).isTrue();
        assertThat(s.isNight(4)).isTrue();
        assertThat(s.isNight(5)).isFalse();
    }

    @Test
    void parsesHoursAndDays() {
        assertThat(CongestionSettings.parseHours("07-09, 16-18"))
                .containsExactly(
                        new CongestionSettings.HourRange(7, 9),
                        new CongestionSettings.HourRange(16, 18));
        assertThat(CongestionSettings.parseDays("MON-WED,SAT"))
                .containsExactlyInAnyOrder(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.SATURDAY);
        assertThat(CongestionSettings.parseDays("fri-mon"))
                .containsExactlyInAnyOrder(
                        DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> CongestionSettings.parseHours("10-06"))
                .hasMessageContaining("0 <= start < end <= 24");
        assertThatThrownBy(() -> CongestionSettings.parseDays("MOON"))
                .hasMessageContaining("'MOON' is not a day");
        assertThatThrownBy(() -> CongestionSettings.defaults().withTtiCap(0.5))
                .hasMessageContaining("above 1");
    }

    @Test
    void bandsFollowGaode() {
        assertThat(CongestionIndex.band(1.49)).isEqualTo("free");
        assertThat(CongestionIndex.band(1.5)).isEqualTo("slow");
        assertThat(CongestionIndex.band(2.0)).isEqualTo("congested");
        assertThat(CongestionIndex.band(4.0)).isEqualTo("severe");
        assertThat(CongestionIndex.percentile(new double[] {0, 10, 10}, 0.3)).isEqualTo(6.0);
    }
}
