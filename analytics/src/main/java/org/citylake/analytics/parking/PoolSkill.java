package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by city: adds up the garages' error sums into one {@link ForecastSkill#ALL_LOTS} row, in
 * lot order, so a re-run gives the same floating-point sums whatever order the garages arrive in.
 */
final class PoolSkill extends KeyedProcessFunction<String, ForecastSkill, ForecastSkill> {

    private transient ListState<ForecastSkill> lots;

    @Override
    public void open(OpenContext context) {
        lots =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("lots", ForecastSkill.class));
    }

    @Override
    public void processElement(ForecastSkill lot, Context ctx, Collector<ForecastSkill> out)
            throws Exception {
        lots.add(lot);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ForecastSkill> out)
            throws Exception {
        List<ForecastSkill> all = new ArrayList<>();
        lots.get().forEach(all::add);
        lots.clear();
        all.sort(Comparator.comparing(s -> s.lotId));
        ForecastSkill sum = new ForecastSkill(ForecastSkill.ALL_LOTS);
        for (ForecastSkill s : all) {
            sum = ForecastSkill.plus(sum, s);
        }
        out.collect(sum);
    }
}
