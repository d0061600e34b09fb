package org.citylake.analytics.parking;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.model.AnalyticsPeriod;

/**
 * All readings of one lot → its slots, and on side outputs its days, its forecasts of the test days
 * and their error sums (run by {@link GroupAtEnd}, keyed by lot).
 */
final class ParkingLotSeries implements GroupAtEnd.Group<String, ParkingReading, OccupancySlot> {

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
    public void apply(String lot, List<ParkingReading> all, GroupAtEnd.Emitter<OccupancySlot> out) {
        List<OccupancySlot> slots = Slotting.slots(lot, all, days, settings, capacities.get(lot));
        slots.forEach(out::collect);
        DailyPeaks.of(slots, settings).forEach(d -> out.output(DAILY, d));
        if (window != null) {
            AvailabilityForecast.Result forecast =
                    AvailabilityForecast.run(lot, slots, window, settings.minSamples());
            forecast.rows().forEach(r -> out.output(FORECASTS, r));
            out.output(SKILL, forecast.skill());
        }
    }
}
