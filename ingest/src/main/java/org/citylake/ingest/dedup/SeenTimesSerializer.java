package org.citylake.ingest.dedup;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Writes a {@link SeenTimes} as its count and its times. */
public final class SeenTimesSerializer extends TypeSerializerSingleton<SeenTimes> {

    public static final SeenTimesSerializer INSTANCE = new SeenTimesSerializer();

    @Override
    public boolean isImmutableType() {
        // Mutable: the heap state backend copies it before a running snapshot could see a change.
        return false;
    }

    @Override
    public SeenTimes createInstance() {
        return new SeenTimes();
    }

    @Override
    public SeenTimes copy(SeenTimes from) {
        return from.copy();
    }

    @Override
    public SeenTimes copy(SeenTimes from, SeenTimes reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeenTimes record, DataOutputView target) throws IOException {
        int n = record.size();
        target.writeInt(n);
        for (int i = 0; i < n; i++) {
            target.writeLong(record.get(i));
        }
    }

    @Override
    public SeenTimes deserialize(DataInputView source) throws IOException {
        int n = source.readInt();
        long[] times = new long[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            times[i] = source.readLong();
        }
        return new SeenTimes(times, n);
    }

    @Override
    public SeenTimes deserialize(SeenTimes reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        target.writeInt(n);
        target.write(source, n * Long.BYTES);
    }

    @Override
    public TypeSerializerSnapshot<SeenTimes> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Stateless serializer: the snapshot only names the class. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenTimes> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
