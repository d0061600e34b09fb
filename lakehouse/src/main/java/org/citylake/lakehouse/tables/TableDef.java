package org.citylake.lakehouse.tables;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Everything needed to create one table: name, schema (with column docs), partitioning, properties.
 */
public record TableDef(
        TableIdentifier id,
        Schema schema,
        PartitionSpec spec,
        Map<String, String> properties,
        String description) {

    public String name() {
        return id.toString();
    }
}
