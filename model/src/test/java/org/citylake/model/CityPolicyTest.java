package org.citylake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CityPolicyTest {

    @Test
    void defaultsAreInrixPeakHoursOnWeekdaysAndTheNightFromTenToFive() {
        CityPolicy p = CityPolicy.defaults();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-18T06:00"))).isTrue();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-18T09:55"))).isTrue();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-18T10:00"))).isFalse();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-18T15:00"))).isTrue();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-18T19:00"))).isFalse();
        assertThat(p.isPeak(LocalDateTime.parse("2014-08-16T08:00"))).isFalse(); // Saturday
        assertThat(p.isNight(23)).isTrue();
        assertThat(p.isNight(4)).isTrue();
        assertThat(p.isNight(5)).isFalse();
        assertThat(p.isNight(21)).isFalse();
        assertThat(p.peakDaysText()).isEqualTo("MON-FRI");
        assertThat(p.peakHoursText()).isEqualTo("06-10,15-19");
        assertThat(p.nightHoursText()).isEqualTo("22-05");
    }

    @Test
    void parsesAndWritesBackTheSameText() {
        CityPolicy p = CityPolicy.parse("sun-thu", "07-09, 16-18", "00-06");
        assertThat(p.peakDays())
                .containsExactlyInAnyOrder(
                        DayOfWeek.SUNDAY,
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY);
        assertThat(p.peakDaysText()).isEqualTo("MON-THU,SUN");
        assertThat(p.peakHoursText()).isEqualTo("07-09,16-18");
        assertThat(p.isNight(0)).isTrue();
        assertThat(p.isNight(6)).isFalse();
        assertThat(p.isNight(23)).isFalse();
        assertThat(CityPolicy.parse(p.peakDaysText(), p.peakHoursText(), p.nightHoursText()))
                .isEqualTo(p);
        assertThat(CityPolicy.parseDays("MON-WED,SAT"))
                .containsExactlyInAnyOrder(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.SATURDAY);
        assertThat(CityPolicy.formatDays(EnumSet.allOf(DayOfWeek.class))).isEqualTo("MON-SUN");
        assertThat(CityPolicy.parse(null, " ", null)).isEqualTo(CityPolicy.defaults());
    }

    @Test
    void refusesNonsenseSayingWhatIsExpected() {
        assertThatThrownBy(() -> HourRange.parseList("10-06"))
                .hasMessageContaining("0 <= start < end <= 24");
        assertThatThrownBy(() -> HourRange.parseList("6 to 10"))
                .hasMessageContaining("expected START-END, e.g. 06-10");
        assertThatThrownBy(() -> CityPolicy.parseDays("MOON"))
                .hasMessageContaining("'MOON' is not a day");
        assertThatThrownBy(() -> CityPolicy.parse(null, null, "22-22"))
                .hasMessageContaining("night hours 22-22");
        assertThatThrownBy(() -> CityPolicy.parse(null, null, "22-24"))
                .hasMessageContaining("night hours 22-24");
    }
}
