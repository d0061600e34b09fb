package org.citylake.analytics.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * All scopes of one (period, scope kind) group → their ranking (run by {@link GroupAtEnd}, keyed by
 * group). Segments are added in id order, so a re-run gives bit-identical sums.
 */
final class RankScopes implements GroupAtEnd.Group<String, ScopeSums, RankingRow> {

    private final int minPeakReadings;

    RankScopes(int minPeakReadings) {
        this.minPeakReadings = minPeakReadings;
    }

    @Override
    public void apply(String group, List<ScopeSums> all, GroupAtEnd.Emitter<RankingRow> out) {
        ScopeRanking.rank(addUp(all), minPeakReadings).forEach(out::collect);
    }

    static List<ScopeSums> addUp(List<ScopeSums> perSegment) {
        Map<String, ScopeSums> byScope = new TreeMap<>();
        perSegment.stream()
                .sorted(Comparator.comparing((ScopeSums s) -> s.segmentId))
                .forEach(s -> byScope.merge(s.scopeId, s, ScopeSums::plus));
        return new ArrayList<>(byScope.values());
    }
}
