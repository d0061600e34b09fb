package org.citylake.analytics.traffic;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.source.IcebergSource;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;

/** The readings of {@code clean.traffic_flow} for one city and period, as a bounded stream. */
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

    static DataStream<TrafficReading> read(
            StreamExecutionEnvironment env, Lake lake, AnalyticsPeriod period) {
        Schema projected = lake.table(TABLE).schema().select(COLUMNS);
        long fromMicros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, period.start());
        long toMicros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, period.end());
        List<Expression> filters =
                List.of(
                        Expressions.equal(TableRegistry.CITY, period.city()),
                        Expressions.greaterThanOrEqual(TableRegistry.OBSERVED_AT, fromMicros),
                        Expressions.lessThan(TableRegistry.OBSERVED_AT, toMicros));
        IcebergSource<RowData> source =
                IcebergSource.forRowData()
                        .tableLoader(lake.tableLoader(TABLE))
                        .project(projected)
                        .filters(filters)
                        .streaming(false)
                        .build();
        return env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        TABLE,
                        InternalTypeInfo.of(FlinkSchemaUtil.convert(projected)))
                .flatMap(new ToReading(projected, period))
                .name("to-traffic-reading")
                .uid("to-traffic-reading");
    }

    /**
     * Row → reading. The scan's filters prune files; rows are checked again because a file may hold
     * rows on both sides of the period.
     */
    static final class ToReading implements FlatMapFunction<RowData, TrafficReading> {
        private final String city;
        private final long fromMs;
        private final long toMs;
        private final int cityPos;
        private final int segmentPos;
        private final int observedPos;
        private final int intensityPos;
        private final int speedPos;
        private final int travelTimePos;

        ToReading(Schema projected, AnalyticsPeriod period) {
            this.city = period.city();
            this.fromMs = period.start().toEpochMilli();
            this.toMs = period.end().toEpochMilli();
            List<String> names = projected.columns().stream().map(f -> f.name()).toList();
            cityPos = names.indexOf(TableRegistry.CITY);
            segmentPos = names.indexOf("segment_id");
            observedPos = names.indexOf(TableRegistry.OBSERVED_AT);
            intensityPos = names.indexOf("intensity");
            speedPos = names.indexOf("avg_speed_kmh");
            travelTimePos = names.indexOf("avg_travel_time_s");
        }

        @Override
        public void flatMap(RowData row, Collector<TrafficReading> out) {
            long observed = row.getTimestamp(observedPos, 6).getMillisecond();
            if (observed < fromMs
                    || observed >= toMs
                    || !city.equals(row.getString(cityPos).toString())) {
                return;
            }
            out.collect(
                    new TrafficReading(
                            row.getString(segmentPos).toString(),
                            observed,
                            row.isNullAt(intensityPos) ? 0 : row.getLong(intensityPos),
                            row.isNullAt(speedPos) ? null : row.getDouble(speedPos),
                            row.isNullAt(travelTimePos) ? null : row.getDouble(travelTimePos)));
        }
    }
}
