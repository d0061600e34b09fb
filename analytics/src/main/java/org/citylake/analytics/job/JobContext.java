package org.citylake.analytics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * What a job's pipeline reads and writes through: the one reader of clean tables (a bounded Flink
 * source, filters pushed into the scan) and of ref tables (small, read when the graph is built),
 * and the typing of gold rows. One run, one city.
 */
public final class JobContext {

    private final StreamExecutionEnvironment env;
    private final Lake lake;
    private final String city;

    JobContext(StreamExecutionEnvironment env, Lake lake, String city) {
        this.env = env;
        this.lake = lake;
        this.city = city;
    }

    public StreamExecutionEnvironment env() {
        return env;
    }

    public String city() {
        return city;
    }

    /**
     * The city's readings of {@code input}: its columns, observed in {@code [from, to)}. The scan's
     * filters prune files; rows are checked again because a file may hold rows on both sides of the
     * range.
     */
    public DataStream<RowData> read(Input input) {
        // In the input's column order (Iceberg projects by field id), so positions are the input's.
        Schema table = lake.table(input.table()).schema();
        Schema projected = new Schema(input.columns().stream().map(table::findField).toList());
        IcebergSource<RowData> source =
                IcebergSource.forRowData()
                        .tableLoader(lake.tableLoader(input.table()))
                        .project(projected)
                        .filters(List.of(filter(city, input)))
                        .streaming(false)
                        .build();
        return env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        input.table(),
                        InternalTypeInfo.of(FlinkSchemaUtil.convert(projected)))
                .filter(new InRange(city, input))
                .name("in range: " + input.table())
                .uid("in-range-" + input.table());
    }

    /**
     * The rows of {@code table} in its snapshot {@code snapshotId} (a run that records where each
     * figure came from reads every table at one snapshot): {@code columns} in that order, files
     * pruned by {@code filter}. The filter prunes files only: the rows still need checking.
     */
    public DataStream<RowData> readAt(
            String table, long snapshotId, List<String> columns, Expression filter) {
        Schema schema = lake.table(table).schema();
        Schema projected = new Schema(columns.stream().map(schema::findField).toList());
        IcebergSource<RowData> source =
                IcebergSource.forRowData()
                        .tableLoader(lake.tableLoader(table))
                        .project(projected)
                        .filters(List.of(filter))
                        .useSnapshotId(snapshotId)
                        .streaming(false)
                        .build();
        return env.fromSource(
                        source,
                        WatermarkStrategy.noWatermarks(),
                        table + "@" + snapshotId,
                        InternalTypeInfo.of(FlinkSchemaUtil.convert(projected)))
                .uid("read-" + table);
    }

    /** The current snapshot of {@code table}; empty when it holds no commit yet. */
    public java.util.Optional<Long> currentSnapshot(String table) {
        org.apache.iceberg.Snapshot current = lake.table(table).currentSnapshot();
        return current == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(current.snapshotId());
    }

    /** {@link #read(Input)}, each row mapped to a reading of the job's type. */
    public <T> DataStream<T> read(
            Input input, MapFunction<RowData, T> toReading, Class<T> type, String name) {
        return read(input).map(toReading).returns(type).name(name).uid(name);
    }

    /**
     * The lake's object storage for objects that are not tables (e.g. model artefacts): the FileIO
     * of {@code table} (the catalog's; serializable, so operators can write with it).
     */
    public FileIO io(String table) {
        return lake.table(table).io();
    }

    /** The warehouse location: objects that are not tables go under it, outside every table. */
    public String warehouse() {
        return lake.config().catalogProperties().get("warehouse");
    }

    /** The city's rows of a ref table, or none if the table does not exist. */
    public List<Record> ref(String table) {
        if (!lake.catalog().tableExists(TableIdentifier.parse(table))) {
            return List.of();
        }
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(lake.table(table))
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .build()) {
            List<Record> copy = new ArrayList<>();
            rows.forEach(r -> copy.add(r.copy()));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }

    /** {@code rows} typed as the rows of gold table {@code table}. */
    public DataStream<RowData> rows(String table, SingleOutputStreamOperator<RowData> rows) {
        Schema schema = lake.table(table).schema();
        return rows.returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(schema)))
                .name("to-" + table)
                .uid("to-" + table);
    }

    /** The scan filter of {@code input} for {@code city}. */
    static Expression filter(String city, Input input) {
        return Expressions.and(
                Expressions.equal(TableRegistry.CITY, city),
                Expressions.greaterThanOrEqual(TableRegistry.OBSERVED_AT, micros(input.from())),
                Expressions.lessThan(TableRegistry.OBSERVED_AT, micros(input.to())));
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** Keeps the rows of one city observed in the input's range. */
    static final class InRange implements FilterFunction<RowData> {
        private final String city;
        private final long fromMs;
        private final long toMs;
        private final int cityPos;
        private final int observedPos;

        InRange(String city, Input input) {
            this.city = city;
            this.fromMs = input.from().toEpochMilli();
            this.toMs = input.to().toEpochMilli();
            this.cityPos = input.position(TableRegistry.CITY);
            this.observedPos = input.position(TableRegistry.OBSERVED_AT);
        }

        @Override
        public boolean filter(RowData row) {
            long observed = row.getTimestamp(observedPos, 6).getMillisecond();
            return observed >= fromMs
                    && observed < toMs
                    && city.equals(row.getString(cityPos).toString());
        }
    }
}
