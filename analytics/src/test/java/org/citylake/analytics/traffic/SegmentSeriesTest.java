package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.traffic.ToyNetwork.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.citylake.model.AnalyticsPeriod;
import org.junit.jupiter.api.Test;

class SegmentSeriesTest {

    /** s1, Monday 07:00–07:25: TTI 1.5, 1.0, no vehicles, faster than free flow, an outlier. */
    static final List<TrafficReading> S1_MORNING =
            List.of(
                    at("s1", "2014-08-18T07:00", 10, 40.0, 90.0),
                    at("s1", "2014-08-18T07:05", 30, 60.0, 60.0),
                    at("s1", "2014-08-18T07:10", 0, null, null),
                    at("s1", "2014-08-18T07:15", 5, 120.0, 30.0),
                    at("s1", "2014-08-18T07:20", 2, 5.0, 700.0));

    @Test
    void fiveMinuteRowsCarryEachReadingsIndex() {
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1, S1_MORNING, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        List<IndexRow> five = rows(result, 5);
        assertThat(five).extracting(r -> r.tti).containsExactly(1.5, 1.0, null, 1.0, null);
        assertThat(five).extracting(r -> r.flow).containsExactly(10L, 30L, 0L, 5L, 2L);
        assertThat(five).extracting(r -> r.outlierReadings).containsExactly(0, 0, 0, 0, 1);
        assertThat(five).allMatch(r -> r.peak && r.localHour == 7);
        assertThat(five).allMatch(r -> "network".equals(r.freeFlowMethod));
        assertThat(five.get(0).windowStartMs)
                .isEqualTo(Instant.parse("2014-08-18T05:00:00Z").toEpochMilli());
    }

    @Test
    void hourlyRowIsFlowWeightedOverPlausibleReadings() {
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1, S1_MORNING, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        IndexRow hour = rows(result, 60).get(0);
        // every vehicle counts in the flow; the outlier's 2 vehicles count in no mean
        assertThat(hour.flow).isEqualTo(47);
        // (10 x 1.5 + 30 x 1.0 + 5 x 1.0) / 45
        assertThat(hour.tti).isCloseTo(50.0 / 45.0, within(1e-12));
        // (10 x 90 + 30 x 60 + 5 x 30) / 45
        assertThat(hour.travelTimeS).isCloseTo(2850.0 / 45.0, within(1e-12));
        // (10 x 40 + 30 x 60 + 5 x 120) / 45
        assertThat(hour.meanSpeedKmh).isCloseTo(2800.0 / 45.0, within(1e-12));
        assertThat(hour.readings).isEqualTo(5);
        assertThat(hour.outlierReadings).isEqualTo(1);
        assertThat(hour.localEpochDay).isEqualTo((int) LocalDate.of(2014, 8, 18).toEpochDay());
    }

    @Test
    void peakSumsGiveDelayInVehicleSeconds() {
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1, S1_MORNING, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        PeriodSums day = sums(result, SegmentSeries.DAY);
        assertThat(day.flowTti).isCloseTo(50.0, within(1e-12));
        assertThat(day.flow).isEqualTo(45);
        // only the 07:00 reading is slower than free flow: 10 vehicles x 30 s
        assertThat(day.delayVehicleSeconds).isCloseTo(300.0, within(1e-9));
        assertThat(day.peakReadings).isEqualTo(3);
        assertThat(day.outlierReadings).isEqualTo(1);
        PeriodSums week = sums(result, SegmentSeries.WEEK);
        assertThat(week.periodStartEpochDay)
                .isEqualTo((int) LocalDate.of(2014, 8, 18).toEpochDay());
        assertThat(week.flow).isEqualTo(45);
        assertThat(week.daysMask).isEqualTo(1);
    }

    @Test
    void nightPercentileGivesFreeFlowWhenTheNetworkHasNone() {
        List<TrafficReading> readings = new ArrayList<>();
        // night speeds 40..80 km/h; p85 by interpolation: 70 + 0.4 x 10 = 74 km/h
        String[] nights = {"00:00", "01:00", "02:00", "03:00", "23:00"};
        double[] speeds = {40, 50, 60, 80, 70};
        for (int i = 0; i < nights.length; i++) {
            readings.add(at("s3", "2014-08-18T" + nights[i], 1, speeds[i], null));
        }
        readings.add(at("s3", "2014-08-18T08:00", 4, 30.0, null));
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S3, readings, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        IndexRow peak =
                rows(result, 5).stream().filter(r -> r.localHour == 8).findFirst().orElseThrow();
        assertThat(peak.freeFlowMethod).isEqualTo("night-p85");
        assertThat(peak.freeFlowTimeS).isCloseTo(500.0 / (74.0 / 3.6), within(1e-9));
        // travel time from the speed: TTI = free-flow speed / speed
        assertThat(peak.tti).isCloseTo(74.0 / 30.0, within(1e-12));
    }

