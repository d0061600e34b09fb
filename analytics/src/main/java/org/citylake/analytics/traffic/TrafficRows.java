package org.citylake.analytics.traffic;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** The traffic job's results as rows of the gold tables, in their column order. */
final class TrafficRows {

    private TrafficRows() {}

    /** {@link IndexRow} → {@code gold.segment_congestion}. */
    static final class Index implements MapFunction<IndexRow, RowData> {
        private final String city;

        Index(String city) {
            this.city = city;
        }

        @Override
        public RowData map(IndexRow r) {
            return GenericRowData.of(
                    StringData.fromString(city),
                    StringData.fromString(r.segmentId),
                    TimestampData.fromEpochMillis(r.windowStartMs),
                    r.windowMinutes,
                    r.localEpochDay,
                    r.localHour,
                    r.peak,
                    r.flow,
                    r.meanSpeedKmh,
                    r.travelTimeS,
                    r.freeFlowTimeS,
                    r.tti,
                    r.tti == null ? null : CongestionIndex.congestionPct(r.tti),
                    r.tti == null ? null : StringData.fromString(CongestionIndex.band(r.tti)),
                    StringData.fromString(r.freeFlowMethod),
                    r.readings,
                    r.outlierReadings);
        }
    }

    /** {@link RankingRow} → {@code gold.congestion_ranking}. */
    static final class Ranking implements MapFunction<RankingRow, RowData> {
        private final String city;

        Ranking(String city) {
            this.city = city;
        }

        @Override
        public RowData map(RankingRow r) {
            return GenericRowData.of(
                    StringData.fromString(city),
                    StringData.fromString(r.period),
                    r.periodStartEpochDay,
                    r.periodEndEpochDay,
                    StringData.fromString(r.scope),
                    StringData.fromString(r.scopeId),
                    r.scopeName == null ? null : StringData.fromString(r.scopeName),
                    r.rank,
                    r.peakTti,
                    CongestionIndex.congestionPct(r.peakTti),
                    StringData.fromString(CongestionIndex.band(r.peakTti)),
                    r.delayVehicleHours,
                    r.vehicles,
                    r.vehicleKm,
                    r.lengthKm,
                    r.segments,
                    r.peakReadings,
                    r.outlierReadings,
                    r.daysWithData);
        }
    }
}
