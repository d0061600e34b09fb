package org.citylake.analytics.parking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * Next-hour free spots = free spots now + the garage's mean one-hour change at this time of day on
 * this type of day, learned from the training days ("naive + seasonal delta").
 *
 * <p>Cells: day type (Monday–Friday, Saturday, Sunday) × quarter of the local day (0..95) of the
 * origin slot. A cell with fewer than {@code minSamples} training pairs falls back to the same
 * quarter over all day types, then to no change (the naive forecast). The forecast is clipped to
 * 0..capacity. Training pairs are (origin, origin + 1 h) with both slots valued and the target slot
 * ending before the test period starts, so nothing of the test days leaks into the model.
 */
public final class SeasonalDeltaModel {

    public static final String NAME = "seasonal-delta";

    static final int DAY_TYPES = 3;
    static final int QUARTERS = 96;

    private final double[][] sums = new double[DAY_TYPES][QUARTERS];
    private final int[][] counts = new int[DAY_TYPES][QUARTERS];
    private final double[] pooledSums = new double[QUARTERS];
    private final int[] pooledCounts = new int[QUARTERS];
    private final int minSamples;
    private int pairs;

    private SeasonalDeltaModel(int minSamples) {
        this.minSamples = minSamples;
    }

    /**
     * @param slots one lot's contiguous slots (as {@link Slotting#slots} returns them)
     * @param trainStartMs first origin slot start used
     * @param trainEndMs no target slot may end after this instant (the test period's start)
     */
    public static SeasonalDeltaModel train(
            List<OccupancySlot> slots, long trainStartMs, long trainEndMs, int minSamples) {
        SeasonalDeltaModel model = new SeasonalDeltaModel(minSamples);
        int h = ParkingSettings.horizonSlots();
        long slotMs = ParkingSettings.SLOT.toMillis();
        for (int i = 0; i + h < slots.size(); i++) {
            OccupancySlot origin = slots.get(i);
            OccupancySlot target = slots.get(i + h);
            if (origin.slotStartMs < trainStartMs || target.slotStartMs + slotMs > trainEndMs) {
                continue;
            }
            if (origin.hasValue() && target.hasValue()) {
                int type = dayType(origin.localEpochDay);
                double delta = target.freeSpots - origin.freeSpots;
                model.sums[type][origin.slotOfDay] += delta;
                model.counts[type][origin.slotOfDay]++;
                model.pooledSums[origin.slotOfDay] += delta;
                model.pooledCounts[origin.slotOfDay]++;
                model.pairs++;
            }
        }
        return model;
    }

    /** Training pairs seen. */
    public int pairs() {
        return pairs;
    }

    /** The learned one-hour change of free spots for an origin slot. */
    public double delta(int localEpochDay, int slotOfDay) {
        int type = dayType(localEpochDay);
        if (counts[type][slotOfDay] >= minSamples) {
            return sums[type][slotOfDay] / counts[type][slotOfDay];
        }
        if (pooledCounts[slotOfDay] >= minSamples) {
            return pooledSums[slotOfDay] / pooledCounts[slotOfDay];
        }
        return 0;
    }

    /** Free spots one hour after {@code origin}, which must have a value. */
    public double forecast(OccupancySlot origin) {
        double f = origin.freeSpots + delta(origin.localEpochDay, origin.slotOfDay);
        double upper = origin.capacity == null ? Double.MAX_VALUE : origin.capacity;
        return Math.max(0, Math.min(upper, f));
    }

    /** 0 Monday–Friday, 1 Saturday, 2 Sunday. */
    static int dayType(int localEpochDay) {
        DayOfWeek d = LocalDate.ofEpochDay(localEpochDay).getDayOfWeek();
        return d == DayOfWeek.SATURDAY ? 1 : d == DayOfWeek.SUNDAY ? 2 : 0;
    }
}
