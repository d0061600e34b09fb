package org.citylake.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.citylake.exchange.ExchangeOptions;
import org.citylake.exchange.catalog.DcatCatalog;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.release.Publisher;
import org.citylake.exchange.release.ReleaseFile;
import org.citylake.exchange.release.Releases;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;

/** The demo's exchange step: publish one product, print its catalogue entry and how to buy it. */
final class ExchangeDemo {

    private ExchangeDemo() {}

    static void publishAndShow(LakeConfig config, String productId, PrintStream out)
            throws Exception {
        Product product = ExchangeCommand.product(config, productId);
        try (Lake lake = Lake.openExisting(config)) {
            Publisher.Result r = Publisher.publish(lake, product, null, false);
            ExchangeCommand.print(out, r);
            String base = ExchangeOptions.get(config, ExchangeOptions.BASE_URL);
            Model catalogue =
                    DcatCatalog.build(
                            base,
                            List.of(product),
                            Releases.all(lake).stream()
                                    .filter(x -> x.product().equals(productId))
                                    .toList());
            out.println(
                    "    its catalogue entry (DCAT-AP 3.0, Turtle; the whole catalogue: "
                            + Home.launcher()
                            + " exchange catalog):");
            DcatCatalog.write(DcatCatalog.entry(catalogue, base, productId), "ttl")
                    .lines()
                    .forEach(line -> out.println("      " + line));
            ReleaseFile csv =
                    r.files().stream()
                            .filter(f -> f.format().equals("csv"))
                            .findFirst()
                            .orElseThrow();
            out.println("    a buyer gets it with:");
            out.println(
                    "      "
                            + Home.launcher()
                            + " exchange key buyer_test        # prints the API key once");
            out.println("      " + Home.launcher() + " exchange grant buyer_test " + productId);
            out.println("      " + Home.launcher() + " serve &");
            out.println(
                    "      curl -fH \"Authorization: Bearer $KEY\" -o "
                            + csv.name()
                            + " "
                            + base
                            + "/exchange/api/products/"
                            + productId
                            + "/releases/"
                            + r.releaseId()
                            + "/files/"
                            + csv.name());
            out.println("      echo '" + csv.sha256() + "  " + csv.name() + "' | sha256sum -c");
            if (config.profile() == Profile.STACK) {
                out.println(
                        "      or through Trino as buyer_test: SELECT * FROM iceberg."
                                + product.releaseTable()
                                + " WHERE release_id = '"
                                + r.releaseId()
                                + "'");
            }
        }
    }
}
