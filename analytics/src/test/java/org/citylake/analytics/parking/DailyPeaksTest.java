package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.parking.SlottingTest.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.citylake.model.AnalyticsPeriod;
import org.junit.jupiter.api.Test;

class DailyPeaksTest {

    static OccupancySlot slot(String localStart, int day, Integer capacity, Integer free) {
        OccupancySlot s = new OccupancySlot();
        s.lotId = "G";
        s.slotStartMs = local(localStart);
        s.localEpochDay = day;
        s.capacity = capacity;
        if (free == null) {
            s.status = OccupancySlot.STALE;
        } else {
            s.status = OccupancySlot.OK;
            s.freeSpots = free;
            s.occupiedSpots = capacity - free;
            s.occupancy = (double) s.occupiedSpots / capacity;
        }
        return s;
    }

    @Test
    void peakIsTheFirstHighestSlotAndOnlySlotsAboveNinetyPercentCount() {
        int d1 = (int) LocalDate.parse("2014-06-02").toEpochDay();
        int d2 = d1 + 1;
        List<OccupancySlot> slots =
                List.of(
                        slot("2014-06-02T10:00", d1, 130, 13), // 117/130 = 90 %: not above
                        slot("2014-06-02T10:15", d1, 130, 12), // 118: above
                        slot("2014-06-02T10:30", d1, 130, 5), // 125: the peak
                        slot("2014-06-02T10:45", d1, 130, 5), // same again: peak stays at 10:30
                        slot("2014-06-02T11:00", d1, 130, null), // stale: ignored
                        slot("2014-06-02T11:15", d1, 130, 65),
                        slot("2014-06-03T00:00", d2, 130, null));

        List<DailyPeak> days = DailyPeaks.of(slots, ParkingSettings.defaults());

        assertThat(days).hasSize(2);
        DailyPeak first = days.get(0);
        assertThat(first.localEpochDay).isEqualTo(d1);
        assertThat(first.slots).isEqualTo(6);
        assertThat(first.slotsWithData).isEqualTo(5);
        assertThat(first.hoursWithData).isEqualTo(1.25);
        assertThat(first.capacity).isEqualTo(130);
        assertThat(first.peakOccupancy).isEqualTo(125.0 / 130);
        assertThat(first.peakOccupiedSpots).isEqualTo(125);
        assertThat(first.peakAtMs).isEqualTo(local("2014-06-02T10:30"));
        assertThat(first.minFreeSpots).isEqualTo(5);
        assertThat(first.hoursAboveFull).isEqualTo(0.75);
        assertThat(first.meanOccupancy)
                .isCloseTo((117 + 118 + 125 + 125 + 65) / 130.0 / 5, within(1e-12));

        DailyPeak empty = days.get(1);
        assertThat(empty.slots).isEqualTo(1);
        assertThat(empty.slotsWithData).isZero();
        assertThat(empty.peakOccupancy).isNull();
        assertThat(empty.peakAtMs).isNull();
        assertThat(empty.meanOccupancy).isNull();
        assertThat(empty.hoursAboveFull).isZero();
        assertThat(empty.capacity).isEqualTo(130);
    }

    @Test
    void onTheDayClocksGoBackTheRepeatedHourCountsTwice() {
        // Over 90 % full all night: 99 or 100 of 100 taken, readings every 30 minutes from 00:10
        // summer time (22:10Z) to 02:40 winter time (01:40Z).
        LocalDate day = LocalDate.parse("2014-10-26");
        AnalyticsPeriod period = new AnalyticsPeriod("aarhus", SlottingTest.CPH, day, day);
        List<ParkingReading> readings = new ArrayList<>();
        long start = period.start().toEpochMilli() + 10 * 60_000L;
        for (int i = 0; i < 8; i++) {
            readings.add(new ParkingReading("G", start + i * 1_800_000L, 100, (i + 1) % 2));
        }
        List<OccupancySlot> slots =
                Slotting.slots("G", readings, period, ParkingSettings.defaults(), null);

        DailyPeak peak = DailyPeaks.of(slots, ParkingSettings.defaults()).get(0);

        assertThat(peak.slots).isEqualTo(100);
        // valued slots start 22:00Z..02:15Z (01:40Z is 65 min old when the 02:30Z slot ends):
        // 4.5 hours, though the wall clock only moves from 00:00 to 03:30
        assertThat(peak.slotsWithData).isEqualTo(18);
        assertThat(peak.hoursWithData).isEqualTo(4.5);
        assertThat(peak.hoursAboveFull).isEqualTo(4.5);
        assertThat(peak.peakOccupancy).isEqualTo(1.0);
        assertThat(peak.peakAtMs).isEqualTo(period.start().toEpochMilli() + 30 * 60_000L);
    }
}
