package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.serving.AnalystViews;
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

            // Every analyst view is created over the registry's tables (gold ones too) and reads
            // them by their column names.
            assertThat(AnalystViews.create(admin))
                    .containsExactlyElementsOf(AnalystViews.VIEWS.keySet());
            admin.query(
                    "INSERT INTO iceberg.gold.congestion_ranking (city, period_kind, period_start,"
                            + " period_end, scope_kind, scope_id, scope_name, scope_rank, peak_tti,"
                            + " congestion_pct, band, delay_vehicle_hours, vehicles, vehicle_km,"
                            + " length_km, segments, peak_readings, outlier_readings,"
                            + " days_with_data) VALUES"
                            + " ('aarhus', 'day', DATE '2014-08-18', DATE '2014-08-19', 'segment',"
                            + " 'AAR_BT_0033', 'Søftenvej', 1, 3.7, 270.0, 'congested', 1.5, 550,"
                            + " 300.0, 0.55, 1, 24, 0, 1),"
                            + " ('aarhus', 'day', DATE '2014-08-18', DATE '2014-08-19', 'city',"
                            + " 'aarhus', 'Aarhus', 1, 1.22, 22.0, 'free', 900.0, 90000, 80000.0,"
                            + " 300.0, 449, 9000, 12, 1),"
                            + " ('beijing', 'day', DATE '2014-08-18', DATE '2014-08-19', 'city',"
                            + " 'beijing', 'Beijing', 1, 1.5, 50.0, 'slow', 9000.0, 900000,"
                            + " 800000.0, 3000.0, 4490, 90000, 120, 1)");
            TrinoClient planner = as(admin, context, "planner");
            TrinoClient.Result top =
                    planner.query(
                            "SELECT city, scope_kind, scope_rank FROM gold.v_congestion_top"
                                    + " WHERE period_kind = 'day' ORDER BY city, scope_kind DESC");
            assertThat(top.rows())
                    .containsExactly(
                            List.of("aarhus", "segment", "1"),
                            List.of("aarhus", "city", "1"),
                            List.of("beijing", "city", "1"));
            assertThat(
                            planner.query(
                                            "SELECT city_rank, city FROM"
                                                    + " gold.v_city_congestion_ranking"
                                                    + " WHERE period_kind = 'day' ORDER BY"
                                                    + " city_rank")
                                    .rows())
                    .containsExactly(List.of("1", "beijing"), List.of("2", "aarhus"));
            assertLightingViews(admin, as(admin, context, "planner"));
            for (String view : AnalystViews.VIEWS.keySet()) {
                assertThat(admin.query("SELECT * FROM " + view + " LIMIT 1").header())
                        .as(view)
                        .isNotEmpty();
            }

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

    /**
     * The lighting views over hand-made gold and ref rows: two January nights of a residential
     * cabinet (2 x 10 kWh on 0.5 km), its lamp's fault placed at the lamp, its meter 10 % over.
     */
    private static void assertLightingViews(TrinoClient admin, TrinoClient planner)
            throws Exception {
        admin.query(
                "INSERT INTO iceberg.gold.lighting_energy VALUES"
                        + " ('monaco', DATE '2025-01-15', 'road_class', 'residential', NULL, 10, 10,"
                        + " 960, 960, 9.0, 1.0, NULL, 0.5, 20.0, 120.0, 14.7, 10.29, 2.8),"
                        + " ('monaco', DATE '2025-01-16', 'road_class', 'residential', NULL, 10, 10,"
                        + " 960, 960, 10.0, 0.0, NULL, 0.5, 20.0, 120.0, 14.7, 10.29, 2.8),"
                        + " ('monaco', DATE '2025-01-15', 'cabinet', 'cab-1', NULL, 10, 9, 900, 960,"
                        + " 9.0, 1.0, 11.0, 0.5, 20.0, 120.0, 14.7, 10.29, 2.8)");
        admin.query(
                "INSERT INTO iceberg.ref.streetlights (city, id, segment_id, cabinet_id,"
                        + " rated_power_w, lon, lat) VALUES ('monaco', 'lamp-1', 'seg-1', 'cab-1',"
                        + " 70.0, 7.42, 43.74)");
        admin.query(
                "INSERT INTO iceberg.ref.lit_segments (city, id, name, road_class, length_m)"
                        + " VALUES ('monaco', 'seg-1', 'Rue A', 'residential', 500.0)");
        admin.query(
                "INSERT INTO iceberg.gold.lighting_faults (city, night, fault_type, entity_kind,"
                        + " entity_id, lamp_id, cabinet_id, readings_flagged, reports_seen,"
                        + " reports_expected, severity, detail) VALUES"
                        + " ('monaco', DATE '2025-01-15', 'DARK_AT_NIGHT', 'lamp', 'lamp-1',"
                        + " 'lamp-1', 'cab-1', 50, 96, 96, 'high', 'dark'),"
                        + " ('monaco', DATE '2025-01-15', 'METER_MISMATCH', 'cabinet', 'cab-1',"
                        + " NULL, 'cab-1', 95, 96, 96, 'medium', '+10 %')");
        assertThat(
                        planner.query(
                                        "SELECT nights, kwh, kwh_per_km_night FROM"
                                                + " gold.v_lighting_monthly WHERE scope_id ="
                                                + " 'residential'")
                                .rows())
                .containsExactly(List.of("2", "20.0", "20.0"));
        assertThat(
                        planner.query(
                                        "SELECT fault_type, lon, lat, street FROM"
                                                + " gold.v_lighting_faults ORDER BY fault_type")
                                .rows())
                .containsExactly(
                        List.of("DARK_AT_NIGHT", "7.42", "43.74", "Rue A"),
                        Arrays.asList("METER_MISMATCH", null, null, null));
        assertThat(
                        planner.query(
                                        "SELECT fault_type, faults, high_severity FROM"
                                                + " gold.v_lighting_fault_counts ORDER BY 1")
                                .rows())
                .containsExactly(
                        List.of("DARK_AT_NIGHT", "1", "1"), List.of("METER_MISMATCH", "1", "0"));
        assertThat(
                        planner.query(
                                        "SELECT cabinet_id, round(difference_pct, 6),"
                                                + " meter_reset, meter_mismatch FROM"
                                                + " gold.v_lighting_meter_reconciliation")
                                .rows())
                .containsExactly(List.of("cab-1", "10.0", "false", "true"));
    }

    private static TrinoClient as(TrinoClient admin, StackContext context, String user)
            throws Exception {
        return admin.as(user, context.secrets().get(TrinoService.passwordSecret(user)));
    }
}
