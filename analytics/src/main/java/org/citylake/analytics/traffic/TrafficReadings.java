package org.citylake.analytics.traffic;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.citylake.analytics.job.Input;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;

/** What the traffic job reads of {@code clean.traffic_flow}, and the row → reading mapping. */
final class TrafficReadings {

    static final String TABLE = EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable();
    private static final List<String> COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "segment_id",
                    TableRegistry.OBSERVED_AT,
                    "intensity",
                    "avg_speed_kmh",
                    "avg_travel_time_s");

    private TrafficReadings() {}

    static Input input(AnalyticsPeriod period, Duration interval) {
        return new Input(TABLE, COLUMNS, period.start(), period.end(), interval);
    }

    /** Row → reading; the rows are already the city's, in range. */
    static final class ToReading implements MapFunction<RowData, TrafficReading> {
        private final int segmentPos;
        private final int observedPos;
        private final int intensityPos;
        private final int speedPos;
        private final int travelTimePos;

        ToReading(Input input) {
            segmentPos = input.position("segment_id");
            observedPos = input.position(TableRegistry.OBSERVED_AT);
            intensityPos = input.position("intensity");
            speedPos = input.position("avg_speed_kmh");
            travelTimePos = input.position("avg_travel_time_s");
        }

        @Override
        public TrafficReading map(RowData row) {
            return new TrafficReading(
                    row.getString(segmentPos).toString(),
                    row.getTimestamp(observedPos, 6).getMillisecond(),
                    row.isNullAt(intensityPos) ? 0 : row.getLong(intensityPos),
                    row.isNullAt(speedPos) ? null : row.getDouble(speedPos),
                    row.isNullAt(travelTimePos) ? null : row.getDouble(travelTimePos));
        }
    }
}
