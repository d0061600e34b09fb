package org.citylake.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.rows.CleanTable;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.CityRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Deduplicate} in Flink's keyed operator test harness, against a real embedded lake (the
 * operator reads the committed readings of {@code clean.traffic_flow} when it opens): what it
 * emits, what it dead-letters, the seen times it keeps per sensor, that it registers no timers, and
 * that a snapshot restored into a new operator (also at a higher parallelism) still knows every
 * sensor's readings.
 *
 * <p>Readings are named {@code sensor@minute}: {@code a@5} is sensor {@code a} observed at {@link
 * #T0} + 5 min, its event time.
 */
class DeduplicateTest {

    private static final CleanTable TRAFFIC = CleanTable.defined("TrafficFlowObserved");
    private static final String CITY = "aarhus";
    private static final Instant T0 = Instant.parse("2025-03-30T08:00:00Z");
    private static final Instant INGESTED = Instant.parse("2025-03-30T09:00:00Z");

    /** Default settings but a one-hour deduplication horizon behind a sensor's newest reading. */
    private static final IngestSettings SETTINGS =
            new IngestSettings(
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    1,
                    CityRegistry.empty(),
                    org.citylake.model.feed.FeedCatalog.builtIn());

    /**
     * The state's name and serializer as the operator registers them; part of the checkpoint
     * format, so a rename must fail here rather than silently lose state on restore.
     */
    private static final ValueStateDescriptor<SeenTimes> SEEN_TIMES =
            new ValueStateDescriptor<>("seen-times", SeenTimesSerializer.INSTANCE);

    private static final int MAX_PARALLELISM = 128;

    @TempDir Path lakeDir;

    private LakeConfig lake;

    @BeforeEach
    void createLake() throws Exception {
        lake = LakeConfig.embedded(lakeDir);
        try (Lake open = Lake.open(lake)) {
            open.init();
        }
    }

    @Test
    void theFirstReadingOfASensorAndTimePassesRepeatsAreDeadLettered() throws Exception {
        try (Harness harness = harness(1, 0)) {
            harness.open();
            harness.send("a", 0, "f:1");
            harness.send("a", 5, "f:2");
            harness.send("b", 0, "f:3");
            harness.send("a", 0, "f:4");
            harness.send("b", 0, "f:5");
            harness.send("a", 10, "f:6");

            assertThat(harness.passed())
                    .containsExactly(
                            new Passed("a", 0, "f:1", false),
                            new Passed("a", 5, "f:2", false),
                            new Passed("b", 0, "f:3", false),
                            new Passed("a", 10, "f:6", false));
            assertThat(harness.duplicates())
                    .containsExactly(new Duplicate("a", 0, "f:4"), new Duplicate("b", 0, "f:5"));
            // One state entry per sensor, holding that sensor's accepted times.
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(harness.seenMinutes("a")).containsExactly(0L, 5L, 10L);
            assertThat(harness.seenMinutes("b")).containsExactly(0L);
            // State is bounded by the horizon as readings arrive, not by timers.
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aDuplicateKeepsItsOwnPayloadAndPositionInTheDeadLetter() throws Exception {
        try (Harness harness = harness(1, 0)) {
            harness.open();
            harness.send("a", 5, "f:1");
            harness.send("a", 5, "f:9");

            assertThat(harness.duplicateRows()).hasSize(1);
            RowData dead = harness.duplicateRows().get(0);
            assertThat(deadLetter(dead, "reason")).isEqualTo("DUPLICATE");
            assertThat(deadLetter(dead, "feed")).isEqualTo("traffic");
            assertThat(deadLetter(dead, TableRegistry.CITY)).isEqualTo(CITY);
            assertThat(deadLetter(dead, TableRegistry.PAYLOAD)).isEqualTo(payload("a", 5, "f:9"));
            assertThat(deadLetter(dead, TableRegistry.SOURCE_POSITION)).isEqualTo("f:9");
            assertThat(deadLetter(dead, TableRegistry.ENTITY_ID)).isEqualTo(entityId("a"));
            assertThat(deadLetter(dead, "entity_type")).isEqualTo("TrafficFlowObserved");
            assertThat(dead.getTimestamp(deadLetterIndex(TableRegistry.OBSERVED_AT), 6).toInstant())
                    .isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertThat(deadLetter(dead, "detail"))
                    .contains(entityId("a"), "already accepted", "clean.traffic_flow");
        }
    }

    @Test
    void readingsBehindTheirCitysWatermarkPassFlaggedLateAndAreStillDeduplicated()
            throws Exception {
        try (Harness harness = harness(1, 0)) {
            harness.open();
            // the city's watermark: its newest reading (08:20) minus the 5 minutes allowed
            harness.send("a", 20, "f:1");
            harness.send("b", 5, "f:2"); // 08:05 < 08:15: late, though b itself is new
            harness.send("a", 15, "f:3"); // 08:15 = 08:15: on time
            harness.send("b", 5, "f:4"); // late and a repeat
            // Flink's own watermark plays no part: the city's clock decides
            harness.processWatermark(T0.plus(Duration.ofMinutes(30)).toEpochMilli());
            harness.send("b", 16, "f:5"); // 08:16 ≥ 08:15: on time

            assertThat(harness.passed())
                    .containsExactly(
                            new Passed("a", 20, "f:1", false),
                            new Passed("b", 5, "f:2", true),
                            new Passed("a", 15, "f:3", false),
                            new Passed("b", 16, "f:5", false));
            assertThat(harness.duplicates()).containsExactly(new Duplicate("b", 5, "f:4"));
            assertThat(harness.seenMinutes("a")).containsExactly(15L, 20L);
            assertThat(harness.seenMinutes("b")).containsExactly(5L, 16L);
        }
    }

    @Test
    void readingsBeyondTheHorizonPassUncheckedAndAreNotRemembered() throws Exception {
        try (Harness harness = harness(1, 0)) {
            harness.open();
            harness.send("a", 120, "f:1");
            harness.send("a", 30, "f:2"); // 90 min behind the newest, horizon 60: unchecked
            harness.send("a", 30, "f:3"); // so its repeat passes too
            harness.send("a", 60, "f:4"); // exactly 60 min behind: within the horizon
            harness.send("a", 60, "f:5");

            assertThat(harness.passed())
                    .containsExactly(
                            new Passed("a", 120, "f:1", false),
                            // far behind the city's newest reading: late as well
                            new Passed("a", 30, "f:2", true),
                            new Passed("a", 30, "f:3", true),
                            new Passed("a", 60, "f:4", true));
            assertThat(harness.duplicates()).containsExactly(new Duplicate("a", 60, "f:5"));
            assertThat(harness.seenMinutes("a")).containsExactly(60L, 120L);
        }
    }

    @Test
    void aRestoredOperatorStillKnowsWhatEachSensorHasSeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (Harness before = harness(1, 0)) {
            before.open();
            before.send("a", 0, "f:1");
            before.send("a", 5, "f:2");
            before.send("b", 0, "f:3");
            snapshot = before.snapshot(1L, T0.toEpochMilli());
        }

        try (Harness after = harness(1, 0)) {
            after.setup();
            after.initializeState(snapshot);
            after.open();
            assertThat(after.numKeyedStateEntries()).isEqualTo(2);
            assertThat(after.seenMinutes("a")).as("a's times, restored").containsExactly(0L, 5L);
            assertThat(after.seenMinutes("b")).as("b's times, restored").containsExactly(0L);

            after.send("a", 5, "f:2"); // replayed after the restore
            after.send("b", 0, "f:3");
            after.send("a", 10, "f:4"); // new readings
            after.send("c", 0, "f:5");

            assertThat(after.passed())
                    .containsExactly(
                            new Passed("a", 10, "f:4", false),
                            // 08:00, behind the city's 08:10 by more than 5 minutes: late
                            new Passed("c", 0, "f:5", true));
            assertThat(after.duplicates())
                    .as("duplicates after the restore")
                    .containsExactly(new Duplicate("a", 5, "f:2"), new Duplicate("b", 0, "f:3"));
            assertThat(after.seenMinutes("a")).containsExactly(0L, 5L, 10L);
            assertThat(after.numKeyedStateEntries()).isEqualTo(3);
        }
    }

    @Test
    void stateRestoredAtAHigherParallelismFollowsItsSensors() throws Exception {
        List<String> sensors = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9");
        OperatorSubtaskState snapshot;
        try (Harness single = harness(1, 0)) {
            single.open();
            for (String sensor : sensors) {
                single.send(sensor, 0, "f:" + sensor);
            }
            snapshot = single.snapshot(1L, T0.toEpochMilli());
        }

        int entries = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            try (Harness part = harness(2, subtask)) {
                part.setup();
                part.initializeState(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                snapshot, MAX_PARALLELISM, 1, 2, subtask));
                part.open();
                List<String> mine = new ArrayList<>();
                for (String sensor : sensors) {
                    if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    SensorKey.of(CITY, entityId(sensor)), MAX_PARALLELISM, 2)
                            == subtask) {
                        mine.add(sensor);
                        part.send(sensor, 0, "replay");
                        part.send(sensor, 5, "new");
                    }
                }
                assertThat(mine).as("sensors of subtask %d", subtask).isNotEmpty();
                assertThat(part.numKeyedStateEntries()).isEqualTo(mine.size());
                assertThat(part.duplicates())
                        .as("replays recognised by subtask %d after the restore", subtask)
                        .extracting(Duplicate::sensor)
                        .containsExactlyElementsOf(mine);
                assertThat(part.passed())
                        .extracting(Passed::sensor)
                        .containsExactlyElementsOf(mine);
                assertThat(part.passed()).extracting(Passed::minute).containsOnly(5);
                entries += part.numKeyedStateEntries();
            }
        }
        assertThat(entries).as("every sensor's state went to one subtask").isEqualTo(10);
    }

    @Test
    void aNewOperatorRecognisesReadingsTheLakeAlreadyHolds() throws Exception {
        try (Lake open = Lake.open(lake)) {
            Table clean = open.table(TRAFFIC.name());
            RefTableWriter.append(
                    clean, List.of(committed(clean, "a", 0), committed(clean, "a", 5)));
        }
        try (Harness harness = harness(1, 0)) {
            harness.open();
            assertThat(harness.numKeyedStateEntries()).isZero(); // seeded on a sensor's first use
            harness.send("a", 5, "f:1"); // in the lake already
            harness.send("a", 10, "f:2");
            harness.send("b", 0, "f:3"); // another sensor, nothing committed

            assertThat(harness.passed())
                    .containsExactly(
                            new Passed("a", 10, "f:2", false),
                            // 08:00, behind the city's 08:10 by more than 5 minutes: late
                            new Passed("b", 0, "f:3", true));
            assertThat(harness.duplicates()).containsExactly(new Duplicate("a", 5, "f:1"));
            assertThat(harness.seenMinutes("a")).containsExactly(0L, 5L, 10L);
        }
    }

    // --- fixtures ---------------------------------------------------------------------------

    private Harness harness(int parallelism, int subtask) throws Exception {
        return new Harness(lake, parallelism, subtask);
    }

    /** The operator in Flink's keyed harness, spoken to in {@code sensor@minute} readings. */
    private static final class Harness
            extends KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple2<RowData, byte[]>, RowData> {

        Harness(LakeConfig lake, int parallelism, int subtask) throws Exception {
            super(
                    new KeyedProcessOperator<>(
                            new Deduplicate(TRAFFIC, SETTINGS, Lake.catalogLoader(lake))),
                    Deduplicate.keySelector(TRAFFIC),
                    Types.STRING,
                    MAX_PARALLELISM,
                    parallelism,
                    subtask);
        }

        /**
         * Sends {@code sensor@minute} with its event time, as the workflow's timestamp assigner.
         */
        void send(String sensor, int minute, String position) throws Exception {
            processElement(reading(sensor, minute, position), at(minute).toEpochMilli());
        }

        /** What the operator let through, in order. */
        List<Passed> passed() {
            List<Passed> out = new ArrayList<>();
            for (RowData row : extractOutputValues()) {
                out.add(
                        new Passed(
                                row.getString(clean("segment_id")).toString(),
                                minuteOf(row.getTimestamp(clean(TableRegistry.OBSERVED_AT), 6)),
                                row.getString(clean(TableRegistry.SOURCE_POSITION)).toString(),
                                row.getBoolean(clean(TableRegistry.IS_LATE))));
            }
            return out;
        }

        /** What the operator dead-lettered as duplicates, in order. */
        List<Duplicate> duplicates() {
            List<Duplicate> out = new ArrayList<>();
            for (RowData row : duplicateRows()) {
                out.add(
                        new Duplicate(
                                deadLetter(row, TableRegistry.ENTITY_ID)
                                        .substring(entityId("").length()),
                                minuteOf(
                                        row.getTimestamp(
                                                deadLetterIndex(TableRegistry.OBSERVED_AT), 6)),
                                deadLetter(row, TableRegistry.SOURCE_POSITION)));
            }
            return out;
        }

        List<RowData> duplicateRows() {
            Queue<StreamRecord<RowData>> side = getSideOutput(Deduplicate.DUPLICATES);
            List<RowData> rows = new ArrayList<>();
            if (side != null) {
                side.forEach(record -> rows.add(record.getValue()));
            }
            return rows;
        }

        /** The minutes (after {@link #T0}) the state holds for {@code sensor}, in order. */
        List<Long> seenMinutes(String sensor) throws Exception {
            KeyedStateBackend<String> backend = getOperator().getKeyedStateBackend();
            backend.setCurrentKey(SensorKey.of(CITY, entityId(sensor)));
            ValueState<SeenTimes> state =
                    backend.getPartitionedState(
                            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, SEEN_TIMES);
            SeenTimes times = state.value();
            List<Long> minutes = new ArrayList<>();
            if (times != null) {
                long t0 = SensorKey.micros(T0);
                for (int i = 0; i < times.size(); i++) {
                    minutes.add((times.get(i) - t0) / 60_000_000L);
                }
            }
            return minutes;
        }
    }

    /** A clean row as the parser emits it ({@code is_late} false), with its message payload. */
    private static Tuple2<RowData, byte[]> reading(String sensor, int minute, String position) {
        GenericRowData row = new GenericRowData(TRAFFIC.schema().columns().size());
        row.setField(clean(TableRegistry.CITY), StringData.fromString(CITY));
        row.setField(clean(TableRegistry.ENTITY_ID), StringData.fromString(entityId(sensor)));
        row.setField(clean(TableRegistry.OBSERVED_AT), TimestampData.fromInstant(at(minute)));
        row.setField(clean("segment_id"), StringData.fromString(sensor));
        row.setField(clean("intensity"), (long) minute);
        row.setField(clean(TableRegistry.IS_LATE), false);
        row.setField(clean(TableRegistry.SOURCE_POSITION), StringData.fromString(position));
        row.setField(clean(TableRegistry.INGESTED_AT), TimestampData.fromInstant(INGESTED));
        return Tuple2.of(
                row,
                payload(sensor, minute, position)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A row of {@code sensor@minute} as an earlier job committed it to the clean table. */
    private static Record committed(Table table, String sensor, int minute) {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField(TableRegistry.CITY, CITY);
        record.setField(TableRegistry.ENTITY_ID, entityId(sensor));
        record.setField(
                TableRegistry.OBSERVED_AT, OffsetDateTime.ofInstant(at(minute), ZoneOffset.UTC));
        record.setField("segment_id", sensor);
        record.setField(TableRegistry.IS_LATE, false);
        record.setField(TableRegistry.SOURCE_POSITION, "earlier:" + minute);
        record.setField(
                TableRegistry.INGESTED_AT, OffsetDateTime.ofInstant(INGESTED, ZoneOffset.UTC));
        return record;
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static String entityId(String sensor) {
        return "urn:ngsi-ld:TrafficFlowObserved:" + sensor;
    }

    private static String payload(String sensor, int minute, String position) {
        return "{\"id\":\""
                + entityId(sensor)
                + "\",\"minute\":"
                + minute
                + ",\"at\":\""
                + position
                + "\"}";
    }

    private static int clean(String column) {
        return TRAFFIC.index(column);
    }

    /** A reading the operator let through: sensor, minute, position, late flag. */
    record Passed(String sensor, int minute, String position, boolean late) {}

    /** A reading the operator dead-lettered as a duplicate. */
    record Duplicate(String sensor, int minute, String position) {}

    private static int minuteOf(TimestampData t) {
        return (int) Duration.between(T0, t.toInstant()).toMinutes();
    }

    private static String deadLetter(RowData row, String column) {
        return row.getString(deadLetterIndex(column)).toString();
    }

    private static int deadLetterIndex(String column) {
        var columns = LakeRows.schema(TableRegistry.DEAD_LETTER).columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no dead-letter column " + column);
    }
}
