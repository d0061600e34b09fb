package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake exchange key|grant|revoke|catalog} through the real CLI on an embedded lake: the
 * key is shown once and only its SHA-256 is kept, grants and revocations change what a buyer has
 * and are audited, unknown products and bad buyer names are refused, and the catalogue validates.
 */
class ExchangeCommandTest {

    @TempDir Path dir;

    @Test
    void keyGrantRevokeAreKeptHashedAuditedAndIdempotent() throws Exception {
        CliLake lake = new CliLake(dir);
        lake.cli("lakehouse", "init");

        CliLake.Output key = lake.run("exchange", "key", "buyer_test");
        assertThat(key.exit()).isZero();
        String[] lines = key.out().split("\n");
        assertThat(lines[0]).startsWith("API key of buyer_test");
        String apiKey = lines[1].trim();
        assertThat(apiKey).hasSizeGreaterThan(30);

        Path buyers = lake.lakeDir().resolve("exchange/buyers.properties");
        String stored = Files.readString(buyers);
        assertThat(stored).doesNotContain(apiKey);
        String hash =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).contains(hash);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(buyers)))
                .isEqualTo("rw-------");

        CliLake.Output grant = lake.run("exchange", "grant", "buyer_test", "congestion-hourly");
        assertThat(grant.exit()).isZero();
        assertThat(grant.out())
                .contains("grant congestion-hourly to buyer_test; buyer_test now has")
                .contains("[congestion-hourly]");
        CliLake.Output again = lake.run("exchange", "grant", "buyer_test", "congestion-hourly");
        assertThat(again.out()).contains("(nothing to change)");

        CliLake.Output revoke = lake.run("exchange", "revoke", "buyer_test", "congestion-hourly");
        assertThat(revoke.exit()).isZero();
        assertThat(revoke.out())
                .contains("revoke congestion-hourly from buyer_test; buyer_test now has []");

        try (Lake opened = Lake.openExisting(lake.config())) {
            List<String> actions = new ArrayList<>();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(opened.table("exchange.audit")).build()) {
                for (Record r : rows) {
                    actions.add(r.getField("action") + "/" + r.getField("outcome"));
                }
            }
            assertThat(actions)
                    .containsExactlyInAnyOrder(
                            "key_issued/ok", "grant/ok", "grant/noop", "revoke/ok");
        }
    }

    @Test
    void unknownProductsAndBadBuyerNamesAreRefusedWithWhatToDo() throws Exception {
        CliLake lake = new CliLake(dir);
        lake.cli("lakehouse", "init");

        CliLake.Output noProduct = lake.run("exchange", "grant", "buyer_test", "no-such-product");
        assertThat(noProduct.exit()).isNotZero();
        assertThat(noProduct.err())
                .contains("no product 'no-such-product'")
                .contains("congestion-hourly")
                .contains("citylake exchange products");

        CliLake.Output badName = lake.run("exchange", "key", "alice");
        assertThat(badName.exit()).isNotZero();
        assertThat(badName.err()).contains("buyer_");
        assertThat(lake.lakeDir().resolve("exchange/buyers.properties")).doesNotExist();
    }

    @Test
    void theCatalogueOfAnEmptyExchangeConformsToDcatAp() {
        CliLake lake = new CliLake(dir);
        lake.cli("lakehouse", "init");
        CliLake.Output catalog = lake.run("exchange", "catalog", "--validate");
        assertThat(catalog.exit()).isZero();
        assertThat(catalog.out()).contains("dcat:Catalog").contains("congestion-hourly");
        assertThat(catalog.err()).contains("conforms to DCAT-AP 3.0.0 (0 violations)");
    }
}
