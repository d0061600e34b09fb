package org.citylake.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.exchange.ExchangeOptions;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.citylake.exchange.release.Publisher;
import org.citylake.exchange.release.ReleaseFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code citylake exchange products|publish|catalog|grant|revoke|key|audit}: the data exchange. See
 * exchange/README.md.
 */
@Command(
        name = "exchange",
        description = {
            "The data exchange: anonymised, versioned, licensed data products, their releases"
                    + " pinned to Iceberg snapshots, the DCAT-AP 3.0 catalogue and the buyers.",
            "Products are declared in *.product.json files (built in, plus"
                    + " <data-dir>/exchange/products.d); see exchange/README.md."
        },
        mixinStandardHelpOptions = true,
        subcommands = {
            ExchangeCommand.Products.class,
            ExchangeCommand.Publish.class,
            ExchangeBuyerCommands.Catalog.class,
            ExchangeBuyerCommands.Grant.class,
            ExchangeBuyerCommands.Revoke.class,
            ExchangeBuyerCommands.Key.class,
            ExchangeBuyerCommands.AuditTrail.class
        })
public final class ExchangeCommand {

    /** The products of a lake's configuration: built-in plus the installation's folder. */
    static List<Product> products(LakeConfig config) {
        return ProductFiles.load(ExchangeOptions.productsDir(config));
    }

    /** The product {@code id}, or an error listing the ids there are. */
    static Product product(LakeConfig config, String id) {
        List<Product> all = products(config);
        return all.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no product '"
                                                + id
                                                + "'; the products are "
                                                + all.stream().map(Product::id).toList()
                                                + " (`citylake exchange products`)"));
    }

    @Command(
            name = "products",
            description = {
                "The data products: id, version, source table, granularity, k, licence, price.",
                "Example: citylake exchange products --format csv"
            },
            mixinStandardHelpOptions = true)
    static final class Products implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(
                names = "--format",
                defaultValue = "table",
                description = "table (default) or csv, e.g. --format csv")
        String format;

        @Override
        public Integer call() {
            List<List<String>> rows = new ArrayList<>();
            for (Product p : products(lakeArgs.load())) {
                rows.add(
                        List.of(
                                p.id(),
                                p.version(),
                                p.source().table(),
                                p.granularity().temporal() + " x " + p.granularity().spatial(),
                                String.valueOf(p.anonymisation().k()),
                                p.licence(),
                                p.offer().price().toPlainString()
                                        + " "
                                        + p.offer().currency()
                                        + " per "
                                        + p.offer().per()));
            }
            TextTable.print(
                    System.out,
                    List.of("product", "version", "source", "granularity", "k", "licence", "price"),
                    rows,
                    "csv".equalsIgnoreCase(format));
            return 0;
        }
    }

    @Command(
            name = "publish",
            description = {
                "Build a release of a product pinned to its source table's snapshot: aggregate,"
                        + " withhold groups below k contributors, pseudonymise kept ids with the"
                        + " exchange key; write Parquet, CSV, schema.json and SHA256SUMS to the"
                        + " exchange location and record them in exchange.releases.",
                "Publishing the same snapshot again does nothing; --force writes the files again"
                        + " and says whether they are byte-identical.",
                "Example: citylake exchange publish congestion-hourly",
                "Example: citylake exchange publish parking-hourly --as-of 2026-12-01T12:00:00Z"
            },
            mixinStandardHelpOptions = true)
    static final class Publish implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(
                index = "0",
                paramLabel = "PRODUCT",
                description = "product id, e.g. congestion-hourly (`citylake exchange products`)")
        String productId;

        @Option(
                names = "--as-of",
                paramLabel = "SNAPSHOT|TIME",
                description =
                        "source snapshot id (e.g. 4217730164921372101) or time with offset (e.g."
                                + " 2026-12-01T12:00:00Z: the snapshot current then); default the"
                                + " current snapshot")
        String asOf;

        @Option(
                names = "--force",
                description =
                        "write the files of an existing release again and compare their checksums"
                                + " with the recorded ones")
        boolean force;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Product product = product(config, productId);
            try (Lake lake = Lake.openExisting(config)) {
                Publisher.Result r = Publisher.publish(lake, product, asOf, force);
                print(System.out, r);
                return r.identical() == null || r.identical() ? 0 : 1;
            }
        }
    }

    static void print(PrintStream out, Publisher.Result r) {
        String what =
                r.created()
                        ? "published"
                        : r.filesWritten()
                                ? (Boolean.TRUE.equals(r.identical())
                                        ? "re-published: every file byte-identical to the recorded checksums"
                                        : "re-published: files DIFFER from the recorded checksums")
                                : "already published (nothing to do; --force writes the files again)";
        out.println("release " + r.releaseId() + ": " + what);
        out.println(
                "  source   "
                        + r.sourceTable()
                        + " @ snapshot "
                        + r.snapshotId()
                        + "; rows "
                        + r.rows()
                        + ", groups withheld (fewer than k="
                        + r.product().anonymisation().k()
                        + " "
                        + (r.product().anonymisation().contributorsAre() == null
                                ? "contributors"
                                : r.product().anonymisation().contributorsAre())
                        + ") "
                        + r.suppressed());
        out.println("  folder   " + r.folder());
        out.println(
                "  table    "
                        + r.product().releaseTable()
                        + " (release_id = '"
                        + r.releaseId()
                        + "')");
        for (ReleaseFile f : r.files()) {
            out.printf("  %-40s %10d bytes  sha256 %s%n", f.name(), f.bytes(), f.sha256());
        }
    }
}
