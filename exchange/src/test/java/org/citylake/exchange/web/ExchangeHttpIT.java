package org.citylake.exchange.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.PublishITAccess;
import org.citylake.exchange.buyer.Buyers;
import org.citylake.exchange.buyer.TrinoGrants;
import org.citylake.exchange.release.Publisher;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's routes on a real Javalin server over an embedded lake: the catalogue is public; a
 * buyer downloads a bought release with their key (the bytes match the recorded SHA-256), gets 403
 * for a product not bought and after a revoke, 401 with no or a wrong key, 429 past the rate limit;
 * each of these is a row of exchange.audit. The Trino rules give the buyer SELECT on exactly the
 * granted products' release tables.
 */
class ExchangeHttpIT {

    @TempDir Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void catalogueIsPublicAndDownloadsNeedABoughtProductsKey() throws Exception {
        LakeConfig config =
                PublishITAccess.prepare(dataDir, "citylake.exchange.downloads-per-minute=6\n");
        try (Lake lake = Lake.open(config)) {
            PublishITAccess.writeInput(lake);
            Publisher.Result release =
                    Publisher.publish(lake, PublishITAccess.product(lake), null, false);
            Buyers buyers = new Buyers(dataDir.resolve("exchange"));
            String key = buyers.issueKey("buyer_a");
            buyers.grant("buyer_a", "collections-daily");
            assertThat(Files.readString(dataDir.resolve("exchange/buyers.properties")))
                    .doesNotContain(key);

            Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
            new ExchangeRoutes(
                            lake,
                            java.time.Clock.fixed(
                                    java.time.Instant.parse("2026-12-06T07:00:30Z"),
                                    java.time.ZoneOffset.UTC))
                    .register(app);
            app.start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> catalogue = get(base + "/exchange/catalogue.ttl", null);
                assertThat(catalogue.statusCode()).isEqualTo(200);
                assertThat(catalogue.body()).contains(release.releaseId()).contains("dcat:Catalog");

                String file =
                        "/exchange/api/products/collections-daily/releases/"
                                + release.releaseId()
                                + "/files/collections-daily.csv";
                HttpResponse<byte[]> ok =
                        http.send(
                                request(base + file, key), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(ok.statusCode()).isEqualTo(200);
                String csvSha =
                        release.files().stream()
                                .filter(f -> f.name().equals("collections-daily.csv"))
                                .findFirst()
                                .orElseThrow()
                                .sha256();
                assertThat(
                                HexFormat.of()
                                        .formatHex(
                                                MessageDigest.getInstance("SHA-256")
                                                        .digest(ok.body())))
                        .isEqualTo(csvSha);

                String other =
                        "/exchange/api/products/air-quality-hourly/releases/x/files/air-quality-hourly.csv";
                HttpResponse<String> notBought = get(base + other, key);
                assertThat(notBought.statusCode()).isEqualTo(403);
                assertThat(notBought.body()).contains("buyer_a has not bought air-quality-hourly");

                HttpResponse<String> wrong = get(base + file, "clx_wrong-key");
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"citylake-exchange\"");
                assertThat(get(base + file, null).statusCode()).isEqualTo(401);

                buyers.revoke("buyer_a", "collections-daily");
                assertThat(get(base + file, key).statusCode()).isEqualTo(403);

                // 3 requests of buyer_a so far; the limit is 6 a minute (a fixed clock: one window)
                List<Integer> codes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    codes.add(get(base + file, key).statusCode());
                }
                assertThat(codes).containsExactly(403, 403, 403, 429);
            } finally {
                app.stop();
            }

            List<String> audit = new ArrayList<>();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(lake.table(ExchangeTables.AUDIT)).build()) {
                for (Record r : rows) {
                    if ("download".equals(r.getField("action"))) {
                        audit.add(
                                r.getField("outcome")
                                        + " "
                                        + r.getField("buyer")
                                        + " "
                                        + r.getField("product"));
                    }
                }
            }
            assertThat(audit)
                    .containsExactlyInAnyOrder(
                            "ok buyer_a collections-daily",
                            "denied buyer_a air-quality-hourly",
                            "unauthorised null collections-daily",
                            "unauthorised null collections-daily",
                            "denied buyer_a collections-daily",
                            "denied buyer_a collections-daily",
                            "denied buyer_a collections-daily",
                            "denied buyer_a collections-daily",
                            "rate_limited buyer_a collections-daily");
        }
    }

    @Test
    void trinoRulesGrantExactlyTheBoughtReleaseTables() throws Exception {
        JsonNode rules =
                new ObjectMapper()
                        .readTree(
                                TrinoGrants.rules(
                                        Map.of(
                                                "buyer_a",
                                                Set.of("congestion-hourly", "waste-daily"),
                                                "buyer_b",
                                                Set.of())));
        List<String> buyerRules = new ArrayList<>();
        for (JsonNode rule : rules.get("tables")) {
            if (rule.path("user").asText().startsWith("buyer_")) {
                buyerRules.add(
                        rule.get("user").asText()
                                + " "
                                + rule.get("schema").asText()
                                + "."
                                + rule.get("table").asText()
                                + " "
                                + rule.get("privileges"));
            }
        }
        assertThat(buyerRules)
                .containsExactly("buyer_a exchange.congestion_hourly|waste_daily [\"SELECT\"]");
        // the base rules are kept
        assertThat(rules.get("tables").toString()).contains("\"group\":\"analyst\"");
    }

    private HttpRequest request(String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.build();
    }

    private HttpResponse<String> get(String url, String key) throws Exception {
        return http.send(request(url, key), HttpResponse.BodyHandlers.ofString());
    }
}
