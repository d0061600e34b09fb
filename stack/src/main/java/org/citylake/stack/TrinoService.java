package org.citylake.stack;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.iceberg.catalog.Catalog;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.lakehouse.io.FileTrees;

/**
 * Trino 476 (on a JDK 22+) over the Iceberg JDBC catalog in PostgreSQL and the S3Proxy warehouse:
 * HTTPS only with a self-signed certificate, file-based passwords (bcrypt), groups and access
 * rules. Installed once into {@code <cache>/trino-476}; configuration under {@code
 * <stack-dir>/trino/etc}.
 */
public final class TrinoService extends SingleProcessService implements Stack.ClientSettings {

    public static final String NAME = "trino";
    public static final String VERSION = "476";
    public static final String SERVER = "io.trino:trino-server-core:" + VERSION + ":tar.gz";
    public static final String ICEBERG_PLUGIN = "io.trino:trino-iceberg:" + VERSION + ":zip";

    /** Users of the password file; each password is the secret {@code trino.<user>.password}. */
    public static final List<String> USERS = List.of("admin", "analyst", "planner", "buyer_test");

    public static final String SHARED_SECRET = "trino.shared-secret";
    public static final String KEYSTORE_PASSWORD = "trino.keystore-password";
    public static final String TRUSTSTORE_PASSWORD = "trino.truststore-password";
    private static final int MIN_JAVA = 22;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    // SIGTERM lets Trino shut down gracefully; the launcher's JVM is this PID or its child.
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String accessRules;
    private final Path etcDir;
    private final Path dataDir;
    private final Path keystore;
    private final Path truststore;

    /**
     * @param accessRules the file-based access control rules (JSON) Trino enforces; the product's
     *     policy comes from the serving module, the stack only installs it
     */
    public TrinoService(StackContext context, String accessRules) {
        super(context, NAME, "Trino", LakeOptions.TRINO_PORT, START_TIMEOUT, STOP_GRACE);
        this.accessRules = accessRules;
        this.etcDir = dir.resolve("etc");
        this.dataDir = dir.resolve("data");
        this.keystore = dir.resolve("keystore.p12");
        this.truststore = dir.resolve("truststore.p12");
    }

    public static String passwordSecret(String user) {
        return "trino." + user + ".password";
    }

    /** The truststore clients use to verify the server's self-signed certificate. */
    public Path truststore() {
        return truststore;
    }

    /** JDBC URL of this Trino over HTTPS, verifying the certificate with the stack truststore. */
    public String jdbcUrl() throws IOException {
        return "jdbc:trino://127.0.0.1:"
                + port()
                + "/iceberg?SSL=true&SSLTrustStorePath="
                + truststore
                + "&SSLTrustStorePassword="
                + context.secrets().get(TRUSTSTORE_PASSWORD)
                + "&SSLTrustStoreType=PKCS12";
    }

