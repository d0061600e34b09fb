package org.citylake.lakehouse.config;

import java.util.List;

/**
 * Every configuration key of the lake, with its environment variable and default. Keys are
 * kebab-case under {@code citylake.}; the environment variable is the key upper-cased with dots and
 * dashes turned into underscores ({@code citylake.data-dir} → {@code CITYLAKE_DATA_DIR}).
 */
public final class LakeOptions {

    /** A configuration key: name, default (null = none / derived) and what it means. */
    public record Option(String key, String defaultValue, String description) {
        public String envVar() {
            return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    public static final Option PROFILE =
            new Option("citylake.profile", "embedded", "embedded (no servers) or stack");
    public static final Option DATA_DIR =
            new Option(
                    "citylake.data-dir",
                    "var",
                    "local state: embedded catalog and warehouse, checkpoints, converted feeds");
    public static final Option CONFIG_FILE =
            new Option(
                    "citylake.config",
                    null,
                    "properties file with any of these keys (default: <data-dir>/citylake.properties if present)");
    public static final Option CATALOG_NAME =
            new Option(
                    "citylake.catalog-name",
                    "citylake",
                    "Iceberg catalog name; Trino's iceberg.jdbc-catalog.catalog-name must match");
    public static final Option CATALOG_URI =
            new Option(
                    "citylake.catalog.uri",
                    null,
                    "JDBC URL of the catalog (embedded: jdbc:sqlite:<data-dir>/catalog.db)");
    public static final Option CATALOG_USER =
            new Option("citylake.catalog.user", null, "catalog database user (stack)");
    public static final Option CATALOG_PASSWORD =
            new Option("citylake.catalog.password", null, "catalog database password (stack)");
    public static final Option WAREHOUSE =
            new Option(
                    "citylake.warehouse",
                    null,
                    "warehouse location (embedded: file:<data-dir>/warehouse; stack: s3://citylake/warehouse)");
    public static final Option S3_ENDPOINT =
            new Option("citylake.s3.endpoint", null, "S3 endpoint URL (stack)");
    public static final Option S3_ACCESS_KEY =
            new Option("citylake.s3.access-key", null, "S3 access key id (stack)");
    public static final Option S3_SECRET_KEY =
            new Option("citylake.s3.secret-key", null, "S3 secret access key (stack)");
    public static final Option S3_REGION =
            new Option("citylake.s3.region", "us-east-1", "S3 region");

    public static final Option STACK_DIR =
            new Option(
                    "citylake.stack.dir",
                    null,
                    "state of the local stack: server data, logs, PID files, generated credentials"
                            + " (default <data-dir>/stack)");
    public static final Option STACK_CACHE =
            new Option(
                    "citylake.stack.cache",
                    null,
                    "unpacked server distributions, shared by data dirs (default ~/.cache/citylake)");
    public static final Option POSTGRES_PORT =
            new Option("citylake.stack.postgres-port", "15432", "PostgreSQL catalog port");
    public static final Option S3_PORT =
            new Option("citylake.stack.s3-port", "19000", "S3Proxy port");
    public static final Option KAFKA_PORT =
            new Option(
                    "citylake.stack.kafka-port",
                    "19092",
                    "Kafka broker port (the KRaft controller uses the next one)");
    public static final Option TRINO_PORT =
            new Option("citylake.stack.trino-port", "18443", "Trino HTTPS port");
    public static final Option FLINK_PORT =
            new Option("citylake.stack.flink-port", "18081", "Flink cluster REST port");
    public static final Option FLINK_REST =
            new Option(
                    "citylake.flink.rest",
                    null,
                    "REST address of a Flink cluster for ingest --cluster (stack: http://127.0.0.1:<flink-port>)");
    public static final Option TEMURIN_25 =
            new Option(
                    "citylake.stack.trino-java-home",
                    "/usr/lib/jvm/temurin-25-jdk-amd64",
                    "JDK 22+ to run Trino on");
    public static final Option KAFKA_BOOTSTRAP =
            new Option(
                    "citylake.kafka.bootstrap-servers",
                    null,
                    "Kafka bootstrap servers (stack: 127.0.0.1:<kafka-port>)");
    public static final Option TRINO_URL =
            new Option("citylake.trino.url", null, "Trino JDBC URL (stack)");
    public static final Option TRINO_USER =
            new Option("citylake.trino.user", null, "Trino user for citylake sql (stack)");
    public static final Option TRINO_PASSWORD =
            new Option("citylake.trino.password", null, "Trino password (stack)");

    public static final List<Option> ALL =
            List.of(
                    PROFILE,
                    DATA_DIR,
                    CONFIG_FILE,
                    CATALOG_NAME,
                    CATALOG_URI,
                    CATALOG_USER,
                    CATALOG_PASSWORD,
                    WAREHOUSE,
                    S3_ENDPOINT,
                    S3_ACCESS_KEY,
                    S3_SECRET_KEY,
                    S3_REGION,
                    STACK_DIR,
                    STACK_CACHE,
                    POSTGRES_PORT,
                    S3_PORT,
                    KAFKA_PORT,
                    TRINO_PORT,
                    FLINK_PORT,
                    FLINK_REST,
                    TEMURIN_25,
                    KAFKA_BOOTSTRAP,
                    TRINO_URL,
                    TRINO_USER,
                    TRINO_PASSWORD);

    private LakeOptions() {}
}
