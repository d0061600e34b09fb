package org.citylake.lakehouse.sink;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.RowDataWrapper;

/**
 * A row's Iceberg partition as a path ({@code city=aarhus/local_date=2014-08-18}): keying a batch
 * writer by it sends each partition to one writer subtask, so a run writes one file per partition
 * rather than one per partition and subtask.
 */
final class PartitionPath implements KeySelector<RowData, String> {

    private final Schema schema;
    private final PartitionSpec spec;
    private transient RowDataWrapper wrapper;
    private transient PartitionKey key;

    PartitionPath(Schema schema, PartitionSpec spec) {
        this.schema = schema;
        this.spec = spec;
    }

    @Override
    public String getKey(RowData row) {
        if (key == null) {
            wrapper = new RowDataWrapper(FlinkSchemaUtil.convert(schema), schema.asStruct());
            key = new PartitionKey(spec, schema);
        }
        key.partition(wrapper.wrap(row));
        return spec.isUnpartitioned() ? "" : spec.partitionToPath(key);
    }
}
