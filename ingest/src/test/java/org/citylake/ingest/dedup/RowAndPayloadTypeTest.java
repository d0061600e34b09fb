package org.citylake.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.citylake.ingest.ParseAndValidate;
import org.citylake.ingest.rows.CleanTable;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;

/**
 * The pair parse sends to dedup keeps Flink's {@code Tuple2} wire format, byte for byte, so either
 * side may be Flink's own tuple serializer; only how a received pair is instantiated differs.
 */
class RowAndPayloadTypeTest {

    private static final CleanTable TRAFFIC = CleanTable.defined("TrafficFlowObserved");

    private final SerializerConfigImpl config = new SerializerConfigImpl();

    private final TypeSerializer<Tuple2<RowData, byte[]>> ours =
            new RowAndPayloadType(TRAFFIC.typeInfo()).createSerializer(config);

    @SuppressWarnings("unchecked")
    private final TypeSerializer<Tuple2<RowData, byte[]>> flinks =
            ((TypeInformation<Tuple2<RowData, byte[]>>)
                            (TypeInformation<?>)
                                    Types.TUPLE(
                                            TRAFFIC.typeInfo(),
                                            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO))
                    .createSerializer(config);

    @Test
    void writesTheBytesFlinksTupleSerializerWrites() throws Exception {
        Tuple2<RowData, byte[]> pair = pair("sensor-1", "{\"id\":\"sensor-1\",\"ü\":1}");
        assertThat(bytes(ours, pair)).isEqualTo(bytes(flinks, pair));
    }

    @Test
    void readsWhatFlinksTupleSerializerWrote() throws Exception {
        Tuple2<RowData, byte[]> pair = pair("sensor-2", "{\"id\":\"sensor-2\"}");
        Tuple2<RowData, byte[]> read =
                ours.deserialize(new DataInputDeserializer(bytes(flinks, pair)));
        assertThat(read.f1).isEqualTo(pair.f1);
        assertThat(read.f0.getString(TRAFFIC.index(TableRegistry.ENTITY_ID)).toString())
                .isEqualTo("urn:ngsi-ld:TrafficFlowObserved:sensor-2");
        assertThat(read.f0.getTimestamp(TRAFFIC.index(TableRegistry.OBSERVED_AT), 6).toInstant())
                .isEqualTo(Instant.parse("2025-03-30T08:15:00Z"));
        assertThat(read.f0.getLong(TRAFFIC.index("intensity"))).isEqualTo(17L);
    }

    @Test
    void roundTripsManyPairsThroughOneStream() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (int i = 0; i < 100; i++) {
            ours.serialize(pair("s" + i, "payload " + i), out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (int i = 0; i < 100; i++) {
            Tuple2<RowData, byte[]> read = ours.deserialize(in);
            assertThat(new String(read.f1, StandardCharsets.UTF_8)).isEqualTo("payload " + i);
            assertThat(read.f0.getString(TRAFFIC.index("segment_id")).toString())
                    .isEqualTo("s" + i);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void duplicatesAndCopiesAreIndependentAndEqual() {
        TypeSerializer<Tuple2<RowData, byte[]>> copy = ours.duplicate();
        assertThat(copy).isInstanceOf(RowAndPayloadType.Serializer.class).isNotSameAs(ours);
        assertThat(copy).isEqualTo(ours);
        Tuple2<RowData, byte[]> pair = pair("s", "p");
        Tuple2<RowData, byte[]> copied = ours.copy(pair);
        assertThat(copied).isNotSameAs(pair);
        assertThat(copied.f1).isEqualTo(pair.f1).isNotSameAs(pair.f1);
        assertThat(ours.createInstance()).isInstanceOf(Tuple2.class);
    }

    @Test
    void theCleanSideOutputCarriesThisType() {
        assertThat(ParseAndValidate.cleanTag(TRAFFIC).getTypeInfo())
                .isEqualTo(new RowAndPayloadType(TRAFFIC.typeInfo()));
    }

    private static byte[] bytes(
            TypeSerializer<Tuple2<RowData, byte[]>> serializer, Tuple2<RowData, byte[]> pair)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(pair, out);
        return out.getCopyOfBuffer();
    }

    private static Tuple2<RowData, byte[]> pair(String sensor, String payload) {
        GenericRowData row = new GenericRowData(TRAFFIC.schema().columns().size());
        row.setField(TRAFFIC.index(TableRegistry.CITY), StringData.fromString("aarhus"));
        row.setField(
                TRAFFIC.index(TableRegistry.ENTITY_ID),
                StringData.fromString("urn:ngsi-ld:TrafficFlowObserved:" + sensor));
        row.setField(
                TRAFFIC.index(TableRegistry.OBSERVED_AT),
                TimestampData.fromInstant(Instant.parse("2025-03-30T08:15:00Z")));
        row.setField(TRAFFIC.index("segment_id"), StringData.fromString(sensor));
        row.setField(TRAFFIC.index("intensity"), 17L);
        row.setField(TRAFFIC.index(TableRegistry.IS_LATE), false);
        row.setField(TRAFFIC.index(TableRegistry.SOURCE_POSITION), StringData.fromString("f:1"));
        row.setField(
                TRAFFIC.index(TableRegistry.INGESTED_AT),
                TimestampData.fromInstant(Instant.parse("2025-03-30T09:00:00Z")));
        return Tuple2.of(row, payload.getBytes(StandardCharsets.UTF_8));
    }
}
