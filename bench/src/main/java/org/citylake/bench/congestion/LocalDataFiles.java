package org.citylake.bench.congestion;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A table's current data files as local paths, from Iceberg scan planning: the embedded profile's
 * warehouse is a local directory, so DuckDB can read them directly.
 */
final class LocalDataFiles {

    private LocalDataFiles() {}

    /** Fails on delete files (the data files alone would not be the table's rows). */
    static List<Path> of(Table table) throws Exception {
        List<Path> paths = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                if (!task.deletes().isEmpty()) {
                    throw new IllegalStateException(
                            table.name()
                                    + " has delete files: reading its data files alone would not"
                                    + " give the table's rows");
                }
                paths.add(local(task.file().location()));
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException(table.name() + " has no data files");
        }
        return paths;
    }

    static Path local(String location) {
        Path path =
                location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (!path.isAbsolute() || !Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    "data file "
                            + location
                            + " is not a local file: run the bench on the embedded profile");
        }
        return path;
    }

    /** {@code read_parquet([...])} over the files. */
    static String readParquet(List<Path> paths) {
        List<String> quoted = new ArrayList<>();
        for (Path p : paths) {
            quoted.add(CongestionSql.quote(p.toString()));
        }
        return "read_parquet([" + String.join(", ", quoted) + "])";
    }
}
