package org.citylake.exchange;

import static org.citylake.lakehouse.tables.TableRegistry.opt;
import static org.citylake.lakehouse.tables.TableRegistry.req;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.citylake.exchange.release.ReleaseBuilder;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.lakehouse.tables.TableSet;

/**
 * The exchange's tables in the lake's registry ({@code lakehouse init} creates them, {@code tables}
 * and {@code describe} list them): {@code exchange.releases}, {@code exchange.audit} and one
 * release table per built-in product ({@code exchange.<product>}), which buyers query through
 * Trino.
 */
public final class ExchangeTables implements TableSet {

    public static final String RELEASES = "exchange.releases";
    public static final String AUDIT = "exchange.audit";
    public static final String RELEASE_ID = "release_id";
    private static final Types.TimestampType TS = Types.TimestampType.withZone();

    @Override
    public List<TableDef> tables() {
        List<TableDef> defs = new ArrayList<>();
        defs.add(releases());
        defs.add(audit());
        for (Product product : ProductFiles.builtIn()) {
            defs.add(releaseTable(product));
        }
        return defs;
    }

    static TableDef releases() {
        Schema schema =
                TableRegistry.schema(
                        req(
                                RELEASE_ID,
                                Types.StringType.get(),
                                "release id: <product>-<version>-<12 hex digits of the digest of the product file and the source snapshot>"),
                        req(
                                "product",
                                Types.StringType.get(),
                                "product id (its <id>.product.json)"),
                        req(
                                "product_version",
                                Types.StringType.get(),
                                "version of the product file"),
                        req(
                                "source_table",
                                Types.StringType.get(),
                                "the clean or gold table the release was built from"),
                        req(
                                "source_snapshot_id",
                                Types.LongType.get(),
                                "Iceberg snapshot id of the source table the release is pinned to"),
                        req("source_committed_at", TS, "commit time of that snapshot"),
                        req(
                                "file_name",
                                Types.StringType.get(),
                                "file of the release: <product>.parquet, <product>.csv, schema.json or SHA256SUMS"),
                        req("format", Types.StringType.get(), "parquet, csv, schema or checksums"),
                        req("media_type", Types.StringType.get(), "IANA media type of the file"),
                        req(
                                "sha256",
                                Types.StringType.get(),
                                "SHA-256 of the file's bytes in hexadecimal"),
                        req("size_bytes", Types.LongType.get(), "size of the file, bytes"),
                        req(
                                "location",
                                Types.StringType.get(),
                                "where the file is (file: or s3: URI)"),
                        req("row_count", Types.LongType.get(), "rows of the release"),
                        req(
                                "suppressed_groups",
                                Types.LongType.get(),
                                "groups withheld for having fewer than k contributors"),
                        req("published_at", TS, "when the release was first published"));
        return new TableDef(
                TableIdentifier.parse(RELEASES),
                schema,
                PartitionSpec.builderFor(schema).identity("product").build(),
                TableRegistry.COMMON_PROPERTIES,
                "Releases of the exchange's data products: one row per file, with its checksum and the source snapshot it is pinned to");
    }

    static TableDef audit() {
        Schema schema =
                TableRegistry.schema(
                        req("at", TS, "when it happened"),
                        req(
                                "action",
                                Types.StringType.get(),
                                "publish, grant, revoke, key_issued, catalogue, download or query (a buyer's Trino query)"),
                        req(
                                "outcome",
                                Types.StringType.get(),
                                "ok, unauthorised (401: no or a wrong API key), denied (403 or Trino Access Denied: not bought), rate_limited (429), not_found, noop or failed (a query's other error)"),
                        req("channel", Types.StringType.get(), "cli, http or trino"),
                        opt(
                                "buyer",
                                Types.StringType.get(),
                                "buyer (Trino user buyer_*), when known"),
                        opt(
                                "product",
                                Types.StringType.get(),
                                "product id, when the action concerns one"),
                        opt(
                                RELEASE_ID,
                                Types.StringType.get(),
                                "release id, when the action concerns one"),
                        opt("file_name", Types.StringType.get(), "file downloaded or asked for"),
                        opt(
                                "client",
                                Types.StringType.get(),
                                "HTTP client address (http), or trino query <query id> (trino)"),
                        opt(
                                "detail",
                                Types.StringType.get(),
                                "what happened, in words; for trino the error code and the query text"));
        return new TableDef(
                TableIdentifier.parse(AUDIT),
                schema,
                PartitionSpec.builderFor(schema).day("at").build(),
                TableRegistry.COMMON_PROPERTIES,
                "Every publish, grant, revoke, API key issued, download and buyer's Trino query (allowed or refused) of the exchange");
    }

    /** The release table of {@code product}: release_id, then the product's columns. */
    public static TableDef releaseTable(Product product) {
        List<NestedField> fields = new ArrayList<>();
        fields.add(
                req(
                        RELEASE_ID,
                        Types.StringType.get(),
                        "release the row belongs to (exchange.releases)"));
        for (NestedField f : ReleaseBuilder.schema(product).columns()) {
            fields.add(opt(f.name(), f.type(), f.doc()));
        }
        Schema schema = TableRegistry.schema(fields.toArray(NestedField[]::new));
        return new TableDef(
                TableIdentifier.parse(product.releaseTable()),
                schema,
                PartitionSpec.builderFor(schema).identity(RELEASE_ID).build(),
                TableRegistry.COMMON_PROPERTIES,
                "Data product "
                        + product.id()
                        + ": "
                        + product.title()
                        + " (every release; buyers granted the product read it)");
    }
}