    @Test
    void tooFewNightReadingsLeaveTheSegmentWithoutIndex() {
        List<TrafficReading> readings =
                List.of(
                        at("s3", "2014-08-18T01:00", 1, 50.0, null),
                        at("s3", "2014-08-18T08:00", 4, 30.0, null));
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S3, readings, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        assertThat(rows(result, 5)).allMatch(r -> r.tti == null && r.freeFlowTimeS == null);
        assertThat(rows(result, 5)).allMatch(r -> "none".equals(r.freeFlowMethod));
        assertThat(result.sums()).isEmpty();
    }

    @Test
    void missingIntervalsAreNotInvented() {
        List<TrafficReading> readings =
                List.of(
                        at("s1", "2014-08-18T07:00", 10, 40.0, 90.0),
                        at("s1", "2014-08-18T07:10", 10, 60.0, 60.0));
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1, readings, ToyNetwork.MONDAY, ToyNetwork.SETTINGS);
        assertThat(rows(result, 5)).hasSize(2);
        IndexRow hour = rows(result, 60).get(0);
        assertThat(hour.readings).isEqualTo(2);
        assertThat(hour.tti).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void weekendReadingsMakeNoPeakSums() {
        AnalyticsPeriod saturday =
                new AnalyticsPeriod(
                        "aarhus",
                        ToyNetwork.ZONE,
                        LocalDate.of(2014, 8, 16),
                        LocalDate.of(2014, 8, 16));
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1,
                        List.of(at("s1", "2014-08-16T08:00", 10, 40.0, 90.0)),
                        saturday,
                        ToyNetwork.SETTINGS);
        assertThat(rows(result, 5)).singleElement().matches(r -> !r.peak && r.tti == 1.5);
        assertThat(result.sums()).isEmpty();
    }

    @Test
    void autumnDstDayHasTwentyFiveHourlyWindows() {
        assertThat(hourlyWindowsOn(LocalDate.of(2014, 10, 26))).hasSize(25);
    }

    @Test
    void springDstDayHasTwentyThreeHourlyWindows() {
        assertThat(hourlyWindowsOn(LocalDate.of(2014, 3, 30))).hasSize(23);
    }

    @Test
    void theRepeatedHourOfAutumnDstIsTwoWindowsOfLocalHourTwo() {
        List<IndexRow> hours = hourlyWindowsOn(LocalDate.of(2014, 10, 26));
        assertThat(hours).filteredOn(r -> r.localHour == 2).hasSize(2);
        assertThat(hours).extracting(r -> r.windowStartMs).doesNotHaveDuplicates();
    }

    /** One reading every 30 minutes through a whole local day, hourly rows of it. */
    private static List<IndexRow> hourlyWindowsOn(LocalDate day) {
        ZoneId zone = ToyNetwork.ZONE;
        List<TrafficReading> readings = new ArrayList<>();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        for (Instant t = day.atStartOfDay(zone).toInstant();
                t.isBefore(end);
                t = t.plusSeconds(1800)) {
            readings.add(new TrafficReading("s1", t.toEpochMilli(), 3, 50.0, 72.0));
        }
        var result =
                SegmentSeries.compute(
                        ToyNetwork.S1,
                        readings,
                        new AnalyticsPeriod("aarhus", zone, day, day),
                        ToyNetwork.SETTINGS);
        List<IndexRow> hours = rows(result, 60);
        assertThat(hours).allMatch(r -> r.readings == 2 && r.tti == 1.2);
        assertThat(hours).allMatch(r -> r.localEpochDay == day.toEpochDay());
        return hours;
    }

    static List<IndexRow> rows(SegmentSeries.Result result, int minutes) {
        return result.rows().stream().filter(r -> r.windowMinutes == minutes).toList();
    }

    static PeriodSums sums(SegmentSeries.Result result, String period) {
        return result.sums().stream()
                .filter(s -> s.period.equals(period))
                .findFirst()
                .orElseThrow();
    }
}