    @Override
    public Map<String, String> clientSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(LakeOptions.TRINO_URL.key(), jdbcUrl());
        settings.put(LakeOptions.TRINO_USER.key(), "admin");
        settings.put(
                LakeOptions.TRINO_PASSWORD.key(), context.secrets().get(passwordSecret("admin")));
        return settings;
    }

    private Path installDir() {
        return context.cacheDir().resolve("trino-" + VERSION);
    }

    private Path javaHome() {
        return Path.of(context.config().get(LakeOptions.TEMURIN_25));
    }

    /** Trino 476 refuses to start below Java 22: fail early, naming the setting to change. */
    private void checkJava() throws IOException, InterruptedException {
        Path java = javaHome().resolve("bin").resolve("java");
        String fix =
                "; set "
                        + LakeOptions.TEMURIN_25.key()
                        + " (environment "
                        + LakeOptions.TEMURIN_25.envVar()
                        + ") to the home of a JDK "
                        + MIN_JAVA
                        + "+ (e.g. Temurin 25)";
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException(
                    "Trino "
                            + VERSION
                            + " needs Java "
                            + MIN_JAVA
                            + "+ but "
                            + java
                            + " is missing"
                            + fix);
        }
        String output =
                Commands.run(
                        List.of(java.toString(), "-version"),
                        dir.getParent() != null && Files.isDirectory(dir.getParent())
                                ? dir.getParent()
                                : Path.of(System.getProperty("java.io.tmpdir")),
                        Map.of(),
                        null,
                        Duration.ofSeconds(30),
                        java + " -version");
        Matcher m = Pattern.compile("version \"(\\d+)").matcher(output);
        int major = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (major < MIN_JAVA) {
            throw new IllegalStateException(
                    "Trino "
                            + VERSION
                            + " needs Java "
                            + MIN_JAVA
                            + "+ but "
                            + java
                            + " is version "
                            + (major < 0 ? "unknown" : Integer.toString(major))
                            + fix);
        }
    }

    @Override
    public void install(StackLog log) throws Exception {
        checkJava();
        Path target = installDir();
        if (Files.isRegularFile(target.resolve("bin/launcher"))
                && Files.isDirectory(target.resolve("plugin/iceberg"))) {
            return;
        }
        Path downloads = context.cacheDir().resolve("trino-downloads");
        Path server = context.maven().fetch(SERVER, downloads);
        Path plugin = context.maven().fetch(ICEBERG_PLUGIN, downloads);
        // Unpack beside the target and rename at the end: a half-unpacked install never counts.
        Path tmp =
                target.resolveSibling(
                        target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        FileTrees.delete(tmp);
        Files.createDirectories(tmp.resolve("plugin"));
        log.info("unpacking Trino " + VERSION + " into " + target);
        Commands.run(
                List.of(
                        "tar",
                        "-xzf",
                        server.toString(),
                        "--strip-components=1",
                        "-C",
                        tmp.toString()),
                tmp,
                Map.of(),
                null,
                Duration.ofMinutes(10),
                "unpacking " + server);
        Path unzipDir = tmp.resolve("plugin-unzip");
        Commands.run(
                List.of("unzip", "-q", plugin.toString(), "-d", unzipDir.toString()),
                tmp,
                Map.of(),
                null,
                Duration.ofMinutes(10),
                "unpacking " + plugin);
        Files.move(
                unzipDir.resolve("trino-iceberg-" + VERSION),
                tmp.resolve("plugin").resolve("iceberg"));
        Files.delete(unzipDir);
        FileTrees.delete(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        // The archives are in the local Maven repository too; do not keep a third copy.
        Files.deleteIfExists(server);
        Files.deleteIfExists(plugin);
    }

    @Override
    void launch(StackLog log) throws Exception {
        install(log);
        createCatalogTables();
        configure(port());
        Files.createDirectories(dataDir);
        process.start(
                List.of(
                        installDir().resolve("bin/launcher").toString(),
                        "--etc-dir=" + etcDir,
                        "--data-dir=" + dataDir,
                        "run"),
                Map.of("JAVA_HOME", javaHome().toString()),
                dir);
    }

    /**
     * Trino's JDBC catalog does not create the catalog tables and fails on an empty database; the
     * Iceberg Java catalog does, so open it once before Trino starts.
     */
    private void createCatalogTables() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(LakeOptions.PROFILE.key(), "stack");
        settings.putAll(PostgresService.clientSettings(context));
        settings.putAll(S3ProxyService.clientSettings(context));
        LakeConfig config = context.config().with(settings);
        Catalog catalog = Lake.catalogLoader(config).loadCatalog();
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private void configure(int port) throws Exception {
        Files.createDirectories(etcDir.resolve("catalog"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        ensureCertificates();

        write(
                "node.properties",
                props(
                        "node.environment", "citylake",
                        "node.id", "citylake-stack",
                        "node.data-dir", dataDir.toString(),
                        // Without it the node announces a non-loopback address and memory polling
                        // fails.
                        "node.internal-address", "127.0.0.1",
                        // Listen on loopback only (airlift binds every interface by default).
                        "node.bind-ip", "127.0.0.1"));
        Files.writeString(
                etcDir.resolve("jvm.config"),
                String.join(
                                "\n",
                                "-server",
                                "-Xmx3G",
                                "-XX:+UseG1GC",
                                "-XX:G1HeapRegionSize=32M",
                                "-XX:ActiveProcessorCount=2",
                                "-XX:+ExplicitGCInvokesConcurrent",
                                "-XX:+ExitOnOutOfMemoryError",
                                "-XX:-OmitStackTraceInFastThrow",
                                "-XX:ReservedCodeCacheSize=256M",
                                "-XX:+EnableDynamicAgentLoading",
                                "-Djdk.attach.allowAttachSelf=true",
                                "-Dfile.encoding=UTF-8")
                        + "\n",
                StandardCharsets.UTF_8);
        write(
                "config.properties",
                props(
                        "coordinator",
                        "true",
                        "node-scheduler.include-coordinator",
                        "true",
                        "query.max-memory",
                        "2GB",
                        "query.max-memory-per-node",
                        "2GB",
                        "task.concurrency",
                        "2",
                        // the exchange audits buyers' queries from system.runtime.queries
                        "query.max-history",
                        "2000",
                        // Passwords only travel over TLS: no plain HTTP listener at all.
                        "http-server.http.enabled",
                        "false",
                        "http-server.https.enabled",
                        "true",
                        "http-server.https.port",
                        Integer.toString(port),
                        "http-server.https.keystore.path",
                        keystore.toString(),
                        "http-server.https.keystore.key",
                        context.secrets().get(KEYSTORE_PASSWORD),
                        "internal-communication.https.required",
                        "true",
                        // The internal client must trust the self-signed server certificate.
                        "internal-communication.https.keystore.path",
                        keystore.toString(),
                        "internal-communication.https.keystore.key",
                        context.secrets().get(KEYSTORE_PASSWORD),
                        "internal-communication.https.truststore.path",
                        truststore.toString(),
                        "internal-communication.https.truststore.key",
                        context.secrets().get(TRUSTSTORE_PASSWORD),
                        "internal-communication.shared-secret",
                        context.secrets().get(SHARED_SECRET),
                        "discovery.uri",
                        "https://127.0.0.1:" + port,
                        "http-server.authentication.type",
                        "PASSWORD"));

        StringBuilder passwords = new StringBuilder();
        for (String user : USERS) {
            char[] password = context.secrets().get(passwordSecret(user)).toCharArray();
            passwords
                    .append(user)
                    .append(':')
                    .append(BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(10, password))
                    .append('\n');
        }
        writeText("password.db", passwords.toString());
        write(
                "password-authenticator.properties",
                props(
                        "password-authenticator.name",
                        "file",
                        "file.password-file",
                        etcDir.resolve("password.db").toString()));
        writeText("group.db", "admin:admin\nanalyst:analyst\nplanner:planner\n");
        write(
                "group-provider.properties",
                props(
                        "group-provider.name",
                        "file",
                        "file.group-file",
                        etcDir.resolve("group.db").toString()));
        writeText("rules.json", accessRules);
        write(
                "access-control.properties",
                props(
                        "access-control.name", "file",
                        "security.config-file", etcDir.resolve("rules.json").toString(),
                        "security.refresh-period", "30s"));

        Map<String, String> pg = PostgresService.clientSettings(context);
        Map<String, String> s3 = S3ProxyService.clientSettings(context);
        write(
                "catalog/iceberg.properties",
                props(
                        "connector.name", "iceberg",
                        "iceberg.catalog.type", "jdbc",
                        // Rows of the JDBC catalog are keyed by this name: it must be the name the
                        // Java writers use.
                        "iceberg.jdbc-catalog.catalog-name", context.config().catalogName(),
                        "iceberg.jdbc-catalog.driver-class", "org.postgresql.Driver",
                        "iceberg.jdbc-catalog.connection-url",
                                pg.get(LakeOptions.CATALOG_URI.key()),
                        "iceberg.jdbc-catalog.connection-user",
                                pg.get(LakeOptions.CATALOG_USER.key()),
                        "iceberg.jdbc-catalog.connection-password",
                                pg.get(LakeOptions.CATALOG_PASSWORD.key()),
                        "iceberg.jdbc-catalog.default-warehouse-dir",
                                s3.get(LakeOptions.WAREHOUSE.key()),
                        "fs.native-s3.enabled", "true",
                        "s3.endpoint", s3.get(LakeOptions.S3_ENDPOINT.key()),
                        "s3.path-style-access", "true",
                        "s3.region", S3ProxyService.REGION,
                        "s3.aws-access-key", s3.get(LakeOptions.S3_ACCESS_KEY.key()),
                        "s3.aws-secret-key", s3.get(LakeOptions.S3_SECRET_KEY.key())));
    }

    /** A self-signed server certificate for 127.0.0.1/localhost, and a truststore holding it. */
    private void ensureCertificates() throws Exception {
        if (Files.isRegularFile(keystore) && Files.isRegularFile(truststore)) {
            return;
        }
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(truststore);
        String keytool = Commands.javaHomeBin("keytool").toString();
        String storePass = context.secrets().get(KEYSTORE_PASSWORD);
        String trustPass = context.secrets().get(TRUSTSTORE_PASSWORD);
        Path cert = dir.resolve("trino.crt");
        // Passwords go through the environment, not the command line (visible in ps).
        Map<String, String> env = Map.of("CL_STORE_PASS", storePass, "CL_TRUST_PASS", trustPass);
        Commands.run(
                List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "trino",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "3650",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass:env",
                        "CL_STORE_PASS",
                        "-keypass:env",
                        "CL_STORE_PASS"),
                dir,
                env,
                null,
                Duration.ofMinutes(1),
                "keytool -genkeypair for " + keystore);
        Commands.run(
                List.of(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "trino",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass:env",
                        "CL_STORE_PASS",
                        "-file",
                        cert.toString()),
                dir,
                env,
                null,
                Duration.ofMinutes(1),
                "keytool -exportcert from " + keystore);
        Commands.run(
                List.of(
                        keytool,
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "trino",
                        "-file",
                        cert.toString(),
                        "-keystore",
                        truststore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass:env",
                        "CL_TRUST_PASS"),
                dir,
                env,
                null,
                Duration.ofMinutes(1),
                "keytool -importcert into " + truststore);
        Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
    }

    private static Properties props(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private void write(String name, Properties props) throws IOException {
        Path file = etcDir.resolve(name);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // Several of these files hold passwords: owner-only like everything under etc.
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            props.store(writer, "written by citylake stack up; regenerated on every start");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeText(String name, String text) throws IOException {
        Path file = etcDir.resolve(name);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(
                tmp,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The health query: answered once the scheduler has an active node. */
    static final String SCHEDULABLE_NODES =
            "SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'";

    @Override
    public Health health() {
        if (!Files.isRegularFile(truststore)) {
            return Health.down("no truststore at " + truststore + " (never started)");
        }
        try {
            String info = info();
            if (!info.replace(" ", "").contains("\"starting\":false")) {
                return Health.down("starting: /v1/info says " + info);
            }
        } catch (Exception e) {
            return Health.down(
                    "/v1/info over HTTPS: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        // Not SELECT 1: the coordinator answers that itself, also while its scheduler has no
        // node yet. A scan of a system table needs an active node. It does not prove that the
        // Iceberg catalog has one: Trino rebuilds its per-catalog node map every 5 s, so a catalog
        // scan may still fail with "No nodes available to run query" for up to 5 s after this
        // passes; TrinoClient sends such a statement again.
        try (Connection connection =
                        DriverManager.getConnection(
                                jdbcUrl(),
                                "admin",
                                context.secrets().get(passwordSecret("admin")));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SCHEDULABLE_NODES)) {
            rs.next();
            int nodes = rs.getInt(1);
            if (nodes < 1) {
                return Health.down("no active node yet in system.runtime.nodes");
            }
            return Health.up(
                    nodes + " active node(s), queried as admin over https://127.0.0.1:" + port());
        } catch (SQLException | IOException e) {
            return Health.down("JDBC query of system.runtime.nodes as admin: " + e.getMessage());
        }
    }

    private String info() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trust.load(in, context.secrets().get(TRUSTSTORE_PASSWORD).toCharArray());
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient client =
                HttpClient.newBuilder()
                        .sslContext(ssl)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create("https://127.0.0.1:" + port() + "/v1/info"))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
