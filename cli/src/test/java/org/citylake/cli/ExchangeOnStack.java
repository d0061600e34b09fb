package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.release.Publisher;
import org.citylake.exchange.release.ReleaseFile;
import org.citylake.exchange.web.ExchangeRoutes;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.serving.TrinoClient;

/**
 * The exchange's access checks on a running stack (called once by {@link StackE2EIT} after its
 * demo, so no second stack is started): buyer_test, granted congestion-hourly, reads its release
 * table through Trino and its files over HTTP with an API key; is denied parking-hourly and every
 * clean and raw table; a wrong key gets 401; after the revoke Trino denies the table and HTTP
 * answers 403; exchange.audit holds a row for each, the Trino queries included (copied from
 * system.runtime.queries by {@code citylake exchange audit --from-trino}, once each).
 */
final class ExchangeOnStack {

    private static final String BUYER = "buyer_test";
    private static final String P = "congestion-hourly";
    private static final Duration RULES_RELOAD = Duration.ofSeconds(90);

    private ExchangeOnStack() {}

    static void check(Path dataDir, LakeConfig config) throws Exception {
        Product product = ExchangeCommand.product(config, P);
        Publisher.Result release;
        try (Lake lake = Lake.openExisting(config)) {
            release = Publisher.publish(lake, product, null, false);
        }
        assertThat(release.rows()).isPositive();
        String key =
                cliOutput(dataDir, "exchange", "key", BUYER)
                        .lines()
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(key).startsWith("clx_");
        assertThat(cliOutput(dataDir, "exchange", "grant", BUYER, P)).contains("rules rewritten");

        TrinoClient buyer = SqlCommand.trino(config, BUYER);
        String pTable =
                "exchange.congestion_hourly WHERE release_id = '" + release.releaseId() + "'";
        long rows = waitFor(() -> count(buyer, pTable));
        assertThat(rows).isEqualTo(release.rows());
        assertThatThrownBy(() -> count(buyer, "exchange.parking_hourly"))
                .hasMessageContaining("Access Denied");
        try (Lake lake = Lake.openExisting(config)) {
            for (TableDef def : lake.registry().all()) {
                String ns = def.id().namespace().toString();
                if (ns.equals("clean") || ns.equals("raw")) {
                    assertThatThrownBy(() -> count(buyer, def.name()))
                            .as(def.name())
                            .hasMessageContaining("Access Denied");
                }
            }

            Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
            new ExchangeRoutes(lake).register(app);
            app.start("127.0.0.1", 0);
            try {
                ReleaseFile parquet =
                        release.files().stream()
                                .filter(f -> f.format().equals("parquet"))
                                .findFirst()
                                .orElseThrow();
                String url =
                        "http://127.0.0.1:"
                                + app.port()
                                + "/exchange/api/products/"
                                + P
                                + "/releases/"
                                + release.releaseId()
                                + "/files/"
                                + parquet.name();
                HttpResponse<byte[]> ok = get(url, key);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(sha256(ok.body())).isEqualTo(parquet.sha256());
                assertThat(get(url, "clx_not-a-key").statusCode()).isEqualTo(401);

                assertThat(cliOutput(dataDir, "exchange", "revoke", BUYER, P))
                        .contains("rules rewritten");
                waitFor(
                        () -> {
                            try {
                                count(buyer, pTable);
                                return null; // still allowed: the rules are not reloaded yet
                            } catch (java.sql.SQLException e) {
                                assertThat(e.getMessage()).contains("Access Denied");
                                return 0L;
                            }
                        });
                assertThat(get(url, key).statusCode()).isEqualTo(403);
            } finally {
                app.stop();
            }

            // the buyer's Trino queries: read, denials, the denial after the revoke
            String trail =
                    cliOutput(
                            dataDir,
                            "exchange",
                            "audit",
                            "--from-trino",
                            "--buyer",
                            BUYER,
                            "--last",
                            "0",
                            "--format",
                            "csv");
            assertThat(trail).contains("query,ok,trino," + BUYER + "," + P);
            List<String> audit = new ArrayList<>();
            List<String> queries = new ArrayList<>();
            lake.table(ExchangeTables.AUDIT).refresh();
            try (CloseableIterable<Record> scan =
                    IcebergGenerics.read(lake.table(ExchangeTables.AUDIT)).build()) {
                for (Record r : scan) {
                    audit.add(
                            r.getField("action")
                                    + " "
                                    + r.getField("outcome")
                                    + " "
                                    + r.getField("buyer"));
                    if ("trino".equals(r.getField("channel"))) {
                        queries.add(
                                r.getField("outcome")
                                        + " "
                                        + r.getField("product")
                                        + " "
                                        + r.getField("detail"));
                    }
                }
            }
            assertThat(queries)
                    .as("the buyer's Trino queries in exchange.audit")
                    .anyMatch(q -> q.startsWith("ok " + P + " SELECT count(*)"))
                    .anyMatch(q -> q.startsWith("denied parking-hourly PERMISSION_DENIED: SELECT"))
                    .anyMatch(q -> q.startsWith("denied " + P + " PERMISSION_DENIED: SELECT"))
                    .anyMatch(
                            q ->
                                    q.startsWith(
                                            "denied null PERMISSION_DENIED: SELECT count(*) FROM clean."))
                    .anyMatch(
                            q ->
                                    q.startsWith(
                                            "denied null PERMISSION_DENIED: SELECT count(*) FROM raw."));
            // running it again records nothing twice
            long before = queries.size();
            cliOutput(dataDir, "exchange", "audit", "--from-trino", "--last", "1");
            lake.table(ExchangeTables.AUDIT).refresh();
            long after = 0;
            try (CloseableIterable<Record> scan =
                    IcebergGenerics.read(lake.table(ExchangeTables.AUDIT)).build()) {
                for (Record r : scan) {
                    if ("trino".equals(r.getField("channel"))) {
                        after++;
                    }
                }
            }
            assertThat(after).isEqualTo(before);
            assertThat(audit)
                    .contains(
                            "key_issued ok " + BUYER,
                            "grant ok " + BUYER,
                            "download ok " + BUYER,
                            "download unauthorised null",
                            "revoke ok " + BUYER,
                            "download denied " + BUYER);
        }
    }

    private interface Probe {
        Long get() throws Exception;
    }

    /** Polls until the probe answers (Trino reloads its rules file every 30 s). */
    private static long waitFor(Probe probe) throws Exception {
        long deadline = System.nanoTime() + RULES_RELOAD.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Long value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (java.sql.SQLException e) {
                last = e;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("Trino did not apply the new rules within " + RULES_RELOAD, last);
    }

    private static long count(TrinoClient trino, String from) throws java.sql.SQLException {
        return Long.parseLong(trino.query("SELECT count(*) FROM " + from).rows().get(0).get(0));
    }

    private static HttpResponse<byte[]> get(String url, String key) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Runs a citylake command on the stack profile and returns what it printed. */
    private static String cliOutput(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString(), "--profile", "stack"));
        PrintStream previous = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CityLakeCli.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(previous);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(String.join(" ", args) + ": " + text).isZero();
        return text;
    }
}
