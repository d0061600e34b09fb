package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.List;

/**
 * The next-hour availability forecast of one garage, tested on the held-back days: trains the
 * {@link SeasonalDeltaModel} on the training days, then from every valued slot of the test days
 * forecasts the free spots one hour later, beside the naive forecast (free spots now). Pairs whose
 * target slot has a value are scored ({@link ForecastSkill}); every forecast is kept for analysts.
 */
public final class AvailabilityForecast {

    /** The forecasts of the test days and their scores. */
    public record Result(List<ForecastRow> rows, ForecastSkill skill, int trainingPairs) {}

    private AvailabilityForecast() {}

    /**
     * @param slots one lot's contiguous slots covering both the training and the test days
     */
    public static Result run(
            String lotId, List<OccupancySlot> slots, ForecastWindow window, int minSamples) {
        long trainStart = window.train().start().toEpochMilli();
        long testStart = window.test().start().toEpochMilli();
        long testEnd = window.test().end().toEpochMilli();
        SeasonalDeltaModel model =
                SeasonalDeltaModel.train(slots, trainStart, testStart, minSamples);
        int h = ParkingSettings.horizonSlots();
        List<ForecastRow> rows = new ArrayList<>();
        ForecastSkill skill = new ForecastSkill(lotId);
        for (int i = 0; i + h < slots.size(); i++) {
            OccupancySlot origin = slots.get(i);
            if (origin.slotStartMs < testStart
                    || origin.slotStartMs >= testEnd
                    || !origin.hasValue()) {
                continue;
            }
            OccupancySlot target = slots.get(i + h);
            ForecastRow row = new ForecastRow();
            row.lotId = lotId;
            row.originStartMs = origin.slotStartMs;
            row.targetStartMs = target.slotStartMs;
            row.targetLocalEpochDay = target.localEpochDay;
            row.capacity = origin.capacity;
            row.freeNow = origin.freeSpots;
            row.forecastFree = model.forecast(origin);
            if (target.hasValue()) {
                row.actualFree = target.freeSpots;
                skill.add(target.freeSpots, origin.freeSpots, row.forecastFree);
            }
            rows.add(row);
        }
        return new Result(rows, skill, model.pairs());
    }
}
