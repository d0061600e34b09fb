package org.citylake.lakehouse.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Everything needed to create one table: name, schema (with column docs), partitioning, properties;
 * and the columns renamed since earlier versions ({@code formerNames}: former name → current name),
 * which {@link TableRegistry#createAll} renames in place in an existing lake.
 */
public record TableDef(
        TableIdentifier id,
        Schema schema,
        PartitionSpec spec,
        Map<String, String> properties,
        String description,
        Map<String, String> formerNames) {

    public TableDef(
            TableIdentifier id,
            Schema schema,
            PartitionSpec spec,
            Map<String, String> properties,
            String description) {
        this(id, schema, spec, properties, description, Map.of());
    }

    public TableDef {
        formerNames = Map.copyOf(formerNames);
        formerNames.forEach(
                (former, current) -> {
                    if (schema.findField(current) == null) {
                        throw new IllegalArgumentException(
                                id + ": renamed column " + current + " is not in the schema");
                    }
                });
    }

    /** This definition, noting that column {@code current} was called {@code former} before. */
    public TableDef renamedFrom(String former, String current) {
        Map<String, String> renames = new LinkedHashMap<>(formerNames);
        renames.put(former, current);
        return new TableDef(id, schema, spec, properties, description, renames);
    }

    public String name() {
        return id.toString();
    }
}
