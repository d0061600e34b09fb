package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import org.citylake.model.CityPolicy;
import org.citylake.model.HourRange;
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
    void refusesNonsense() {
        assertThatThrownBy(() -> CongestionSettings.defaults().withTtiCap(0.5))
                .hasMessageContaining("above 1");
    }

    @Test
    void theNightAndThePeaksAreTheCitysPolicy() {
        CongestionSettings s = CongestionSettings.of(CityPolicy.parse("SUN-THU", "07-09", "00-06"));
        assertThat(s.peakDays()).doesNotContain(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        assertThat(s.peakHours()).containsExactly(new HourRange(7, 9));
        assertThat(s.isPeak(LocalDateTime.parse("2014-08-17T08:00"))).isTrue(); // Sunday
        assertThat(s.isNight(23)).isFalse();
        assertThat(s.isNight(5)).isTrue();
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
