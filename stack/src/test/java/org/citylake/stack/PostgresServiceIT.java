package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.config.LakeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServiceIT {

    @TempDir Path dataDir;

    @Test
    void startsIdempotentlyServesTheCatalogRoleAndStopsItsOwnProcess() throws Exception {
        StackContext context = TestStacks.context(dataDir);
        PostgresService postgres = new PostgresService(context);
        StackLog log = StackLog.to(System.err);
        postgres.install(log);
        long pid = -1;
        try {
            postgres.start(log);
            assertThat(postgres.pid()).isPresent();
            pid = postgres.pid().getAsLong();
            assertThat(postgres.health().up()).as(postgres.health().detail()).isTrue();

            // Second start while running: no new server, same PID.
            postgres.start(log);
            assertThat(postgres.pid()).hasValue(pid);

            Map<String, String> settings = postgres.clientSettings();
            assertThat(settings.get(LakeOptions.CATALOG_URI.key()))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/citylake");
            try (Connection c = connect(settings);
                    Statement statement = c.createStatement()) {
                // The catalog role owns its database, so the Iceberg catalog can create tables.
                statement.execute("create table probe(x int, note text)");
                statement.execute("insert into probe values (42, 'written before the restart')");
            }
            // TCP needs the password: a wrong one is refused.
            assertThatThrownBy(
                            () ->
                                    DriverManager.getConnection(
                                                    settings.get(LakeOptions.CATALOG_URI.key()),
                                                    "citylake",
                                                    "wrong")
                                            .close())
                    .hasMessageContaining("password authentication failed");
        } finally {
            postgres.stop(log);
        }
        assertThat(TestStacks.gone(pid)).isTrue();
        assertThat(postgres.pid()).isEmpty();
        assertThat(postgres.health().up()).isFalse();

        // Restart on the existing cluster: a new postmaster, the same data (no initdb again).
        long restarted = -1;
        try {
            postgres.start(log);
            restarted = postgres.pid().orElseThrow();
            assertThat(restarted).isNotEqualTo(pid);
            assertThat(postgres.health().up()).as(postgres.health().detail()).isTrue();
            try (Connection c = connect(postgres.clientSettings())) {
                assertThat(publicTables(c)).as("tables after the restart").contains("probe");
                assertThat(rows(c, "select x, note from probe"))
                        .as("rows of probe after the restart")
                        .containsExactly("42|written before the restart");
            }
        } finally {
            postgres.stop(log);
        }
        assertThat(TestStacks.gone(restarted)).isTrue();
    }

    private static Connection connect(Map<String, String> settings) throws SQLException {
        return DriverManager.getConnection(
                settings.get(LakeOptions.CATALOG_URI.key()),
                settings.get(LakeOptions.CATALOG_USER.key()),
                settings.get(LakeOptions.CATALOG_PASSWORD.key()));
    }

    private static List<String> publicTables(Connection c) throws SQLException {
        return rows(
                c,
                "select table_name from information_schema.tables where table_schema = 'public'");
    }

    /** Each row as its columns joined by '|'. */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    @Test
    void aTakenPortGivesAClearError() throws Exception {
        StackContext context = TestStacks.context(dataDir);
        PostgresService postgres = new PostgresService(context);
        try (ServerSocket taken =
                new ServerSocket(postgres.port(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> postgres.start(StackLog.quiet()))
                    .hasMessageContaining("port " + postgres.port())
                    .hasMessageContaining("postgres")
                    .hasMessageContaining(LakeOptions.POSTGRES_PORT.key());
        }
        assertThat(postgres.pid()).isEmpty();
    }
}
