package org.citylake.analytics.waste;

import static org.citylake.analytics.job.RowValues.str;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;

/** The waste job's results as rows of the gold tables, in their column order. */
final class WasteRows {

    private WasteRows() {}

    /** {@link RouteKpiRow} → {@code gold.waste_route_kpi}. */
    static final class RouteKpi implements MapFunction<RouteKpiRow, RowData> {
        private final String city;

        RouteKpi(String city) {
            this.city = city;
        }

        @Override
        public RowData map(RouteKpiRow r) {
            return GenericRowData.of(
                    str(city),
                    r.day,
                    str(r.vehicleId),
                    r.routeNo,
                    TimestampData.fromEpochMillis(r.startedMs),
                    TimestampData.fromEpochMillis(r.endedMs),
                    r.binsEmptied,
                    r.km,
                    r.tonnes(),
                    r.kgPerKm(),
                    r.meanFill,
                    r.lowFillShare,
                    r.overflows,
                    r.driveHours,
                    r.truckHours,
                    r.unplacedStops,
                    str(r.distanceSource));
        }
    }

    /** {@link BinStatsRow} → {@code gold.waste_bin_stats}. */
    static final class BinStats implements MapFunction<BinStatsRow, RowData> {
        private final String city;
        private final int from;
        private final int to;

        BinStats(String city, int from, int to) {
            this.city = city;
            this.from = from;
            this.to = to;
        }

        @Override
        public RowData map(BinStatsRow b) {
            return GenericRowData.of(
                    str(city),
                    from,
                    to,
                    str(b.containerId),
                    b.pickups,
                    b.kgCollected,
                    b.meanFill,
                    b.lowFillPickups,
                    b.fillRatePerDay,
                    b.daysToFull,
                    b.overflows,
                    b.meanDaysBetweenPickups);
        }
    }

    /** {@link PlanStopRow} → {@code gold.waste_route_plan}. */
    static final class PlanStop implements MapFunction<PlanStopRow, RowData> {
        private final String city;

        PlanStop(String city) {
            this.city = city;
        }

        @Override
        public RowData map(PlanStopRow s) {
            return GenericRowData.of(
                    str(city),
                    s.day,
                    str(s.vehicleId),
                    s.routeNo,
                    s.stopSeq,
                    str(s.stopKind),
                    str(s.containerId),
                    str(s.depotId),
                    s.lon,
                    s.lat,
                    s.legKm,
                    s.cumKm,
                    s.loadKg,
                    s.fillForecast);
        }
    }

    /** {@link PlanSummaryRow} → {@code gold.waste_plan_summary}. */
    static final class PlanSummary implements MapFunction<PlanSummaryRow, RowData> {
        private final String city;

        PlanSummary(String city) {
            this.city = city;
        }

        @Override
        public RowData map(PlanSummaryRow s) {
            return GenericRowData.of(
                    str(city),
                    s.day,
                    s.binsEmptied,
                    s.binsDue,
                    s.actualRoutes,
                    s.plannedRoutes,
                    s.actualKm,
                    s.plannedKm,
                    s.savingKm(),
                    s.savingPct(),
                    s.actualTruckHours,
                    s.plannedTruckHours,
                    s.savingTruckHours(),
                    s.vehicleCapacityKg,
                    str(s.solver),
                    str(s.distanceSource));
        }
    }

    /** {@link DistrictDayRow} → {@code gold.waste_district_daily}. */
    static final class DistrictDay implements MapFunction<DistrictDayRow, RowData> {
        private final String city;

        DistrictDay(String city) {
            this.city = city;
        }

        @Override
        public RowData map(DistrictDayRow d) {
            return GenericRowData.of(
                    str(city),
                    d.day,
                    str(d.districtId),
                    str(d.districtName),
                    d.binsEmptied,
                    d.bins,
                    d.kg / 1000,
                    d.meanFill,
                    d.lowFillShare,
                    d.overflows);
        }
    }
}
