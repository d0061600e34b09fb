package org.citylake.lakehouse.sink;

/**
 * Data files one writer subtask of a batch run finished for one table, on their way to the driver
 * that commits them ({@link BatchOverwrite}). A Flink POJO: public fields and a no-arg constructor
 * keep serialization off Kryo.
 */
public class TableFiles {
    /** The table the files belong to, e.g. {@code gold.segment_congestion}. */
    public String table;

    /** Java-serialized {@link org.apache.iceberg.io.WriteResult}. */
    public byte[] writeResult;

    public TableFiles() {}

    public TableFiles(String table, byte[] writeResult) {
        this.table = table;
        this.writeResult = writeResult;
    }
}
