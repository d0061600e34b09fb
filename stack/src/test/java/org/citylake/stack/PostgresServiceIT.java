package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
            try (Connection c =
                    DriverManager.getConnection(
                            settings.get(LakeOptions.CATALOG_URI.key()),
                            settings.get(LakeOptions.CATALOG_USER.key()),
                            settings.get(LakeOptions.CATALOG_PASSWORD.key()))) {
                // The catalog role owns its database, so the Iceberg catalog can create tables.
                c.createStatement().execute("create table probe(x int)");
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

        // Restart on the existing cluster keeps the data (no initdb again).
        try {
            postgres.start(log);
            assertThat(postgres.health().up()).isTrue();
        } finally {
            postgres.stop(log);
        }
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
