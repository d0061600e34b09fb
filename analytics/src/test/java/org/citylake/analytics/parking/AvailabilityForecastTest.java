package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.citylake.model.AnalyticsPeriod;
import org.junit.jupiter.api.Test;

class AvailabilityForecastTest {

    @Test
    void maeRmseAndSkillOfATinySeriesByHand() {
        ForecastSkill s = new ForecastSkill("G");
        // actual, naive, model
        s.add(10, 12, 10);
        s.add(20, 20, 22);
        s.add(30, 25, 33);
        // naive errors 2, 0, -5; model errors 0, 2, 3
        assertThat(s.n).isEqualTo(3);
        assertThat(s.naiveMae()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(s.naiveRmse()).isCloseTo(Math.sqrt(29.0 / 3), within(1e-12));
        assertThat(s.modelMae()).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(s.modelRmse()).isCloseTo(Math.sqrt(13.0 / 3), within(1e-12));
        assertThat(s.skill()).isCloseTo(1 - Math.sqrt(13.0 / 29), within(1e-12));
        assertThat(s.skill()).isCloseTo(0.330466, within(1e-6));

        ForecastSkill other = new ForecastSkill("H");
        other.add(0, 4, 0); // naive error 4, model 0
        ForecastSkill all = ForecastSkill.plus(s, other);
        assertThat(all.lotId).isEqualTo(ForecastSkill.ALL_LOTS);
        assertThat(all.n).isEqualTo(4);
        assertThat(all.naiveMae()).isCloseTo(11.0 / 4, within(1e-12));
        assertThat(all.naiveRmse()).isCloseTo(Math.sqrt(45.0 / 4), within(1e-12));
        assertThat(all.modelRmse()).isCloseTo(Math.sqrt(13.0 / 4), within(1e-12));
    }

    @Test
    void withoutPairsOrNaiveErrorThereIsNoScore() {
        ForecastSkill none = new ForecastSkill("G");
        assertThat(none.naiveMae()).isNull();
        assertThat(none.modelRmse()).isNull();
        assertThat(none.skill()).isNull();
        none.add(5, 5, 6);
        assertThat(none.skill()).isNull();
        assertThat(none.modelMae()).isEqualTo(1.0);
    }

    /**
     * Training days (Mon 2 June .. Mon 9 June 2014): free = 100 − quarter of the day, so the
     * one-hour change is −4. Test day (Tue 10 June): free = 200 − 2 × quarter, a change of −8. The
     * model forecasts now − 4 (error +4), the naive forecast now (error +8). Had any test pair
     * leaked into training, the learned change would not be exactly −4.
     */
    @Test
    void theSeasonalDeltaIsLearnedFromTheTrainingDaysOnlyAndScoredOnTheTestDay() {
        AnalyticsPeriod period =
                new AnalyticsPeriod(
                        "aarhus",
                        SlottingTest.CPH,
                        LocalDate.parse("2014-06-02"),
                        LocalDate.parse("2014-06-10"));
        ForecastWindow window = ForecastWindow.of(period, 1).orElseThrow();
        assertThat(window.train().to()).isEqualTo(LocalDate.parse("2014-06-09"));
        assertThat(window.test().from()).isEqualTo(LocalDate.parse("2014-06-10"));
        List<ParkingReading> readings = new ArrayList<>();
        long slotMs = ParkingSettings.SLOT.toMillis();
        long testStart = window.test().start().toEpochMilli();
        for (long t = period.start().toEpochMilli(); t < period.end().toEpochMilli(); t += slotMs) {
            int quarter = (int) ((t - period.start().toEpochMilli()) / slotMs % 96);
            int free = t < testStart ? 100 - quarter : 200 - 2 * quarter;
            readings.add(new ParkingReading("G", t, 300, free));
        }
        List<OccupancySlot> slots =
                Slotting.slots("G", readings, period, ParkingSettings.defaults(), null);

        AvailabilityForecast.Result result = AvailabilityForecast.run("G", slots, window, 3);

        // training pairs: 8 days x 96 origins, minus the 4 whose target lies in the test day
        assertThat(result.trainingPairs()).isEqualTo(8 * 96 - 4);
        // test origins 00:00 .. 22:45: their targets lie in the period
        assertThat(result.rows()).hasSize(92);
        ForecastRow first = result.rows().get(0);
        assertThat(first.originStartMs).isEqualTo(testStart);
        assertThat(first.targetStartMs).isEqualTo(testStart + 4 * slotMs);
        assertThat(first.freeNow).isEqualTo(200);
        assertThat(first.forecastFree).isEqualTo(196.0);
        assertThat(first.actualFree).isEqualTo(192);
        ForecastSkill skill = result.skill();
        assertThat(skill.n).isEqualTo(92);
        assertThat(skill.naiveMae()).isEqualTo(8.0);
        assertThat(skill.naiveRmse()).isEqualTo(8.0);
        assertThat(skill.modelMae()).isEqualTo(4.0);
        assertThat(skill.modelRmse()).isEqualTo(4.0);
        assertThat(skill.skill()).isEqualTo(0.5);
    }

    @Test
    void aPeriodWithoutATrainingDayHasNoForecastWindow() {
        AnalyticsPeriod week =
                new AnalyticsPeriod(
                        "aarhus",
                        SlottingTest.CPH,
                        LocalDate.parse("2014-06-02"),
                        LocalDate.parse("2014-06-08"));
        assertThat(ForecastWindow.of(week, 7)).isEmpty();
        assertThat(ForecastWindow.of(week, 6)).isPresent();
    }

    @Test
    void theForecastIsClippedToTheGarage() {
        OccupancySlot origin = new OccupancySlot();
        origin.status = OccupancySlot.OK;
        origin.freeSpots = 2;
        origin.capacity = 10;
        origin.localEpochDay = (int) LocalDate.parse("2014-06-02").toEpochDay();
        origin.slotOfDay = 0;
        List<OccupancySlot> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // one training pair: 2 -> 0 in an hour, then 3x more
            OccupancySlot s = new OccupancySlot();
            s.status = OccupancySlot.OK;
            s.slotStartMs = i * ParkingSettings.SLOT.toMillis();
            s.localEpochDay = origin.localEpochDay;
            s.slotOfDay = i;
            s.freeSpots = i == 4 ? 0 : 8;
            slots.add(s);
        }
        SeasonalDeltaModel model = SeasonalDeltaModel.train(slots, 0, Long.MAX_VALUE, 1);
        assertThat(model.delta(origin.localEpochDay, 0)).isEqualTo(-8.0);
        assertThat(model.forecast(origin)).isEqualTo(0.0);
        origin.freeSpots = 9;
        assertThat(model.forecast(origin)).isEqualTo(1.0);
        assertThat(model.delta(origin.localEpochDay, 1)).isEqualTo(0.0); // no pair: naive
    }
}
