package org.citylake.analytics.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (period, scope kind): adds up each scope's segments and ranks the scopes once they are
 * all in. Segments are added in id order, so a re-run gives bit-identical sums.
 */
final class RankScopes extends KeyedProcessFunction<String, ScopeSums, RankingRow> {

    private final int minPeakReadings;
    private transient ListState<ScopeSums> group;

    RankScopes(int minPeakReadings) {
        this.minPeakReadings = minPeakReadings;
    }

    @Override
    public void open(OpenContext context) {
        group =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("scopes", ScopeSums.class));
    }

    @Override
    public void processElement(ScopeSums sums, Context ctx, Collector<RankingRow> out)
            throws Exception {
        group.add(sums);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RankingRow> out)
            throws Exception {
        List<ScopeSums> all = new ArrayList<>();
        group.get().forEach(all::add);
        group.clear();
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
