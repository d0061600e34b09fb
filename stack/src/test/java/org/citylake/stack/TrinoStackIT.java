package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.serving.TrinoAccessRules;
import org.citylake.serving.TrinoClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL + S3Proxy + Trino on free ports: tables from Java, SQL and access rules via Trino. */
class TrinoStackIT {

    @TempDir Path dataDir;

    @Test
    void trinoServesTheJavaCatalogWithPasswordsAndAccessRules() throws Exception {
        StackContext context = TestStacks.context(dataDir);
        StackLog log = StackLog.to(System.err);
        TrinoService trino = new TrinoService(context, TrinoAccessRules.json());
        Stack stack =
                new Stack(
                        context,
                        List.of(new PostgresService(context), new S3ProxyService(context), trino));
        List<Long> pids = new ArrayList<>();
        try {
            stack.up(log);
            for (Service service : stack.services()) {
                pids.add(service.pid().orElseThrow());
                assertThat(service.health().up()).as(service.health().detail()).isTrue();
            }
            // A second up is a no-op: same processes.
            stack.up(StackLog.quiet());
            assertThat(stack.services().stream().map(s -> s.pid().orElseThrow()).toList())
                    .isEqualTo(pids);

            // The stack profile resolves from what `up` wrote: the Java catalog creates the tables.
            LakeConfig config =
                    LakeConfig.load(
                            Map.of(
                                    LakeOptions.PROFILE.key(),
                                    "stack",
                                    LakeOptions.DATA_DIR.key(),
                                    dataDir.toString()));
            try (Lake lake = Lake.open(config)) {
                assertThat(lake.init()).contains("clean.traffic_flow", "raw.traffic");
            }

            TrinoClient admin = TrinoClient.fromConfig(config);
            assertThat(admin.user()).isEqualTo("admin");
            TrinoClient.Result count =
                    admin.query("SELECT count(*) FROM iceberg.clean.traffic_flow");
            assertThat(count.rows()).containsExactly(List.of("0"));

            // Written through Trino into the S3 warehouse, read back by an analyst.
            admin.query(
                    "CREATE TABLE iceberg.clean.stack_probe AS"
                            + " SELECT * FROM (VALUES (1, 'north'), (2, 'south')) AS t(id, area)");
            TrinoClient analyst = as(admin, context, "analyst");
            TrinoClient.Result read =
                    analyst.query("SELECT id, area FROM iceberg.clean.stack_probe ORDER BY id");
            assertThat(read.header()).containsExactly("id", "area");
            assertThat(read.rows()).containsExactly(List.of("1", "north"), List.of("2", "south"));

            assertThatThrownBy(() -> analyst.query("SELECT count(*) FROM iceberg.raw.traffic"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access Denied");
            assertThatThrownBy(() -> analyst.query("DELETE FROM iceberg.clean.stack_probe"))
                    .hasMessageContaining("Access Denied");
            assertThatThrownBy(
                            () ->
                                    as(admin, context, "planner")
                                            .query("SELECT * FROM iceberg.clean.stack_probe"))
                    .hasMessageContaining("Access Denied");
            assertThatThrownBy(
                            () ->
                                    as(admin, context, "buyer_test")
                                            .query(
                                                    "SELECT count(*) FROM iceberg.clean.traffic_flow"))
                    .hasMessageContaining("Access Denied");
            assertThatThrownBy(() -> admin.as("admin", "not-the-password").query("SELECT 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Authentication failed");
        } finally {
            stack.down(log);
        }
        for (long pid : pids) {
            assertThat(TestStacks.gone(pid)).as("pid %d gone", pid).isTrue();
        }
        for (Service service : stack.services()) {
            assertThat(service.pid()).as(service.name()).isEmpty();
        }
    }

    private static TrinoClient as(TrinoClient admin, StackContext context, String user)
            throws Exception {
        return admin.as(user, context.secrets().get(TrinoService.passwordSecret(user)));
    }
}
