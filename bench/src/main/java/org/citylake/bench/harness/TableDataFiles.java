package org.citylake.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A table's current data files as local paths, from Iceberg scan planning, for a peer engine
 * (DuckDB) to read the same Parquet files the lake's readers read.
 */
public final class TableDataFiles {

    private TableDataFiles() {}

    /**
     * @param toLocal maps a data file's location to the local file holding it; throws if none
     * @throws IllegalStateException on delete files (the data files alone would not be the table's
     *     rows) or when the table has no data file
     */
    public static List<Path> of(Table table, Function<String, Path> toLocal) throws Exception {
        List<Path> paths = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                if (!task.deletes().isEmpty()) {
                    throw new IllegalStateException(
                            table.name()
                                    + " has delete files: reading its data files alone would not"
                                    + " give the table's rows");
                }
                paths.add(toLocal.apply(task.file().location()));
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException(table.name() + " has no data files");
        }
        return paths;
    }

    /** DuckDB's {@code read_parquet([...])} over the files. */
    public static String readParquet(List<Path> paths) {
        List<String> quoted = new ArrayList<>();
        for (Path p : paths) {
            quoted.add("'" + p.toString().replace("'", "''") + "'");
        }
        return "read_parquet([" + String.join(", ", quoted) + "])";
    }
}
