package org.citylake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.citylake.analytics.job.TextTable;
import org.citylake.exchange.Audit;
import org.citylake.exchange.ExchangeOptions;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.buyer.Buyers;
import org.citylake.exchange.buyer.TrinoGrants;
import org.citylake.exchange.buyer.TrinoQueryAudit;
import org.citylake.exchange.catalog.DcatCatalog;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.release.Releases;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.serving.TrinoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code citylake exchange catalog|grant|revoke|key|audit}. */
final class ExchangeBuyerCommands {

    private ExchangeBuyerCommands() {}

    @Command(
            name = "catalog",
            description = {
                "The DCAT-AP 3.0 catalogue of the products and their releases, in Turtle or"
                        + " JSON-LD (prices and terms as ODRL offers); `citylake serve` publishes"
                        + " the same at /exchange/catalogue.ttl and .jsonld.",
                "Example: citylake exchange catalog --format jsonld --validate"
            },
            mixinStandardHelpOptions = true)
    static final class Catalog implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(
                names = "--format",
                defaultValue = "ttl",
                description = "ttl (Turtle, default) or jsonld (JSON-LD 1.1), e.g. --format jsonld")
        String format;

        @Option(
                names = "--validate",
                description =
                        "also check it against the DCAT-AP 3.0.0 SHACL shapes; the violations go to"
                                + " stderr and the exit code is 1 when there is one")
        boolean validate;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            try (Lake lake = Lake.openExisting(config)) {
                Model model =
                        DcatCatalog.build(
                                ExchangeOptions.get(config, ExchangeOptions.BASE_URL),
                                ExchangeCommand.products(config),
                                Releases.all(lake));
                System.out.print(DcatCatalog.write(model, format));
                if (validate) {
                    ValidationReport report = DcatCatalog.validate(model);
                    if (!report.conforms()) {
                        ShLib.printReport(System.err, report);
                        System.err.println(
                                "catalog: " + report.getEntries().size() + " SHACL violation(s)");
                        return 1;
                    }
                    System.err.println("catalog: conforms to DCAT-AP 3.0.0 (0 violations)");
                }
            }
            return 0;
        }
    }

    abstract static class BuyerProduct implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(
                index = "0",
                paramLabel = "BUYER",
                description = "Trino user buyer_<name>, e.g. buyer_test")
        String buyer;

        @Parameters(
                index = "1",
                paramLabel = "PRODUCT",
                description = "product id, e.g. congestion-hourly")
        String productId;

        abstract boolean apply(Buyers buyers, String buyer, String product);

        abstract String action();

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Buyers.requireName(buyer);
            Product product = ExchangeCommand.product(config, productId);
            try (Lake lake = Lake.openExisting(config)) {
                Buyers buyers = new Buyers(config.dataDir().resolve("exchange"));
                boolean changed = apply(buyers, buyer, product.id());
                Path rules = TrinoGrants.install(config);
                Audit.record(
                        lake,
                        Audit.Event.cli(
                                action(),
                                changed ? "ok" : "noop",
                                buyer,
                                product.id(),
                                null,
                                "now: " + buyers.products(buyer)));
                System.out.println(
                        action()
                                + " "
                                + product.id()
                                + (action().equals("grant") ? " to " : " from ")
                                + buyer
                                + (changed ? "" : " (nothing to change)")
                                + "; "
                                + buyer
                                + " now has "
                                + buyers.products(buyer));
                System.out.println(
                        rules == null
                                ? "Trino: no stack under this data dir; `citylake stack up` installs the rules"
                                : "Trino: rules rewritten ("
                                        + rules
                                        + "); Trino reloads them within 30 s");
            }
            return 0;
        }
    }

    @Command(
            name = "grant",
            description = {
                "Let a buyer read a product: its release table through Trino (SELECT on"
                        + " iceberg.exchange.<product> and nothing else) and its files through"
                        + " `citylake serve` with their API key. Audited.",
                "Example: citylake exchange grant buyer_test congestion-hourly"
            },
            mixinStandardHelpOptions = true)
    static final class Grant extends BuyerProduct {
        @Override
        boolean apply(Buyers buyers, String buyer, String product) {
            return buyers.grant(buyer, product);
        }

        @Override
        String action() {
            return "grant";
        }
    }

    @Command(
            name = "revoke",
            description = {
                "Take a product back from a buyer: Trino denies its table again (within 30 s), the"
                        + " download routes answer 403. Audited.",
                "Example: citylake exchange revoke buyer_test congestion-hourly"
            },
            mixinStandardHelpOptions = true)
    static final class Revoke extends BuyerProduct {
        @Override
        boolean apply(Buyers buyers, String buyer, String product) {
            return buyers.revoke(buyer, product);
        }

        @Override
        String action() {
            return "revoke";
        }
    }

    @Command(
            name = "key",
            description = {
                "Issue a new API key for a buyer (the previous one stops working). The key is"
                        + " printed once; only its SHA-256 is kept, in"
                        + " <data-dir>/exchange/buyers.properties (mode 600). Audited.",
                "Example: citylake exchange key buyer_test"
            },
            mixinStandardHelpOptions = true)
    static final class Key implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(
                index = "0",
                paramLabel = "BUYER",
                description = "Trino user buyer_<name>, e.g. buyer_test")
        String buyer;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Buyers.requireName(buyer);
            try (Lake lake = Lake.openExisting(config)) {
                String key = new Buyers(config.dataDir().resolve("exchange")).issueKey(buyer);
                Audit.record(
                        lake,
                        Audit.Event.cli("key_issued", "ok", buyer, null, null, "a new API key"));
                System.out.println("API key of " + buyer + " (shown once, keep it secret):");
                System.out.println(key);
            }
            return 0;
        }
    }

    @Command(
            name = "audit",
            description = {
                "The exchange's audit trail (exchange.audit), oldest first: every publish, grant,"
                        + " revoke, API key, download and buyer's Trino query, allowed or refused.",
                "--from-trino first copies the buyers' queries Trino still remembers"
                        + " (system.runtime.queries) into the audit; `citylake serve` does the same"
                        + " every 30 s on the stack profile.",
                "Example: citylake exchange audit --profile stack --from-trino --buyer buyer_test"
            },
            mixinStandardHelpOptions = true)
    static final class AuditTrail implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(
                names = "--from-trino",
                description =
                        "first record the buyers' Trino queries not audited yet (stack profile)")
        boolean fromTrino;

        @Option(
                names = "--buyer",
                paramLabel = "BUYER",
                description = "only this buyer's rows, e.g. --buyer buyer_test")
        String buyer;

        @Option(
                names = "--last",
                defaultValue = "50",
                paramLabel = "N",
                description = "the newest N rows (default ${DEFAULT-VALUE}; 0 for all)")
        int last;

        @Option(
                names = "--format",
                defaultValue = "table",
                description = "table (default) or csv, e.g. --format csv")
        String format;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            if (buyer != null) {
                Buyers.requireName(buyer);
            }
            if (last < 0) {
                throw new IllegalArgumentException("--last must be 0 (all) or more, got " + last);
            }
            try (Lake lake = Lake.openExisting(config)) {
                if (fromTrino) {
                    if (config.profile() != org.citylake.lakehouse.config.Profile.STACK) {
                        throw new IllegalArgumentException(
                                "--from-trino needs the stack profile (Trino runs there): add"
                                        + " --profile stack");
                    }
                    List<TrinoQueryAudit.BuyerQuery> added =
                            TrinoQueryAudit.sync(
                                    lake,
                                    TrinoClient.fromConfig(config),
                                    ExchangeCommand.products(config));
                    System.err.println(
                            "audit: "
                                    + added.size()
                                    + " buyer quer"
                                    + (added.size() == 1 ? "y" : "ies")
                                    + " from Trino recorded");
                }
                List<List<String>> rows = new ArrayList<>();
                Table audit = lake.table(ExchangeTables.AUDIT);
                try (CloseableIterable<Record> scan = IcebergGenerics.read(audit).build()) {
                    for (Record r : scan) {
                        if (buyer != null && !buyer.equals(r.getField("buyer"))) {
                            continue;
                        }
                        List<String> row = new ArrayList<>();
                        for (String column : COLUMNS) {
                            Object v = r.getField(column);
                            row.add(v == null ? "" : v.toString());
                        }
                        rows.add(row);
                    }
                }
                rows.sort(Comparator.comparing((List<String> r) -> r.get(0)));
                if (last > 0 && rows.size() > last) {
                    rows = rows.subList(rows.size() - last, rows.size());
                }
                TextTable.print(System.out, COLUMNS, rows, "csv".equalsIgnoreCase(format));
            }
            return 0;
        }

        private static final List<String> COLUMNS =
                List.of(
                        "at",
                        "action",
                        "outcome",
                        "channel",
                        "buyer",
                        "product",
                        "release_id",
                        "file_name",
                        "client",
                        "detail");
    }
}
