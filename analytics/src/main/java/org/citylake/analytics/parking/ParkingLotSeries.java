package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.citylake.model.AnalyticsPeriod;

/**
 * Keyed by lot: gathers the lot's readings and, once they are all in (batch mode fires the
 * end-of-input timer per key), emits its slots, and on side outputs its days, its forecasts of the
 * test days and their error sums.
 */
final class ParkingLotSeries extends KeyedProcessFunction<String, ParkingReading, OccupancySlot> {

    static final OutputTag<DailyPeak> DAILY =
            new OutputTag<>("daily", Types.POJO(DailyPeak.class)) {};
    static final OutputTag<ForecastRow> FORECASTS =
            new OutputTag<>("forecasts", Types.POJO(ForecastRow.class)) {};
    static final OutputTag<ForecastSkill> SKILL =
            new OutputTag<>("skill", Types.POJO(ForecastSkill.class)) {};

    private final AnalyticsPeriod days;
    private final ParkingSettings settings;
    private final Map<String, Integer> capacities;
    private final ForecastWindow window;
    private transient ListState<ParkingReading> readings;

    ParkingLotSeries(
            AnalyticsPeriod days,
            ParkingSettings settings,
            Map<String, Integer> capacities,
            Optional<ForecastWindow> window) {
        this.days = days;
        this.settings = settings;
        this.capacities = capacities;
        this.window = window.orElse(null);
    }

    @Override
    public void open(OpenContext context) {
        readings =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("readings", ParkingReading.class));
    }

    @Override
    public void processElement(ParkingReading reading, Context ctx, Collector<OccupancySlot> out)
            throws Exception {
        readings.add(reading);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OccupancySlot> out)
            throws Exception {
        List<ParkingReading> all = new ArrayList<>();
        readings.get().forEach(all::add);
        readings.clear();
        String lot = ctx.getCurrentKey();
        List<OccupancySlot> slots = Slotting.slots(lot, all, days, settings, capacities.get(lot));
        slots.forEach(out::collect);
        DailyPeaks.of(slots, settings).forEach(d -> ctx.output(DAILY, d));
        if (window != null) {
            AvailabilityForecast.Result forecast =
                    AvailabilityForecast.run(lot, slots, window, settings.minSamples());
            forecast.rows().forEach(r -> ctx.output(FORECASTS, r));
            ctx.output(SKILL, forecast.skill());
        }
    }
}
