package org.citylake.bench.congestion;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.citylake.bench.harness.TableDataFiles;

/**
 * A table's current data files as local paths, from Iceberg scan planning: the embedded profile's
 * warehouse is a local directory, so DuckDB can read them directly.
 */
final class LocalDataFiles {

    private LocalDataFiles() {}

    /** Fails on delete files (the data files alone would not be the table's rows). */
    static List<Path> of(Table table) throws Exception {
        return TableDataFiles.of(table, LocalDataFiles::local);
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
        return TableDataFiles.readParquet(paths);
    }
}
