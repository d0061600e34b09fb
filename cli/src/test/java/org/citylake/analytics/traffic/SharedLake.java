package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.sink.SnapshotSummary;

/**
 * The lake a test class builds once (ingest is the expensive part) and its tests only read. A test
 * that changes data works on its own {@link #copyTo copy}; {@link #assertUnchanged} checks, after
 * the class, that no test wrote to the shared lake, so the tests hold in any order.
 *
 * <p>A copy is a new lake ({@code citylake lakehouse init}) holding a copy of every data file of
 * each table's current snapshot, appended in one commit that carries the table's ingest watermark:
 * the copy shares no file with the original (Iceberg metadata names files by absolute path, so
 * copying the directory would not do).
 */
public final class SharedLake {

    private final CliLake lake;
    private final Map<String, Long> sealed;

    private SharedLake(CliLake lake) {
        this.lake = lake;
        this.sealed = snapshots(lake);
    }

    /** The lake as it is now: the state tests may only read from here on. */
    public static SharedLake seal(CliLake lake) {
        return new SharedLake(lake);
    }

    public CliLake lake() {
        return lake;
    }

    /** Fails when a table's current snapshot is no longer the one it had when sealed. */
    public void assertUnchanged() {
        assertThat(snapshots(lake)).as("the shared lake's snapshots").isEqualTo(sealed);
    }

    /** A lake under {@code dir} with the same rows in every table, independent of this one. */
    public CliLake copyTo(Path dir) {
        CliLake copy = new CliLake(dir);
        copy.cli("lakehouse", "init");
        try (Lake from = Lake.open(lake.config());
                Lake to = Lake.open(copy.config())) {
            for (TableIdentifier id : tables(from)) {
                Table target = to.catalog().loadTable(id);
                assertThat(Path.of(URI.create(target.location()).getPath()))
                        .as("location of %s in the copy", id)
                        .startsWith(copy.lakeDir());
                copyTable(from.catalog().loadTable(id), target);
            }
        } catch (Exception e) {
            throw new IllegalStateException("copying " + lake.lakeDir() + " to " + dir, e);
        }
        assertThat(records(copy)).as("rows per table of the copy").isEqualTo(records(lake));
        return copy;
    }

    private static void copyTable(Table from, Table to) throws IOException {
        if (from.currentSnapshot() == null) {
            return;
        }
        assertThat(to.schema().sameSchema(from.schema())).as("schema of %s", to.name()).isTrue();
        assertThat(to.spec().fields())
                .as("partitioning of %s", to.name())
                .isEqualTo(from.spec().fields());
        String fromRoot = URI.create(from.location()).getPath() + "/";
        AppendFiles append = to.newAppend();
        try (CloseableIterable<FileScanTask> tasks = from.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                assertThat(task.deletes()).as("delete files of %s", from.name()).isEmpty();
                DataFile file = task.file();
                String path = URI.create(file.location()).getPath();
                assertThat(path).as("a data file of %s", from.name()).startsWith(fromRoot);
                String target = to.location() + "/" + path.substring(fromRoot.length());
                try (InputStream in = from.io().newInputFile(file.location()).newStream();
                        OutputStream out = to.io().newOutputFile(target).create()) {
                    in.transferTo(out);
                }
                append.appendFile(DataFiles.builder(to.spec()).copy(file).withPath(target).build());
            }
        }
        // what ingest recorded for readers asking whether a period is complete
        SnapshotSummary.latestWatermark(from)
                .ifPresent(w -> append.set(SnapshotSummary.WATERMARK, w.toString()));
        append.commit();
    }

    private static List<TableIdentifier> tables(Lake lake) {
        List<TableIdentifier> out = new ArrayList<>();
        for (Namespace ns : ((SupportsNamespaces) lake.catalog()).listNamespaces()) {
            out.addAll(lake.catalog().listTables(ns));
        }
        return out;
    }

    /** Table → current snapshot id (0 without one). */
    private static Map<String, Long> snapshots(CliLake lake) {
        return perTable(lake, s -> s.snapshotId());
    }

    /** Table → rows of its current snapshot. */
    private static Map<String, Long> records(CliLake lake) {
        return perTable(lake, s -> Long.parseLong(s.summary().get("total-records")));
    }

    private static Map<String, Long> perTable(
            CliLake lake, java.util.function.ToLongFunction<Snapshot> f) {
        Map<String, Long> out = new TreeMap<>();
        try (Lake open = Lake.open(lake.config())) {
            for (TableIdentifier id : tables(open)) {
                Snapshot s = open.catalog().loadTable(id).currentSnapshot();
                out.put(id.toString(), s == null ? 0L : f.applyAsLong(s));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
