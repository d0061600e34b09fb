package org.citylake.exchange.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.junit.jupiter.api.Test;

/** How a buyer's Trino query is attributed in the audit: its product and its outcome. */
class TrinoQueryAuditTest {

    private static final List<Product> PRODUCTS = ProductFiles.builtIn();

    @Test
    void theProductIsTheFirstReleaseTableTheQueryNamesHoweverItIsQuoted() {
        assertThat(
                        TrinoQueryAudit.productOf(
                                "SELECT count(*) FROM exchange.congestion_hourly", PRODUCTS))
                .isEqualTo("congestion-hourly");
        assertThat(
                        TrinoQueryAudit.productOf(
                                "select * from iceberg.\"exchange\".\"parking_hourly\" p join"
                                        + " exchange.congestion_hourly c on true",
                                PRODUCTS))
                .isEqualTo("parking-hourly");
        assertThat(TrinoQueryAudit.productOf("SELECT * FROM EXCHANGE . PARKING_HOURLY", PRODUCTS))
                .isEqualTo("parking-hourly");
        // a table that is no product's release table, and no exchange table at all
        assertThat(TrinoQueryAudit.productOf("SELECT * FROM exchange.releases", PRODUCTS)).isNull();
        assertThat(TrinoQueryAudit.productOf("SELECT * FROM clean.traffic_flow", PRODUCTS))
                .isNull();
    }

    @Test
    void finishedIsOkAccessDeniedIsDeniedAnyOtherErrorFailed() {
        OffsetDateTime t = OffsetDateTime.parse("2026-12-06T10:00:00Z");
        assertThat(
                        new TrinoQueryAudit.BuyerQuery("q1", "buyer_a", "FINISHED", "x", null, t)
                                .outcome())
                .isEqualTo("ok");
        assertThat(
                        new TrinoQueryAudit.BuyerQuery(
                                        "q2", "buyer_a", "FAILED", "x", "PERMISSION_DENIED", t)
                                .outcome())
                .isEqualTo("denied");
        assertThat(
                        new TrinoQueryAudit.BuyerQuery(
                                        "q3", "buyer_a", "FAILED", "x", "SYNTAX_ERROR", t)
                                .outcome())
                .isEqualTo("failed");
    }
}
