package org.citylake.analytics.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the scopes of one period and scope kind: highest peak TTI first; ties go to the larger
 * delay, then to the smaller id, so the order is total and repeatable. Scopes with fewer usable
 * peak readings than the minimum are not ranked.
 */
public final class ScopeRanking {

    static final Comparator<ScopeSums> MOST_CONGESTED_FIRST =
            Comparator.comparingDouble(ScopeSums::peakTti)
                    .reversed()
                    .thenComparing(
                            Comparator.comparingDouble((ScopeSums s) -> s.delayVehicleSeconds)
                                    .reversed())
                    .thenComparing(s -> s.scopeId);

    private ScopeRanking() {}

    public static List<RankingRow> rank(List<ScopeSums> group, int minPeakReadings) {
        List<ScopeSums> ranked =
                new ArrayList<>(
                        group.stream()
                                .filter(s -> s.weight > 0 && s.peakReadings >= minPeakReadings)
                                .toList());
        ranked.sort(MOST_CONGESTED_FIRST);
        List<RankingRow> rows = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            rows.add(row(ranked.get(i), i + 1));
        }
        return rows;
    }

    private static RankingRow row(ScopeSums s, int rank) {
        RankingRow row = new RankingRow();
        row.period = s.period;
        row.periodStartEpochDay = s.periodStartEpochDay;
        row.periodEndEpochDay =
                s.periodStartEpochDay + (SegmentSeries.WEEK.equals(s.period) ? 7 : 1);
        row.scope = s.scope;
        row.scopeId = s.scopeId;
        row.scopeName = s.scopeName;
        row.rank = rank;
        row.peakTti = s.peakTti();
        row.delayVehicleHours = s.delayVehicleSeconds / 3600.0;
        row.vehicles = s.vehicles;
        row.vehicleKm = s.vehicleKm;
        row.lengthKm = s.lengthKm;
        row.segments = s.segments;
        row.peakReadings = s.peakReadings;
        row.outlierReadings = s.outlierReadings;
        row.daysWithData = Integer.bitCount(s.daysMask);
        return row;
    }
}
