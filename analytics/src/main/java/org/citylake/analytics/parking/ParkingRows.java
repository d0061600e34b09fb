package org.citylake.analytics.parking;

import static org.citylake.analytics.job.RowValues.str;

import java.time.LocalDate;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.Collector;

/** The parking job's results as rows of the gold tables, in their column order. */
final class ParkingRows {

    private ParkingRows() {}

    private static TimestampData ts(Long ms) {
        return ms == null ? null : TimestampData.fromEpochMillis(ms);
    }

    /** {@link OccupancySlot} → {@code gold.parking_occupancy}. */
    static final class Occupancy implements MapFunction<OccupancySlot, RowData> {
        private final String city;

        Occupancy(String city) {
            this.city = city;
        }

        @Override
        public RowData map(OccupancySlot s) {
            return GenericRowData.of(
                    str(city),
                    str(s.lotId),
                    ts(s.slotStartMs),
                    s.localEpochDay,
                    s.localHour,
                    s.slotOfDay,
                    s.capacity,
                    s.occupiedSpots,
                    s.freeSpots,
                    s.occupancy,
                    ts(s.readingAtMs),
                    s.readingAgeS,
                    s.readingsInSlot,
                    str(s.status));
        }
    }

    /** {@link DailyPeak} → {@code gold.parking_daily}. */
    static final class Daily implements MapFunction<DailyPeak, RowData> {
        private final String city;

        Daily(String city) {
            this.city = city;
        }

        @Override
        public RowData map(DailyPeak d) {
            return GenericRowData.of(
                    str(city),
                    str(d.lotId),
                    d.localEpochDay,
                    d.capacity,
                    d.slots,
                    d.slotsWithData,
                    d.hoursWithData,
                    d.peakOccupancy,
                    ts(d.peakAtMs),
                    d.peakOccupiedSpots,
                    d.minFreeSpots,
                    d.meanOccupancy,
                    d.hoursAboveFull);
        }
    }

    /** {@link GarageRank} → {@code gold.parking_busiest}. */
    static final class Busiest implements MapFunction<GarageRank, RowData> {
        private final String city;
        private final int fromEpochDay;
        private final int toEpochDay;

        Busiest(String city, LocalDate from, LocalDate to) {
            this.city = city;
            this.fromEpochDay = (int) from.toEpochDay();
            this.toEpochDay = (int) to.toEpochDay();
        }

        @Override
        public RowData map(GarageRank g) {
            return GenericRowData.of(
                    str(city),
                    fromEpochDay,
                    toEpochDay,
                    g.rank,
                    str(g.lotId),
                    g.capacity,
                    g.daysWithData,
                    g.peakOccupancy,
                    ts(g.peakAtMs),
                    g.hoursAbove90,
                    g.daysWithData == 0 ? null : g.hoursAbove90 / g.daysWithData,
                    g.hoursWithData);
        }
    }

    /** {@link ForecastRow} → {@code gold.parking_forecast}. */
    static final class Forecast implements MapFunction<ForecastRow, RowData> {
        private final String city;
        private final int testStart;

        Forecast(String city, ForecastWindow window) {
            this.city = city;
            this.testStart = (int) window.test().from().toEpochDay();
        }

        @Override
        public RowData map(ForecastRow f) {
            return GenericRowData.of(
                    str(city),
                    testStart,
                    str(f.lotId),
                    str(SeasonalDeltaModel.NAME),
                    (int) ParkingSettings.HORIZON.toMinutes(),
                    ts(f.originStartMs),
                    ts(f.targetStartMs),
                    f.targetLocalEpochDay,
                    f.capacity,
                    f.freeNow,
                    f.forecastFree,
                    f.actualFree);
        }
    }

    /** {@link ForecastSkill} → two rows of {@code gold.parking_forecast_skill}: naive and model. */
    static final class Skill implements FlatMapFunction<ForecastSkill, RowData> {
        static final String NAIVE = "naive";

        private final String city;
        private final int testStart;
        private final int testEnd;
        private final int trainStart;
        private final int trainEnd;

        Skill(String city, ForecastWindow window) {
            this.city = city;
            this.testStart = (int) window.test().from().toEpochDay();
            this.testEnd = (int) window.test().to().toEpochDay();
            this.trainStart = (int) window.train().from().toEpochDay();
            this.trainEnd = (int) window.train().to().toEpochDay();
        }

        @Override
        public void flatMap(ForecastSkill s, Collector<RowData> out) {
            out.collect(
                    row(s.lotId, NAIVE, s.n, s.naiveMae(), s.naiveRmse(), s.n == 0 ? null : 0.0));
            out.collect(
                    row(
                            s.lotId,
                            SeasonalDeltaModel.NAME,
                            s.n,
                            s.modelMae(),
                            s.modelRmse(),
                            s.skill()));
        }

        private RowData row(
                String lot, String model, long n, Double mae, Double rmse, Double skill) {
            return GenericRowData.of(
                    str(city),
                    testStart,
                    testEnd,
                    trainStart,
                    trainEnd,
                    str(lot),
                    str(model),
                    (int) ParkingSettings.HORIZON.toMinutes(),
                    n,
                    mae,
                    rmse,
                    skill);
        }
    }
}
