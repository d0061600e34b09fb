package org.citylake.ingest.dedup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.parse.RejectReason;
import org.citylake.ingest.rows.CleanTable;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * Lets the first reading of each (city, entity id, observation time) through and sends later ones
 * to the dead-letter output as {@link RejectReason#DUPLICATE}. Readings behind their city's
 * watermark are accepted but flagged {@code is_late}: each city has its own clock, the newest
 * reading of that city seen so far minus the allowed lateness ({@code maxOutOfOrderness}), seeded
 * from the clean table's recorded per-city watermarks, so a city hours behind another is judged
 * against its own readings only.
 *
 * <p>State is kept per sensor, not per reading: the {@link SeenTimes} of the sensor, reaching back
 * {@code dedupLookback} behind its newest reading (checkpointed, so a restored job remembers them).
 * Times committed by earlier jobs are loaded from the clean table when the operator opens and seed
 * a sensor's state on its first reading. A reading older than the horizon behind its sensor's
 * newest one is let through unchecked.
 */
public final class Deduplicate
        extends KeyedProcessFunction<String, Tuple2<RowData, byte[]>, RowData> {

    /** Duplicates, as dead-letter rows. */
    public static final OutputTag<RowData> DUPLICATES =
            new OutputTag<>("duplicates", LakeRows.typeInfo(TableRegistry.DEAD_LETTER));

    private final CleanTable type;
    private final IngestSettings settings;
    private final CatalogLoader catalogLoader;

    private transient ValueState<SeenTimes> seen;
    private transient CommittedKeys committed;
    private transient RowData.FieldGetter[] getters;
    private transient int lateIndex;
    private transient int observedIndex;
    private transient long horizonMicros;
    private transient int cityIndex;
    private transient long lagMs;

    /** Per city: the newest observation time (ms) seen, or its recorded watermark + lag. */
    private transient Map<StringData, long[]> cityNewest;

    /** Whether readings are flagged late: not in a bounded backfill, where nothing arrives late. */
    private final boolean flagLate;

    public Deduplicate(CleanTable type, IngestSettings settings, CatalogLoader catalogLoader) {
        this(type, settings, catalogLoader, true);
    }

    /**
     * @param flagLate false for a batch backfill: its input is sorted by sensor, so arrival order
     *     says nothing about lateness (Flink's batch mode has no watermarks either)
     */
    public Deduplicate(
            CleanTable type,
            IngestSettings settings,
            CatalogLoader catalogLoader,
            boolean flagLate) {
        this.type = type;
        this.settings = settings;
        this.catalogLoader = catalogLoader;
        this.flagLate = flagLate;
    }

    /**
     * Key of a clean row: its city and the descriptor's dedup column (the entity id unless it says
     * otherwise).
     */
    public static KeySelector<Tuple2<RowData, byte[]>, String> keySelector(CleanTable type) {
        int city = type.index(TableRegistry.CITY);
        int entity = type.index(keyColumn(type));
        return (KeySelector<Tuple2<RowData, byte[]>, String>)
                value -> SensorKey.of(value.f0.getString(city), value.f0.getString(entity));
    }

    static String keyColumn(CleanTable type) {
        return type.entity().dedup().get(0);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        seen =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "seen-times", SeenTimesSerializer.INSTANCE));
        horizonMicros = settings.dedupLookback().toMillis() * 1000;

        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        try (TableLoader loader =
                TableLoader.fromCatalog(catalogLoader, TableIdentifier.parse(type.name()))) {
            loader.open();
            Table table = loader.loadTable();
            lagMs = settings.maxOutOfOrderness().toMillis();
            cityNewest = new HashMap<>();
            SnapshotSummary.cityWatermarks(table)
                    .forEach(
                            (city, watermark) ->
                                    cityNewest.put(
                                            StringData.fromString(city),
                                            new long[] {watermark.toEpochMilli() + lagMs}));
            committed =
                    CommittedKeys.load(
                            table,
                            settings.dedupLookback(),
                            keyColumn(type),
                            sensor ->
                                    KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                                    sensor, maxParallelism, parallelism)
                                            == subtask);
        }
        List<NestedField> columns = type.schema().columns();
        getters = new RowData.FieldGetter[columns.size()];
        var rowType = type.rowType();
        for (int i = 0; i < columns.size(); i++) {
            getters[i] = RowData.createFieldGetter(rowType.getTypeAt(i), i);
        }
        lateIndex = type.index(TableRegistry.IS_LATE);
        observedIndex = type.index(TableRegistry.OBSERVED_AT);
        cityIndex = type.index(TableRegistry.CITY);
    }

    @Override
    public void processElement(Tuple2<RowData, byte[]> value, Context ctx, Collector<RowData> out)
            throws Exception {
        RowData row = value.f0;
        SeenTimes times = seen.value();
        if (times == null) {
            times = SeenTimes.of(committed.take(ctx.getCurrentKey()));
            seen.update(times);
        }
        // Changed in place: the heap backend hands out a private copy while a snapshot runs.
        TimestampData observed = row.getTimestamp(observedIndex, 6);
        long micros = observed.getMillisecond() * 1000 + observed.getNanoOfMillisecond() / 1000;
        if (times.accept(micros, horizonMicros) == SeenTimes.Outcome.DUPLICATE) {
            ctx.output(DUPLICATES, duplicate(row, value.f1));
            return;
        }
        boolean late =
                flagLate && behindItsCity(row.getString(cityIndex), observed.getMillisecond());
        out.collect(flagged(row, late));
    }

    /**
     * The row with {@code is_late} set: in place where the row allows it (the binary row the
     * network hands over, a generic row), else a copy.
     */
    private RowData flagged(RowData row, boolean late) {
        if (row instanceof BinaryRowData binary) {
            binary.setBoolean(lateIndex, late);
            return binary;
        }
        if (row instanceof GenericRowData generic) {
            generic.setField(lateIndex, late);
            return generic;
        }
        GenericRowData copy = new GenericRowData(getters.length);
        for (int i = 0; i < getters.length; i++) {
            copy.setField(i, getters[i].getFieldOrNull(row));
        }
        copy.setField(lateIndex, late);
        return copy;
    }

    /** Whether a reading is behind its city's watermark; moves the city's clock on. */
    private transient StringData lastCity;

    private transient long[] lastNewest;

    private boolean behindItsCity(StringData city, long observedMs) {
        long[] newest;
        if (lastCity != null && lastCity.equals(city)) {
            newest = lastNewest;
        } else {
            newest = cityNewest.get(city);
            if (newest == null) {
                // a copy: the row's strings may be reused
                cityNewest.put(StringData.fromString(city.toString()), new long[] {observedMs});
                return false;
            }
            lastCity = StringData.fromString(city.toString());
            lastNewest = newest;
        }
        boolean late = observedMs < newest[0] - lagMs;
        newest[0] = Math.max(newest[0], observedMs);
        return late;
    }

    private RowData duplicate(RowData row, byte[] payload) {
        String city = row.getString(type.index(TableRegistry.CITY)).toString();
        String entityId = row.getString(type.index(TableRegistry.ENTITY_ID)).toString();
        Instant observedAt = row.getTimestamp(observedIndex, 6).toInstant();
        String position = row.getString(type.index(TableRegistry.SOURCE_POSITION)).toString();
        long ingestedAt =
                row.getTimestamp(type.index(TableRegistry.INGESTED_AT), 6).getMillisecond();
        return LakeRows.deadLetter(
                city,
                type.feed(),
                RejectReason.DUPLICATE,
                type.entity().type()
                        + " "
                        + entityId
                        + " observed at "
                        + observedAt
                        + " was already accepted into "
                        + type.name(),
                payload,
                position,
                ingestedAt,
                type.entity().type(),
                entityId,
                observedAt);
    }
}
