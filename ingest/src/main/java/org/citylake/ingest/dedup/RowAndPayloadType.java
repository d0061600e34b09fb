package org.citylake.ingest.dedup;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

/**
 * The type of what parse sends to dedup: a clean row and the payload it came from (for the rare
 * duplicate, dead-lettered verbatim). Its wire format is the {@code Tuple2} one, but its serializer
 * creates each received pair with {@code new}: Flink's tuple serializer instantiates every
 * deserialised tuple reflectively through {@code Class.newInstance}, whose caller check walks the
 * stack once per record (about 2 % of the ingest job's task threads in a profile).
 */
public final class RowAndPayloadType extends TypeInformation<Tuple2<RowData, byte[]>> {

    private static final long serialVersionUID = 1L;

    private final InternalTypeInfo<RowData> row;

    public RowAndPayloadType(InternalTypeInfo<RowData> row) {
        this.row = Objects.requireNonNull(row, "row type");
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 2;
    }

    @Override
    public int getTotalFields() {
        return 2;
    }

    @SuppressWarnings("unchecked")
    @Override
    public Class<Tuple2<RowData, byte[]>> getTypeClass() {
        return (Class<Tuple2<RowData, byte[]>>) (Class<?>) Tuple2.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Tuple2<RowData, byte[]>> createSerializer(SerializerConfig config) {
        return new Serializer(
                new TypeSerializer<?>[] {
                    row.createSerializer(config),
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO.createSerializer(config)
                });
    }

    @Override
    public String toString() {
        return "RowAndPayload<" + row + ", byte[]>";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowAndPayloadType other && row.equals(other.row);
    }

    @Override
    public int hashCode() {
        return row.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RowAndPayloadType;
    }

    /** The tuple serializer with its instances made by {@code new}. */
    static final class Serializer extends TupleSerializer<Tuple2<RowData, byte[]>> {

        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer(TypeSerializer<?>[] fields) {
            super((Class) Tuple2.class, fields);
        }

        @Override
        public Serializer duplicate() {
            TypeSerializer<?>[] fields = new TypeSerializer<?>[arity];
            for (int i = 0; i < arity; i++) {
                fields[i] = fieldSerializers[i].duplicate();
            }
            return new Serializer(fields);
        }

        @Override
        public Tuple2<RowData, byte[]> createInstance() {
            return new Tuple2<>();
        }

        @Override
        public Tuple2<RowData, byte[]> createInstance(Object[] fields) {
            return new Tuple2<>((RowData) fields[0], (byte[]) fields[1]);
        }

        @Override
        public Tuple2<RowData, byte[]> copy(Tuple2<RowData, byte[]> from) {
            return new Tuple2<>(
                    (RowData) fieldSerializers[0].copy(from.f0),
                    (byte[]) fieldSerializers[1].copy(from.f1));
        }

        @Override
        public Tuple2<RowData, byte[]> deserialize(DataInputView source) throws IOException {
            RowData row = (RowData) fieldSerializers[0].deserialize(source);
            byte[] payload = (byte[]) fieldSerializers[1].deserialize(source);
            return new Tuple2<>(row, payload);
        }
    }
}
