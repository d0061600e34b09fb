package org.citylake.lakehouse.sink;

import org.apache.flink.api.common.functions.MapFunction;

/** Names the table a writer's files belong to. */
final class TagTable implements MapFunction<WrittenFiles, TableFiles> {

    private final String table;

    TagTable(String table) {
        this.table = table;
    }

    @Override
    public TableFiles map(WrittenFiles files) {
        return new TableFiles(table, files.writeResult);
    }
}
