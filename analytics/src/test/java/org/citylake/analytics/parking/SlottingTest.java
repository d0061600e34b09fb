package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.citylake.model.AnalyticsPeriod;
import org.junit.jupiter.api.Test;

class SlottingTest {

    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    static final ParkingSettings SETTINGS = ParkingSettings.defaults();

    static long local(String text) {
        return ZonedDateTime.of(LocalDateTime.parse(text), CPH).toInstant().toEpochMilli();
    }

    static ParkingReading reading(long atMs, int free, int total) {
        return new ParkingReading("G", atMs, total, free);
    }

    static AnalyticsPeriod day(String date) {
        LocalDate d = LocalDate.parse(date);
        return new AnalyticsPeriod("aarhus", CPH, d, d);
    }

    static OccupancySlot at(List<OccupancySlot> slots, String localStart) {
        long ms = local(localStart);
        return slots.stream().filter(s -> s.slotStartMs == ms).findFirst().orElseThrow();
    }

    @Test
    void lastReadingIsCarriedForwardUpToTheMaximumAgeThenTheSlotIsStale() {
        List<ParkingReading> readings =
                List.of(
                        reading(local("2014-06-02T10:50"), 10, 100),
                        reading(local("2014-06-02T08:05"), 50, 100),
                        reading(local("2014-06-02T08:30"), 40, 100));
        List<OccupancySlot> slots =
                Slotting.slots("G", readings, day("2014-06-02"), SETTINGS, null);

        assertThat(slots).hasSize(96);
        assertThat(at(slots, "2014-06-02T07:45").status).isEqualTo(OccupancySlot.NO_READING);
        assertThat(at(slots, "2014-06-02T07:45").freeSpots).isNull();
        List<String> starts =
                List.of(
                        "08:00", "08:15", "08:30", "09:00", "09:15", "09:30", "10:30", "10:45",
                        "11:30", "11:45");
        List<OccupancySlot> picked = new ArrayList<>();
        starts.forEach(t -> picked.add(at(slots, "2014-06-02T" + t)));
        assertThat(picked)
                .extracting(
                        s -> s.status,
                        s -> s.freeSpots,
                        s -> s.occupiedSpots,
                        s -> s.occupancy,
                        s -> s.readingAgeS,
                        s -> s.readingsInSlot)
                .containsExactly(
                        tuple(OccupancySlot.OK, 50, 50, 0.5, 600, 1), // 08:05, 10 min old
                        tuple(OccupancySlot.OK, 50, 50, 0.5, 1500, 0), // 08:30 is not before 08:30
                        tuple(OccupancySlot.OK, 40, 60, 0.6, 900, 1),
                        tuple(OccupancySlot.OK, 40, 60, 0.6, 2700, 0),
                        tuple(OccupancySlot.OK, 40, 60, 0.6, 3600, 0), // exactly 60 min: kept
                        tuple(OccupancySlot.STALE, null, null, null, null, 0),
                        tuple(OccupancySlot.STALE, null, null, null, null, 0),
                        tuple(OccupancySlot.OK, 10, 90, 0.9, 600, 1),
                        tuple(OccupancySlot.OK, 10, 90, 0.9, 3300, 0),
                        tuple(OccupancySlot.STALE, null, null, null, null, 0));
        assertThat(slots).filteredOn(OccupancySlot::hasValue).hasSize(2 + 4 + 4);
        assertThat(at(slots, "2014-06-02T09:15").capacity).isEqualTo(100);
        assertThat(at(slots, "2014-06-02T09:30").capacity).isEqualTo(100);
    }

    @Test
    void aReadingBeforeThePeriodCarriesIntoItsFirstSlotsAndRefCapacityFillsIn() {
        List<ParkingReading> readings =
                List.of(new ParkingReading("G", local("2014-06-01T23:40"), null, 7));
        List<OccupancySlot> slots = Slotting.slots("G", readings, day("2014-06-02"), SETTINGS, 70);
        assertThat(slots.subList(0, 4))
                .extracting(s -> s.status, s -> s.freeSpots, s -> s.occupancy)
                .containsExactly(
                        tuple(OccupancySlot.OK, 7, 0.9),
                        tuple(OccupancySlot.OK, 7, 0.9),
                        tuple(OccupancySlot.STALE, null, null),
                        tuple(OccupancySlot.STALE, null, null));
    }

