package org.citylake.lakehouse;

import java.util.Map;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;

/**
 * Iceberg's JDBC catalog, with its JDBC driver registered from the class loader that loaded
 * CityLake. On a Flink cluster the driver sits in the job jar, which the JVM's {@code
 * DriverManager} does not scan: without this, opening the catalog in the JobManager (the Iceberg
 * source's split planning) fails with "No suitable driver".
 *
 * <p>Every catalog of one JVM opened with the same properties shares one connection pool and, on
 * S3, one FileIO ({@link SharedCatalogResources}).
 */
public class LakeJdbcCatalog extends JdbcCatalog {

    /** The Hadoop configuration Flink's loader sets, and the leases this catalog took. */
    private final Leases leases;

    public LakeJdbcCatalog() {
        this(new Leases());
    }

    private LakeJdbcCatalog(Leases leases) {
        super(
                properties -> leases.io = SharedCatalogResources.io(properties, leases.conf),
                properties -> leases.pool = SharedCatalogResources.pool(properties),
                true);
        this.leases = leases;
    }

    @Override
    public void setConf(Object conf) {
        super.setConf(conf);
        leases.conf = conf;
    }

    @Override
    public void initialize(String name, Map<String, String> properties) {
        registerDriver(properties.getOrDefault("uri", ""));
        try {
            super.initialize(name, properties);
        } catch (RuntimeException e) {
            // e.g. the database is down: return what was leased, or it stays open for good
            leases.returnAll();
            throw e;
        }
    }

    /** The connection pool this catalog runs on (a lease on the shared one). */
    JdbcClientPool pool() {
        return leases.pool;
    }

    /** The FileIO of this catalog's tables. */
    FileIO io() {
        return leases.io;
    }

    private static final class Leases {
        Object conf;
        FileIO io;
        JdbcClientPool pool;

        void returnAll() {
            if (pool != null) {
                pool.close();
            }
            if (io != null) {
                io.close();
            }
        }
    }

    private static void registerDriver(String uri) {
        String driver =
                uri.startsWith("jdbc:sqlite:")
                        ? "org.sqlite.JDBC"
                        : uri.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
        if (driver == null) {
            return;
        }
        try {
            // Loading the class runs its static initializer, which registers it.
            Class.forName(driver, true, LakeJdbcCatalog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the JDBC driver " + driver + " for " + uri + " is not on the class path", e);
        }
    }
}
