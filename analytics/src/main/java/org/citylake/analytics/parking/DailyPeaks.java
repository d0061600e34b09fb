package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A garage's slots → one row per local day: the peak (the highest slot occupancy and the start of
 * the first slot that reached it), the lowest free-spot count, the mean occupancy, and the time
 * above the full share (default 90 %): the slots whose occupied spots exceed 90 % of capacity,
 * times 15 minutes. Only slots with a value count; {@code hours_with_data} says how much of the day
 * that was. A day without any value still gets its row, with nulls and zero hours.
 */
public final class DailyPeaks {

    private static final double SLOT_HOURS = ParkingSettings.SLOT.toMinutes() / 60.0;

    private DailyPeaks() {}

    /**
     * @param slots one lot's slots in time order, as {@link Slotting#slots} returns them
     */
    public static List<DailyPeak> of(List<OccupancySlot> slots, ParkingSettings settings) {
        Map<Integer, DailyPeak> days = new LinkedHashMap<>();
        Map<Integer, Double> occupancySums = new LinkedHashMap<>();
        for (OccupancySlot s : slots) {
            DailyPeak day =
                    days.computeIfAbsent(
                            s.localEpochDay,
                            d -> {
                                DailyPeak p = new DailyPeak();
                                p.lotId = s.lotId;
                                p.localEpochDay = d;
                                return p;
                            });
            day.slots++;
            if (s.capacity != null && (day.capacity == null || s.capacity > day.capacity)) {
                day.capacity = s.capacity;
            }
            if (!s.hasValue() || s.occupancy == null) {
                continue;
            }
            day.slotsWithData++;
            day.hoursWithData += SLOT_HOURS;
            occupancySums.merge(s.localEpochDay, s.occupancy, Double::sum);
            if (day.peakOccupancy == null || s.occupancy > day.peakOccupancy) {
                day.peakOccupancy = s.occupancy;
                day.peakAtMs = s.slotStartMs;
                day.peakOccupiedSpots = s.occupiedSpots;
            }
            if (day.minFreeSpots == null || s.freeSpots < day.minFreeSpots) {
                day.minFreeSpots = s.freeSpots;
            }
            if (settings.isFull(s.occupiedSpots, s.capacity)) {
                day.hoursAboveFull += SLOT_HOURS;
            }
        }
        List<DailyPeak> out = new ArrayList<>(days.values());
        for (DailyPeak day : out) {
            if (day.slotsWithData > 0) {
                day.meanOccupancy = occupancySums.get(day.localEpochDay) / day.slotsWithData;
            }
        }
        return out;
    }
}