    @Test
    void theDayClocksGoBackHasOneHundredSlotsAndTheRepeatedHourIsSlottedTwice() {
        // 01:50 summer time, then 02:20 winter time (the second 02:20 of the night).
        long first =
                ZonedDateTime.of(LocalDateTime.parse("2014-10-26T01:50"), CPH)
                        .toInstant()
                        .toEpochMilli();
        long second =
                ZonedDateTime.ofLocal(LocalDateTime.parse("2014-10-26T02:20"), CPH, null)
                        .withLaterOffsetAtOverlap()
                        .toInstant()
                        .toEpochMilli();
        assertThat(second - first).isEqualTo(Duration.ofMinutes(90).toMillis());
        List<OccupancySlot> slots =
                Slotting.slots(
                        "G",
                        List.of(reading(first, 30, 100), reading(second, 20, 100)),
                        day("2014-10-26"),
                        SETTINGS,
                        null);

        assertThat(slots).hasSize(100);
        assertThat(slots)
                .allMatch(s -> s.localEpochDay == LocalDate.parse("2014-10-26").toEpochDay());
        assertThat(slots).filteredOn(s -> s.localHour == 2).hasSize(8);
        // 00:00Z is 02:00 summer time, 01:00Z is 02:00 winter time
        long summerTwo = Instant.parse("2014-10-26T00:00:00Z").toEpochMilli();
        List<OccupancySlot> twoOClock = slots.stream().filter(s -> s.localHour == 2).toList();
        assertThat(twoOClock)
                .extracting(s -> s.slotStartMs - summerTwo, s -> s.slotOfDay, s -> s.freeSpots)
                .containsExactly(
                        tuple(0L, 8, 30),
                        tuple(900_000L, 9, 30),
                        tuple(1_800_000L, 10, 30),
                        tuple(2_700_000L, 11, null), // 01:50 is 70 min old at 03:00 summer time
                        tuple(3_600_000L, 8, null),
                        tuple(4_500_000L, 9, 20),
                        tuple(5_400_000L, 10, 20),
                        tuple(6_300_000L, 11, 20));
        assertThat(slots.get(99).slotOfDay).isEqualTo(95);
    }

    @Test
    void theDayClocksGoForwardHasNinetyTwoSlots() {
        List<OccupancySlot> slots = Slotting.slots("G", List.of(), day("2014-03-30"), SETTINGS, 10);
        assertThat(slots).hasSize(92);
        assertThat(slots).noneMatch(s -> s.localHour == 2);
        assertThat(slots).allMatch(s -> s.status.equals(OccupancySlot.NO_READING));
        assertThat(slots).allMatch(s -> s.capacity == 10);
    }

    @Test
    void aCountRepeatedForTwentyFourHoursIsAFrozenSensorAndGivesNoValue() {
        List<ParkingReading> readings = new ArrayList<>();
        long start = local("2014-06-01T00:10");
        long halfHour = Duration.ofMinutes(30).toMillis();
        for (int i = 0; i <= 48; i++) { // 00:10 .. 00:10 next day: exactly 24 h of 689
            readings.add(reading(start + i * halfHour, 689, 953));
        }
        readings.add(reading(start + 49 * halfHour, 600, 953));
        for (int i = 50; i <= 96; i++) { // 23 h of 500: not frozen
            readings.add(reading(start + i * halfHour, 500, 953));
        }
        AnalyticsPeriod days =
                new AnalyticsPeriod(
                        "aarhus",
                        CPH,
                        LocalDate.parse("2014-06-01"),
                        LocalDate.parse("2014-06-02"));
        List<OccupancySlot> slots = Slotting.slots("G", readings, days, SETTINGS, null);

        assertThat(at(slots, "2014-06-01T12:00").status).isEqualTo(OccupancySlot.FROZEN);
        assertThat(at(slots, "2014-06-01T12:00").freeSpots).isNull();
        assertThat(at(slots, "2014-06-02T00:00").status).isEqualTo(OccupancySlot.FROZEN);
        assertThat(at(slots, "2014-06-02T00:30"))
                .extracting(s -> s.status, s -> s.freeSpots)
                .containsExactly(OccupancySlot.OK, 600);
        assertThat(at(slots, "2014-06-02T12:00"))
                .extracting(s -> s.status, s -> s.freeSpots)
                .containsExactly(OccupancySlot.OK, 500);
        boolean[] frozen = Slotting.frozenRuns(readings, Duration.ofHours(24).toMillis());
        int flagged = 0;
        for (int i = 0; i < frozen.length; i++) {
            flagged += frozen[i] ? 1 : 0;
            assertThat(frozen[i]).as("reading %d", i).isEqualTo(i <= 48);
        }
        assertThat(flagged).isEqualTo(49);
    }
}
