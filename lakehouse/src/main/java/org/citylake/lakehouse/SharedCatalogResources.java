package org.citylake.lakehouse;

import java.io.ObjectStreamException;
import java.io.Serial;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.ClientPool;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestListFile;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.DelegateFileIO;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * The expensive parts of a catalog, shared by every {@link LakeJdbcCatalog} of one JVM that opens
 * the same catalog: its JDBC connection pool and, on S3, its {@link FileIO} (one S3 client with one
 * HTTP connection pool).
 *
 * <p>A Flink job opens a catalog in every writer, committer, parse and dedup subtask: 13 at
 * parallelism 2 for one feed. Each used to bring its own database connections (a PostgreSQL backend
 * and a SCRAM handshake each) and its own S3 client. Now each catalog takes a lease on the shared
 * ones; the last lease returned closes them.
 *
 * <pre>
 *   LakeJdbcCatalog ─ lease ─┐
 *   LakeJdbcCatalog ─ lease ─┼─► one JdbcClientPool per (uri, user, pool settings)
 *   LakeJdbcCatalog ─ lease ─┘   one S3FileIO per catalog properties (HadoopFileIO stays per catalog)
 * </pre>
 *
 * A connection a database restart broke is replaced by the pool on its next use (Iceberg's
 * reconnect on a connection error), as it was with a pool per catalog.
 */
final class SharedCatalogResources {

    /** Connections of the shared pool when the catalog properties name no size. */
    static final int DEFAULT_POOL_SIZE = 4;

    private static final Map<Map<String, String>, Shared<JdbcClientPool>> POOLS = new HashMap<>();
    private static final Map<Map<String, String>, Shared<FileIO>> IOS = new HashMap<>();

    private SharedCatalogResources() {}

    /** A lease on the pool for these catalog properties; closing the lease returns it. */
    static JdbcClientPool pool(Map<String, String> properties) {
        Map<String, String> key = poolKey(properties);
        Shared<JdbcClientPool> shared =
                acquire(
                        POOLS,
                        key,
                        () ->
                                new JdbcClientPool(
                                        Integer.parseInt(
                                                properties.getOrDefault(
                                                        CatalogProperties.CLIENT_POOL_SIZE,
                                                        String.valueOf(DEFAULT_POOL_SIZE))),
                                        properties.get(CatalogProperties.URI),
                                        properties));
        return new PoolLease(properties, shared, new Lease(() -> release(POOLS, key, shared)));
    }

