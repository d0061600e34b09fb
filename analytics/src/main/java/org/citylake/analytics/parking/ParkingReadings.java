package org.citylake.analytics.parking;

import java.time.Instant;
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
import org.citylake.model.EntityType;

/**
 * The readings of {@code clean.parking} for one city from {@code fromMs} (inclusive) to {@code
 * toMs} (exclusive), as a bounded stream.
 */
final class ParkingReadings {

    static final String TABLE = EntityType.OFF_STREET_PARKING.cleanTable();
    private static final List<String> COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "lot_id",
                    TableRegistry.OBSERVED_AT,
                    "total_spots",
                    "available_spots");

    private ParkingReadings() {}

    static DataStream<ParkingReading> read(
            StreamExecutionEnvironment env, Lake lake, String city, long fromMs, long toMs) {
        Schema projected = lake.table(TABLE).schema().select(COLUMNS);
        List<Expression> filters =
                List.of(
                        Expressions.equal(TableRegistry.CITY, city),
                        Expressions.greaterThanOrEqual(TableRegistry.OBSERVED_AT, micros(fromMs)),
                        Expressions.lessThan(TableRegistry.OBSERVED_AT, micros(toMs)));
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
                .flatMap(new ToReading(projected, city, fromMs, toMs))
                .returns(ParkingReading.class)
                .name("to-parking-reading")
                .uid("to-parking-reading");
    }

    private static long micros(long ms) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.ofEpochMilli(ms));
    }

    /**
     * Row → reading. The scan's filters prune files; rows are checked again because a file may hold
     * rows on both sides of the range.
     */
    static final class ToReading implements FlatMapFunction<RowData, ParkingReading> {
        private final String city;
        private final long fromMs;
        private final long toMs;
        private final int cityPos;
        private final int lotPos;
        private final int observedPos;
        private final int totalPos;
        private final int availablePos;

        ToReading(Schema projected, String city, long fromMs, long toMs) {
            this.city = city;
            this.fromMs = fromMs;
            this.toMs = toMs;
            List<String> names = projected.columns().stream().map(f -> f.name()).toList();
            cityPos = names.indexOf(TableRegistry.CITY);
            lotPos = names.indexOf("lot_id");
            observedPos = names.indexOf(TableRegistry.OBSERVED_AT);
            totalPos = names.indexOf("total_spots");
            availablePos = names.indexOf("available_spots");
        }

        @Override
        public void flatMap(RowData row, Collector<ParkingReading> out) {
            long observed = row.getTimestamp(observedPos, 6).getMillisecond();
            if (observed < fromMs
                    || observed >= toMs
                    || !city.equals(row.getString(cityPos).toString())) {
                return;
            }
            out.collect(
                    new ParkingReading(
                            row.getString(lotPos).toString(),
                            observed,
                            row.isNullAt(totalPos) ? null : row.getInt(totalPos),
                            row.isNullAt(availablePos) ? null : row.getInt(availablePos)));
        }
    }
}
