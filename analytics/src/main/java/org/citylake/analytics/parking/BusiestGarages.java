package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * A city's garages over a run's days, from their daily rows, ranked busiest first: most hours above
 * 90 % full, then the highest peak occupancy, then lot id (run by {@link GroupAtEnd}, keyed by
 * city). The one definition of "busiest": the CLI prints it and the Trino view shows it.
 */
final class BusiestGarages implements GroupAtEnd.Group<String, DailyPeak, GarageRank> {

    @Override
    public void apply(String city, List<DailyPeak> days, GroupAtEnd.Emitter<GarageRank> out) {
        Map<String, GarageRank> byLot = new TreeMap<>();
        List<DailyPeak> ordered = new ArrayList<>(days);
        ordered.sort(
                Comparator.comparing((DailyPeak d) -> d.lotId)
                        .thenComparingInt(d -> d.localEpochDay));
        for (DailyPeak day : ordered) {
            GarageRank g = byLot.computeIfAbsent(day.lotId, BusiestGarages::empty);
            if (day.capacity != null) {
                g.capacity = g.capacity == null ? day.capacity : Math.max(g.capacity, day.capacity);
            }
            if (day.slotsWithData > 0) {
                g.daysWithData++;
            }
            if (day.peakOccupancy != null
                    && (g.peakOccupancy == null || day.peakOccupancy > g.peakOccupancy)) {
                g.peakOccupancy = day.peakOccupancy;
                g.peakAtMs = day.peakAtMs;
            }
            g.hoursAbove90 += day.hoursAboveFull;
            g.hoursWithData += day.hoursWithData;
        }
        List<GarageRank> ranked = new ArrayList<>(byLot.values());
        ranked.sort(
                Comparator.comparingDouble((GarageRank g) -> g.hoursAbove90)
                        .thenComparingDouble(g -> g.peakOccupancy == null ? -1 : g.peakOccupancy)
                        .reversed()
                        .thenComparing(g -> g.lotId));
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
            out.collect(ranked.get(i));
        }
    }

    private static GarageRank empty(String lotId) {
        GarageRank g = new GarageRank();
        g.lotId = lotId;
        return g;
    }
}
