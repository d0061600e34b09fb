package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.traffic.ToyNetwork.at;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeRankingTest {

    /** s1 as in SegmentSeriesTest (Σ flow x TTI = 50 over 45 vehicles); s2: 20 vehicles at 2.0. */
    private static List<RankingRow> rankings(int minPeakReadings) {
        List<PeriodSums> sums = new ArrayList<>();
        sums.addAll(
                SegmentSeries.compute(
                                ToyNetwork.S1,
                                SegmentSeriesTest.S1_MORNING,
                                ToyNetwork.MONDAY,
                                ToyNetwork.SETTINGS)
                        .sums());
        sums.addAll(
                SegmentSeries.compute(
                                ToyNetwork.S2,
                                List.of(at("s2", "2014-08-18T07:00", 20, 36.0, 200.0)),
                                ToyNetwork.MONDAY,
                                ToyNetwork.SETTINGS)
                        .sums());
        Map<String, List<ScopeSums>> groups = new LinkedHashMap<>();
        for (PeriodSums p : sums) {
            for (ScopeSums s : ScopeSums.of(p, ToyNetwork.SEGMENTS.get(p.segmentId), "aarhus")) {
                groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
            }
        }
        List<RankingRow> rows = new ArrayList<>();
        groups.values()
                .forEach(g -> rows.addAll(ScopeRanking.rank(RankScopes.addUp(g), minPeakReadings)));
        return rows;
    }

    private static List<RankingRow> of(List<RankingRow> rows, String period, String scope) {
        return rows.stream()
                .filter(r -> r.period.equals(period) && r.scope.equals(scope))
                .sorted(java.util.Comparator.comparingInt(r -> r.rank))
                .toList();
    }

    @Test
    void segmentsRankByFlowWeightedTti() {
        List<RankingRow> segments = of(rankings(1), "day", "segment");
        assertThat(segments).extracting(r -> r.scopeId).containsExactly("s2", "s1");
        assertThat(segments.get(0).peakTti).isCloseTo(2.0, within(1e-12));
        assertThat(segments.get(1).peakTti).isCloseTo(50.0 / 45.0, within(1e-12));
        // s2: 20 vehicles x (200 - 100) s
        assertThat(segments.get(0).delayVehicleHours).isCloseTo(2000.0 / 3600, within(1e-12));
    }

    @Test
    void districtTtiIsWeightedByVehiclesTimesLength() {
        RankingRow north = of(rankings(1), "day", "district").get(0);
        assertThat(north.scopeId).isEqualTo("north");
        assertThat(north.scopeName).isEqualTo("North");
        // (1 km x 50 + 2 km x 20 x 2.0) / (1 km x 45 + 2 km x 20)
        assertThat(north.peakTti).isCloseTo(130.0 / 85.0, within(1e-12));
        assertThat(north.vehicles).isEqualTo(65);
        assertThat(north.vehicleKm).isCloseTo(45 * 1.0 + 20 * 2.0, within(1e-12));
        assertThat(north.lengthKm).isCloseTo(3.0, within(1e-12));
        assertThat(north.segments).isEqualTo(2);
        assertThat(north.delayVehicleHours).isCloseTo(2300.0 / 3600, within(1e-12));
        assertThat(north.outlierReadings).isEqualTo(1);
    }

    @Test
    void weekPeriodEndsSevenDaysLater() {
        RankingRow city = of(rankings(1), "week", "city").get(0);
        assertThat(city.periodEndEpochDay - city.periodStartEpochDay).isEqualTo(7);
        assertThat(city.daysWithData).isEqualTo(1);
        assertThat(city.peakTti).isCloseTo(130.0 / 85.0, within(1e-12));
    }

    @Test
    void scopesWithTooFewReadingsAreNotRanked() {
        // s1 has 3 usable peak readings, s2 one; the district has 4
        List<RankingRow> rows = rankings(3);
        assertThat(of(rows, "day", "segment")).extracting(r -> r.scopeId).containsExactly("s1");
        assertThat(of(rows, "day", "district")).extracting(r -> r.scopeId).containsExactly("north");
    }

    @Test
    void aSegmentOutsideEveryDistrictCountsForItsCityOnly() {
        PeriodSums p = new PeriodSums("s9", "day", 0);
        p.flow = 5;
        p.flowTti = 6;
        SegmentRef outside = new SegmentRef("s9", null, 100.0, 10.0, SegmentRef.OUTSIDE, null);
        assertThat(ScopeSums.of(p, outside, "aarhus"))
                .extracting(s -> s.scope + ":" + s.scopeId)
                .containsExactly("segment:s9", "city:aarhus");
    }

    @Test
    void ordersTiesByDelayThenId() {
        ScopeSums a = scope("a", 2.0, 10);
        ScopeSums b = scope("b", 2.0, 20);
        ScopeSums c = scope("c", 2.0, 20);
        assertThat(ScopeRanking.rank(List.of(a, c, b), 1))
                .extracting(r -> r.scopeId)
                .containsExactly("b", "c", "a");
    }

    private static ScopeSums scope(String id, double tti, double delay) {
        ScopeSums s = new ScopeSums();
        s.period = "day";
        s.scope = "segment";
        s.scopeId = id;
        s.weight = 1;
        s.weightedTti = tti;
        s.delayVehicleSeconds = delay;
        s.peakReadings = 1;
        return s;
    }
}