    /**
     * A lease on the S3 FileIO for these catalog properties; other FileIOs are made per catalog (a
     * local HadoopFileIO is cheap and needs the catalog's Hadoop configuration).
     */
    static FileIO io(Map<String, String> properties, Object hadoopConf) {
        String impl =
                properties.getOrDefault(
                        CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.hadoop.HadoopFileIO");
        if (!impl.equals("org.apache.iceberg.aws.s3.S3FileIO")) {
            return CatalogUtil.loadFileIO(impl, properties, hadoopConf);
        }
        Map<String, String> key = Map.copyOf(properties);
        Shared<FileIO> shared =
                acquire(IOS, key, () -> CatalogUtil.loadFileIO(impl, properties, hadoopConf));
        return new IoLease(shared.resource, new Lease(() -> release(IOS, key, shared)));
    }

    /** How many leases are out on the pool for these properties (0 when it is closed). */
    static synchronized int poolLeases(Map<String, String> properties) {
        Shared<JdbcClientPool> shared = POOLS.get(poolKey(properties));
        return shared == null ? 0 : shared.leases;
    }

    /** How many leases are out on the S3 FileIO for these properties (0 when it is closed). */
    static synchronized int ioLeases(Map<String, String> properties) {
        Shared<FileIO> shared = IOS.get(Map.copyOf(properties));
        return shared == null ? 0 : shared.leases;
    }

    /** What makes two pools interchangeable: where they connect, as whom, and how. */
    private static Map<String, String> poolKey(Map<String, String> properties) {
        Map<String, String> key = new HashMap<>();
        properties.forEach(
                (name, value) -> {
                    if (name.equals(CatalogProperties.URI)
                            || name.startsWith("jdbc.")
                            || name.startsWith("client.pool.")
                            || name.equals(CatalogProperties.CLIENT_POOL_SIZE)) {
                        key.put(name, value);
                    }
                });
        return Map.copyOf(key);
    }

    private static synchronized <T extends AutoCloseable> Shared<T> acquire(
            Map<Map<String, String>, Shared<T>> registry,
            Map<String, String> key,
            Supplier<T> create) {
        Shared<T> shared = registry.get(key);
        if (shared == null) {
            shared = new Shared<>(create.get());
            registry.put(key, shared);
        }
        shared.leases++;
        return shared;
    }

    private static <T extends AutoCloseable> void release(
            Map<Map<String, String>, Shared<T>> registry,
            Map<String, String> key,
            Shared<T> shared) {
        T toClose = null;
        synchronized (SharedCatalogResources.class) {
            shared.leases--;
            if (shared.leases == 0 && registry.get(key) == shared) {
                registry.remove(key);
                toClose = shared.resource;
            }
        }
        if (toClose != null) {
            try {
                toClose.close();
            } catch (Exception e) {
                // closing only releases connections; nothing is lost
            }
        }
    }

    /** One lease on a shared resource: returned at most once, however often it is closed. */
    private static final class Lease {
        private final Runnable release;
        private boolean returned;

        Lease(Runnable release) {
            this.release = release;
        }

        void giveBack() {
            synchronized (this) {
                if (returned) {
                    return;
                }
                returned = true;
            }
            release.run();
        }
    }

    private static final class Shared<T> {
        final T resource;
        int leases;

        Shared(T resource) {
            this.resource = resource;
        }
    }

    /**
     * A catalog's view of the shared pool: runs every action on it; closing returns the lease once.
     * Its own (inherited) pool is never used, so it never opens a connection.
     */
    static final class PoolLease extends JdbcClientPool {
        private final JdbcClientPool shared;
        private final Lease lease;

        PoolLease(Map<String, String> properties, Shared<JdbcClientPool> shared, Lease lease) {
            super(1, properties.get(CatalogProperties.URI), properties);
            this.shared = shared.resource;
            this.lease = lease;
        }

        JdbcClientPool shared() {
            return shared;
        }

        @Override
        public <R> R run(ClientPool.Action<R, Connection, SQLException> action)
                throws SQLException, InterruptedException {
            return shared.run(action);
        }

        @Override
        public <R> R run(ClientPool.Action<R, Connection, SQLException> action, boolean retry)
                throws SQLException, InterruptedException {
            return shared.run(action, retry);
        }

        @Override
        public void close() {
            lease.giveBack();
        }
    }

    /**
     * A catalog's view of the shared S3 FileIO. Serialised (a table shipped to a task), it becomes
     * the S3 FileIO itself, which opens its own client where it lands.
     */
    static final class IoLease implements DelegateFileIO {
        @Serial private static final long serialVersionUID = 1L;

        private final transient DelegateFileIO io;
        private final transient Lease lease;

        IoLease(FileIO io, Lease lease) {
            this.io = (DelegateFileIO) io;
            this.lease = lease;
        }

        FileIO shared() {
            return io;
        }

        @Serial
        private Object writeReplace() throws ObjectStreamException {
            return io;
        }

        @Override
        public InputFile newInputFile(String path) {
            return io.newInputFile(path);
        }

        @Override
        public InputFile newInputFile(String path, long length) {
            return io.newInputFile(path, length);
        }

        @Override
        public InputFile newInputFile(DataFile file) {
            return io.newInputFile(file);
        }

        @Override
        public InputFile newInputFile(DeleteFile file) {
            return io.newInputFile(file);
        }

        @Override
        public InputFile newInputFile(ManifestFile manifest) {
            return io.newInputFile(manifest);
        }

        @Override
        public InputFile newInputFile(ManifestListFile manifestList) {
            return io.newInputFile(manifestList);
        }

        @Override
        public OutputFile newOutputFile(String path) {
            return io.newOutputFile(path);
        }

        @Override
        public void deleteFile(String path) {
            io.deleteFile(path);
        }

        @Override
        public void deleteFile(InputFile file) {
            io.deleteFile(file);
        }

        @Override
        public void deleteFile(OutputFile file) {
            io.deleteFile(file);
        }

        @Override
        public void deleteFiles(Iterable<String> paths) throws BulkDeletionFailureException {
            io.deleteFiles(paths);
        }

        @Override
        public Iterable<FileInfo> listPrefix(String prefix) {
            return io.listPrefix(prefix);
        }

        @Override
        public void deletePrefix(String prefix) {
            io.deletePrefix(prefix);
        }

        @Override
        public Map<String, String> properties() {
            return io.properties();
        }

        @Override
        public void initialize(Map<String, String> properties) {
            // the shared FileIO was initialised when it was made
        }

        @Override
        public void close() {
            lease.giveBack();
        }
    }
}
