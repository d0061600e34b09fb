package org.citylake.lakehouse;

import java.util.Map;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Iceberg's JDBC catalog, with its JDBC driver registered from the class loader that loaded
 * CityLake. On a Flink cluster the driver sits in the job jar, which the JVM's {@code
 * DriverManager} does not scan: without this, opening the catalog in the JobManager (the Iceberg
 * source's split planning) fails with "No suitable driver".
 */
public class LakeJdbcCatalog extends JdbcCatalog {

    @Override
    public void initialize(String name, Map<String, String> properties) {
        registerDriver(properties.getOrDefault("uri", ""));
        super.initialize(name, properties);
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
