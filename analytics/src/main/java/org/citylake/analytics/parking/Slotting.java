package org.citylake.analytics.parking;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.citylake.model.AnalyticsPeriod;

/**
 * An irregular series of garage readings → one value per 15-minute slot.
 *
 * <p><b>Rule: last reading carried forward, within a maximum age.</b> The slot {@code [s, s + 15
 * min)} takes the last reading observed before its end ({@code observed_at < s + 15 min}), if that
 * reading is at most {@code maxAge} (default 60 min) old at the slot's end; the slot's value is the
 * state of the garage as known when the slot ends. Otherwise the slot has no value: {@code stale}
 * when there is an older reading, {@code no_reading} when there is none. Values are never
 * interpolated or invented. Aarhus garages report every 30–35 minutes, so about every second slot
 * holds a fresh reading and the other repeats it; a garage silent for over an hour goes stale.
 *
 * <p><b>Stuck sensors.</b> A run of consecutive readings with the same free-spot count that spans
 * at least {@code frozenAfter} (default 24 h) is taken as a frozen sensor: slots whose last reading
 * belongs to such a run are {@code frozen} and have no value. (Aarhus has them: garages reporting 0
 * cars for weeks, or exactly full for months, or one count for three days.) A garage genuinely
 * untouched for a whole day cannot be told apart and is flagged too. Runs are judged on every
 * reading given, including those after the slot, so the flag is a batch-time verdict.
 *
 * <p>Slots tile the period from local midnight to local midnight in absolute time, so a day has 96
 * slots, 92 on the day clocks go forward and 100 on the day they go back (the repeated hour gets
 * its own four slots, with the same local hour). A slot belongs to the local day of its start.
 *
 * <p>Occupancy = occupied / capacity with occupied = capacity − free (DESIGN §5: 1 − free/total).
 * Capacity is the reading's total spots, else the lot's capacity in {@code ref.parking_lots}.
 * Readings without a free-spot value are ignored; of two readings at the same instant the later in
 * the input wins.
 */
public final class Slotting {

    private Slotting() {}

    /**
     * @param readings the lot's readings, in any order; those before {@code period.start() -
     *     maxAge} or after the period cannot affect any slot
     * @param refCapacity the lot's capacity from the reference table, or null
     */
    public static List<OccupancySlot> slots(
            String lotId,
            List<ParkingReading> readings,
            AnalyticsPeriod period,
            ParkingSettings settings,
            Integer refCapacity) {
        List<ParkingReading> sorted = new ArrayList<>();
        for (ParkingReading r : readings) {
            if (r.hasValue()) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparingLong(r -> r.observedAtMs)); // stable: input order on ties
        boolean[] frozen = frozenRuns(sorted, settings.frozenAfter().toMillis());
        long slotMs = ParkingSettings.SLOT.toMillis();
        long maxAgeMs = settings.maxAge().toMillis();
        long endMs = period.end().toEpochMilli();
        List<OccupancySlot> slots = new ArrayList<>();
        int next = 0; // first reading not yet consumed
        ParkingReading last = null;
        boolean lastFrozen = false;
        for (long start = period.start().toEpochMilli(); start < endMs; start += slotMs) {
            long slotEnd = start + slotMs;
            int inSlot = 0;
            while (next < sorted.size() && sorted.get(next).observedAtMs < slotEnd) {
                lastFrozen = frozen[next];
                ParkingReading r = sorted.get(next++);
                if (r.observedAtMs >= start) {
                    inSlot++;
                }
                last = r;
            }
            OccupancySlot slot =
                    slot(lotId, start, slotEnd, last, inSlot, period, maxAgeMs, refCapacity);
            if (lastFrozen && slot.hasValue()) {
                slot.status = OccupancySlot.FROZEN;
                slot.freeSpots = null;
                slot.occupiedSpots = null;
                slot.occupancy = null;
            }
            slots.add(slot);
        }
        return slots;
    }

    /** Marks the readings of every run of equal free-spot counts spanning at least minMs. */
    static boolean[] frozenRuns(List<ParkingReading> sorted, long minMs) {
        boolean[] frozen = new boolean[sorted.size()];
        int runStart = 0;
        for (int i = 1; i <= sorted.size(); i++) {
            if (i < sorted.size()
                    && sorted.get(i).availableSpots.equals(sorted.get(runStart).availableSpots)) {
                continue;
            }
            long span = sorted.get(i - 1).observedAtMs - sorted.get(runStart).observedAtMs;
            if (span >= minMs) {
                for (int k = runStart; k < i; k++) {
                    frozen[k] = true;
                }
            }
            runStart = i;
        }
        return frozen;
    }

    private static OccupancySlot slot(
            String lotId,
            long start,
            long end,
            ParkingReading last,
            int inSlot,
            AnalyticsPeriod period,
            long maxAgeMs,
            Integer refCapacity) {
        OccupancySlot s = new OccupancySlot();
        s.lotId = lotId;
        s.slotStartMs = start;
        ZonedDateTime local = Instant.ofEpochMilli(start).atZone(period.zone());
        s.localEpochDay = (int) local.toLocalDate().toEpochDay();
        s.localHour = local.getHour();
        s.slotOfDay = local.getHour() * 4 + local.getMinute() / 15;
        s.readingsInSlot = inSlot;
        s.capacity = last != null && last.totalSpots != null ? last.totalSpots : refCapacity;
        if (last == null) {
            s.status = OccupancySlot.NO_READING;
            return s;
        }
        long age = end - last.observedAtMs;
        if (age > maxAgeMs) {
            s.status = OccupancySlot.STALE;
            return s;
        }
        s.status = OccupancySlot.OK;
        s.readingAtMs = last.observedAtMs;
        s.readingAgeS = (int) (age / 1000);
        s.freeSpots = last.availableSpots;
        if (s.capacity != null) {
            s.occupiedSpots = Math.max(0, s.capacity - last.availableSpots);
            s.occupancy = s.capacity > 0 ? (double) s.occupiedSpots / s.capacity : null;
        }
        return s;
    }
}
