package org.citylake.lakehouse.sink;

/**
 * Data files one writer subtask finished for one checkpoint, on their way to the committer. A Flink
 * POJO: public fields and a no-arg constructor keep serialization off Kryo.
 */
public class WrittenFiles {
    /** Checkpoint the files belong to; {@link Long#MAX_VALUE} for the end of a bounded input. */
    public long checkpointId;

    /** Largest record timestamp the writer saw so far, or {@link Long#MIN_VALUE}. */
    public long maxEventTime;

    /** Java-serialized {@link org.apache.iceberg.io.WriteResult}. */
    public byte[] writeResult;

    /**
     * Cities whose rows (with an event time) the writer has written so far, and the largest event
     * time of each, epoch milliseconds, at the same index.
     */
    public String[] cities = new String[0];

    public long[] cityMaxEventTimes = new long[0];

    public WrittenFiles() {}

    public WrittenFiles(long checkpointId, long maxEventTime, byte[] writeResult) {
        this.checkpointId = checkpointId;
        this.maxEventTime = maxEventTime;
        this.writeResult = writeResult;
    }
}
