package org.citylake.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * PostgreSQL holding the Iceberg JDBC catalog: a private cluster under {@code
 * <stack-dir>/postgres/data} of the Debian server binaries, on 127.0.0.1 only, with password
 * (SCRAM) authentication over TCP and the role and database {@code citylake}.
 */
public final class PostgresService extends SingleProcessService implements Stack.ClientSettings {

    public static final String NAME = "postgres";
    public static final String DATABASE = "citylake";
    public static final String ROLE = "citylake";
    public static final String PASSWORD_SECRET = "postgres.password";
    private static final String OS_USER = "postgres";
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path dataDir;

    public PostgresService(StackContext context) {
        super(context, NAME, "PostgreSQL", LakeOptions.POSTGRES_PORT, START_TIMEOUT, STOP_GRACE);
        this.dataDir = dir.resolve("data");
    }

    /** The catalog settings of a stack whose PostgreSQL runs from {@code context}. */
    public static Map<String, String> clientSettings(StackContext context) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                LakeOptions.CATALOG_URI.key(),
                "jdbc:postgresql://127.0.0.1:"
                        + context.port(LakeOptions.POSTGRES_PORT)
                        + "/"
                        + DATABASE);
        settings.put(LakeOptions.CATALOG_USER.key(), ROLE);
        settings.put(LakeOptions.CATALOG_PASSWORD.key(), context.secrets().get(PASSWORD_SECRET));
        return settings;
    }

    @Override
    public Map<String, String> clientSettings() throws IOException {
        return clientSettings(context);
    }

    @Override
    public void install(StackLog log) throws Exception {
        if (binDir().isPresent()) {
            return;
        }
        log.info(
                "PostgreSQL server binaries not found under "
                        + DEBIAN_ROOT
                        + "/*/bin; installing the Debian package 'postgresql' with apt-get");
        List<String> prefix = Commands.isRoot() ? List.of() : List.of("sudo");
        List<String> update = new ArrayList<>(prefix);
        update.addAll(List.of("apt-get", "update", "-q"));
        List<String> install = new ArrayList<>(prefix);
        install.addAll(List.of("apt-get", "install", "-y", "-q", "postgresql"));
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Commands.run(update, cwd, env, null, Duration.ofMinutes(5), "apt-get update");
            Commands.run(install, cwd, env, null, Duration.ofMinutes(10), "apt-get install");
        } catch (IOException e) {
            throw new IOException(
                    "could not install PostgreSQL (Debian package 'postgresql'); install it by hand"
                            + " (apt-get install postgresql) and run `citylake stack up` again: "
                            + e.getMessage(),
                    e);
        }
        if (binDir().isEmpty()) {
            throw new IOException(
                    "apt-get installed 'postgresql' but no "
                            + DEBIAN_ROOT
                            + "/*/bin/initdb exists");
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has initdb. */
    static Optional<Path> binDir() throws IOException {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_ROOT)) {
            for (Path version : versions) {
                if (Files.isExecutable(version.resolve("bin").resolve("initdb"))) {
                    found.add(version.resolve("bin"));
                }
            }
        }
        return found.stream()
                .max(
                        Comparator.comparingInt(
                                p -> {
                                    try {
                                        return Integer.parseInt(
                                                p.getParent().getFileName().toString());
                                    } catch (NumberFormatException e) {
                                        return -1;
                                    }
                                }));
    }

    private Path bin(String tool) throws IOException {
        return binDir().orElseThrow(
                        () ->
                                new IOException(
                                        "PostgreSQL binaries missing under "
                                                + DEBIAN_ROOT
                                                + "; run `citylake stack up` to install them"))
                .resolve(tool);
    }

    @Override
    void launch(StackLog log) throws Exception {
        int port = port();
        prepareDirectories(log);
        if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            log.info("initialising a PostgreSQL cluster in " + dataDir);
            // Trust only on the Unix socket, which lives in a directory only the postgres user
            // can enter; TCP needs the role's password.
            Commands.run(
                    Commands.asUser(
                            OS_USER,
                            List.of(
                                    bin("initdb").toString(),
                                    "-D",
                                    dataDir.toString(),
                                    "-U",
                                    "postgres",
                                    "--auth-local=trust",
                                    "--auth-host=scram-sha-256",
                                    "-E",
                                    "UTF8")),
                    dir,
                    Map.of(),
                    null,
                    Duration.ofMinutes(2),
                    "initdb of " + dataDir);
        }
        Commands.run(
                Commands.asUser(
                        OS_USER,
                        List.of(
                                bin("pg_ctl").toString(),
                                "-D",
                                dataDir.toString(),
                                "-o",
                                "-p "
                                        + port
                                        + " -k "
                                        + dir
                                        + " -c listen_addresses=127.0.0.1"
                                        + " -c password_encryption=scram-sha-256",
                                "-l",
                                process.logFile().toString(),
                                "-w",
                                "-t",
                                "60",
                                "start")),
                dir,
                Map.of(),
                null,
                Duration.ofSeconds(90),
                "pg_ctl start of " + dataDir + " (log " + process.logFile() + ")");
        // pg_ctl daemonises: the postmaster's PID is the first line of postmaster.pid.
        long pid =
                Long.parseLong(
                        Files.readAllLines(
                                        dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                                .get(0)
                                .trim());
        process.record(
                ProcessHandle.of(pid)
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "postmaster "
                                                        + pid
                                                        + " from "
                                                        + dataDir.resolve("postmaster.pid")
                                                        + " is not running; see "
                                                        + process.logFile())));
        createRoleAndDatabase(port);
    }

    /**
     * The service dir is owned by the postgres OS user when we run as root, and every parent must
     * be enterable by it (search permission only, no listing) or initdb and the server fail.
     */
    private void prepareDirectories(StackLog log) throws IOException {
        Files.createDirectories(dir);
        if (!Commands.isRoot()) {
            return;
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(p, PosixFileAttributeView.class);
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                view.setPermissions(perms);
                log.info("made " + p + " enterable (o+x) for the postgres OS user");
            }
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        var owner = users.lookupPrincipalByName(OS_USER);
        var group = users.lookupPrincipalByGroupName(OS_USER);
        Files.createDirectories(dataDir);
        for (Path p : List.of(dir, dataDir)) {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(p, PosixFileAttributeView.class);
            view.setOwner(owner);
            view.setGroup(group);
        }
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private void createRoleAndDatabase(int port) throws Exception {
        String password = context.secrets().get(PASSWORD_SECRET);
        // Sent on stdin so the password never shows in the process list; idempotent.
        String sql =
                "DO $$ BEGIN\n"
                        + "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                        + ROLE
                        + "') THEN CREATE ROLE "
                        + ROLE
                        + " LOGIN; END IF;\n"
                        + "END $$;\n"
                        + "ALTER ROLE "
                        + ROLE
                        + " WITH LOGIN PASSWORD '"
                        + password.replace("'", "''")
                        + "';\n"
                        + "SELECT 'CREATE DATABASE "
                        + DATABASE
                        + " OWNER "
                        + ROLE
                        + "' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '"
                        + DATABASE
                        + "')\\gexec\n";
        Commands.run(
                Commands.asUser(
                        OS_USER,
                        List.of(
                                bin("psql").toString(),
                                "-X",
                                "-q",
                                "-v",
                                "ON_ERROR_STOP=1",
                                "-h",
                                dir.toString(),
                                "-p",
                                Integer.toString(port),
                                "-U",
                                "postgres",
                                "-d",
                                "postgres")),
                dir,
                Map.of(),
                sql,
                Duration.ofSeconds(60),
                "creating role and database " + DATABASE);
    }

    @Override
    public Health health() {
        Properties props = new Properties();
        try {
            props.setProperty("user", ROLE);
            props.setProperty("password", context.secrets().get(PASSWORD_SECRET));
        } catch (IOException e) {
            return Health.down("cannot read the generated password: " + e.getMessage());
        }
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "5");
        String url = "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
        try (Connection connection = DriverManager.getConnection(url, props);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select 1")) {
            rs.next();
            return Health.up("select " + rs.getInt(1) + " as " + ROLE + " on " + url.substring(5));
        } catch (SQLException e) {
            return Health.down(e.getMessage());
        }
    }

    @Override
    public void stop(StackLog log) throws Exception {
        Optional<ProcessHandle> handle = process.handle();
        if (handle.isEmpty()) {
            process.stop(Duration.ZERO); // drops a stale PID file
            return;
        }
        try {
            Commands.run(
                    Commands.asUser(
                            OS_USER,
                            List.of(
                                    bin("pg_ctl").toString(),
                                    "-D",
                                    dataDir.toString(),
                                    "-m",
                                    "fast",
                                    "-w",
                                    "-t",
                                    "60",
                                    "stop")),
                    dir,
                    Map.of(),
                    null,
                    Duration.ofSeconds(90),
                    "pg_ctl stop of " + dataDir);
        } catch (IOException e) {
            log.info(e.getMessage() + "; stopping postmaster " + handle.get().pid() + " by signal");
        }
        // Verify by PID; SIGTERM (smart shutdown) then SIGKILL only if pg_ctl did not end it.
        process.stop(stopGrace());
        log.info(NAME + " stopped (pid " + handle.get().pid() + ")");
    }
}
