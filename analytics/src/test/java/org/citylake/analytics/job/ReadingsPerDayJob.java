package org.citylake.analytics.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * An example of everything a new analytics job is: its options, its input, its pure pipeline, its
 * gold table and its printing, registered in this module's test resources ({@code
 * META-INF/services/org.citylake.analytics.job.AnalyticsJob}). It counts the traffic readings of
 * each segment per local day.
 *
 * <pre>
 * clean.traffic_flow ─► keyBy segment ─► GroupAtEnd(CountPerDay) ─► gold.example_readings_per_day
 * </pre>
 */
public final class ReadingsPerDayJob implements AnalyticsJob<Integer> {

    static final String TABLE = "gold.example_readings_per_day";
    static final JobOption<Integer> MIN_READINGS =
            JobOption.integer("min-readings", "1", "Leave out segment-days with fewer readings.");
    private static final List<String> COLUMNS =
            List.of(TableRegistry.CITY, "segment_id", TableRegistry.OBSERVED_AT);

    @Override
    public String name() {
        return "example-readings-per-day";
    }

    @Override
    public List<String> description() {
        return List.of("Traffic readings per segment per local day (an example job).");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(MIN_READINGS);
    }

    @Override
    public Integer settings(Map<String, String> options, City city) {
        return MIN_READINGS.of(options);
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, Integer minReadings) {
        return List.of(
                new Input(
                        "clean.traffic_flow",
                        COLUMNS,
                        days.start(),
                        days.end(),
                        Duration.ofMinutes(5)));
    }

    @Override
    public List<TableDef> outputs() {
        Schema schema =
                TableRegistry.schema(
                        TableRegistry.req(
                                TableRegistry.CITY,
                                org.apache.iceberg.types.Types.StringType.get(),
                                "city"),
                        TableRegistry.req(
                                "local_date",
                                org.apache.iceberg.types.Types.DateType.get(),
                                "day, city time"),
                        TableRegistry.req(
                                "segment_id",
                                org.apache.iceberg.types.Types.StringType.get(),
                                "segment"),
                        TableRegistry.req(
                                "readings",
                                org.apache.iceberg.types.Types.LongType.get(),
                                "readings that day"));
        return List.of(
                new TableDef(
                        TableIdentifier.parse(TABLE),
                        schema,
                        PartitionSpec.builderFor(schema)
                                .identity(TableRegistry.CITY)
                                .identity("local_date")
                                .build(),
                        TableRegistry.COMMON_PROPERTIES,
                        "Example: traffic readings per segment per day"));
    }

    @Override
    public Map<String, DataStream<RowData>> define(JobContext context, RunPlan<Integer> plan) {
        Input input = inputs(plan.days(), plan.settings()).get(0);
        DataStream<RowData> readings = context.read(input);
        SingleOutputStreamOperator<RowData> rows =
                readings.map(new SegmentAndTime(input))
                        .returns(Types.TUPLE(Types.STRING, Types.LONG))
                        .keyBy(t -> t.f0, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.TUPLE(Types.STRING, Types.LONG),
                                        new CountPerDay(plan.days().zone(), plan.settings())))
                        .returns(Types.TUPLE(Types.STRING, Types.INT, Types.LONG))
                        .map(new ToRow(plan.days().city()));
        return Map.of(TABLE, context.rows(TABLE, rows));
    }

    @Override
    public void print(Committed run, RunPlan<Integer> plan, PrintStream out) {
        long total = 0;
        for (Record r :
                run.read(TABLE, Expressions.equal(TableRegistry.CITY, plan.days().city()))) {
            total += (Long) r.getField("readings");
        }
        out.println("example: " + total + " readings");
    }

    static final class SegmentAndTime implements MapFunction<RowData, Tuple2<String, Long>> {
        private final int segment;
        private final int observed;

        SegmentAndTime(Input input) {
            segment = input.position("segment_id");
            observed = input.position(TableRegistry.OBSERVED_AT);
        }

        @Override
        public Tuple2<String, Long> map(RowData row) {
            return Tuple2.of(
                    row.getString(segment).toString(),
                    row.getTimestamp(observed, 6).getMillisecond());
        }
    }

    /** One segment's reading times → readings per local day, at least {@code min}. */
    static final class CountPerDay
            implements GroupAtEnd.Group<
                    String, Tuple2<String, Long>, Tuple3<String, Integer, Long>> {
        private final ZoneId zone;
        private final int min;

        CountPerDay(ZoneId zone, int min) {
            this.zone = zone;
            this.min = min;
        }

        @Override
        public void apply(
                String segment,
                List<Tuple2<String, Long>> readings,
                GroupAtEnd.Emitter<Tuple3<String, Integer, Long>> out) {
            Map<LocalDate, Long> perDay = new TreeMap<>();
            readings.forEach(
                    r ->
                            perDay.merge(
                                    Instant.ofEpochMilli(r.f1).atZone(zone).toLocalDate(),
                                    1L,
                                    Long::sum));
            perDay.forEach(
                    (day, n) -> {
                        if (n >= min) {
                            out.collect(Tuple3.of(segment, (int) day.toEpochDay(), n));
                        }
                    });
        }
    }

    static final class ToRow implements MapFunction<Tuple3<String, Integer, Long>, RowData> {
        private final String city;

        ToRow(String city) {
            this.city = city;
        }

        @Override
        public RowData map(Tuple3<String, Integer, Long> t) {
            return GenericRowData.of(
                    StringData.fromString(city), t.f1, StringData.fromString(t.f0), t.f2);
        }
    }
}
