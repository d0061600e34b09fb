package org.citylake.lakehouse.sink;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.RowDataWrapper;

/**
 * A hash of a row's Iceberg partition values: routing a batch writer's input by it sends each
 * partition to one writer subtask, so a run writes one file per partition rather than one per
 * partition and subtask. A hash rather than the partition's path: building the path string
 * (formatted, URL-escaped) for every row cost more than writing the row. Two partitions that share
 * a hash merely share a writer.
 */
final class PartitionHash implements KeySelector<RowData, Long> {

    private final Schema schema;
    private final PartitionSpec spec;
    private transient RowDataWrapper wrapper;
    private transient PartitionKey key;

    PartitionHash(Schema schema, PartitionSpec spec) {
        this.schema = schema;
        this.spec = spec;
    }

    @Override
    public Long getKey(RowData row) {
        if (key == null) {
            wrapper = new RowDataWrapper(FlinkSchemaUtil.convert(schema), schema.asStruct());
            key = new PartitionKey(spec, schema);
        }
        key.partition(wrapper.wrap(row));
        // Values are strings, integers (days, hours) and longs: their hash codes are the same in
        // every JVM, as routing across TaskManagers needs.
        long h = 1;
        for (int i = 0; i < key.size(); i++) {
            Object value = key.get(i, Object.class);
            h = 31 * h + (value == null ? 0 : value.hashCode());
        }
        return h;
    }

    /** Spreads the hashes over the writer subtasks. */
    static final class ToWriter implements Partitioner<Long> {
        @Override
        public int partition(Long hash, int writers) {
            long h = hash * 0x9E3779B97F4A7C15L;
            return (int) Math.floorMod(h ^ (h >>> 32), (long) writers);
        }
    }
}
