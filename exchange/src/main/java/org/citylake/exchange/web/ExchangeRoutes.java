package org.citylake.exchange.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.io.FileIO;
import org.citylake.exchange.Audit;
import org.citylake.exchange.ExchangeOptions;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.buyer.Buyers;
import org.citylake.exchange.catalog.DcatCatalog;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.citylake.exchange.release.ReleaseFile;
import org.citylake.exchange.release.ReleaseWriter;
import org.citylake.exchange.release.Releases;
import org.citylake.lakehouse.Lake;
import org.citylake.serving.web.RouteSet;

/**
 * The exchange on {@code citylake serve}.
 *
 * <pre>
 *  GET /exchange/catalogue.ttl | /exchange/catalogue.jsonld      public: the DCAT-AP 3.0 catalogue
 *  GET /exchange/api/products                                    public: products and their releases (JSON)
 *  GET /exchange/api/products/{p}/releases/{r}/files/{file}      Authorization: Bearer &lt;API key&gt;
 *        401 no or wrong key · 403 product not bought · 404 no such release or file
 *        429 more than citylake.exchange.downloads-per-minute requests of one key (or address)
 * </pre>
 *
 * Downloads stream the release file from the exchange location (local or S3) to the key's owner;
 * every download, allowed or refused, is a row of exchange.audit.
 */
public final class ExchangeRoutes implements RouteSet {

    public static final String PREFIX = "/exchange/";

    private final Lake lake;
    private final Buyers buyers;
    private final int perMinute;
    private final Clock clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public ExchangeRoutes(Lake lake) {
        this(lake, Clock.systemUTC());
    }

    ExchangeRoutes(Lake lake, Clock clock) {
        this.lake = lake;
        this.buyers = new Buyers(lake.config().dataDir().resolve("exchange"));
        this.perMinute =
                Integer.parseInt(
                        ExchangeOptions.get(lake.config(), ExchangeOptions.DOWNLOADS_PER_MINUTE));
        this.clock = clock;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void register(Javalin app) {
        app.get("/exchange/catalogue.ttl", ctx -> catalogue(ctx, "ttl"));
        app.get("/exchange/catalogue.jsonld", ctx -> catalogue(ctx, "jsonld"));
        app.get("/exchange/api/products", this::products);
        app.get("/exchange/api/products/{product}/releases/{release}/files/{file}", this::download);
    }

    private List<Product> products() {
        return ProductFiles.load(ExchangeOptions.productsDir(lake.config()));
    }

    private String base() {
        return ExchangeOptions.get(lake.config(), ExchangeOptions.BASE_URL);
    }

    private void catalogue(Context ctx, String format) {
        String body =
                DcatCatalog.write(
                        DcatCatalog.build(base(), products(), Releases.all(lake)), format);
        ctx.contentType(DcatCatalog.mediaType(format) + "; charset=utf-8").result(body);
    }

    private void products(Context ctx) {
        List<DcatCatalog.Release> releases = Releases.all(lake);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Product p : products()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("version", p.version());
            entry.put("title", p.title());
            entry.put("licence", p.licence());
            entry.put("price", p.offer().price());
            entry.put("currency", p.offer().currency());
            entry.put("per", p.offer().per());
            entry.put("trinoTable", "iceberg." + p.releaseTable());
            entry.put(
                    "releases",
                    releases.stream()
                            .filter(r -> r.product().equals(p.id()))
                            .map(
                                    r ->
                                            Map.of(
                                                    "id", r.releaseId(),
                                                    "sourceSnapshotId", r.sourceSnapshotId(),
                                                    "rows", r.rows(),
                                                    "files",
                                                            r.files().stream()
                                                                    .map(
                                                                            f ->
                                                                                    Map.of(
                                                                                            "name",
                                                                                                    f
                                                                                                            .name(),
                                                                                            "sha256",
                                                                                                    f
                                                                                                            .sha256(),
                                                                                            "bytes",
                                                                                                    f
                                                                                                            .bytes()))
                                                                    .toList()))
                            .toList());
            out.add(entry);
        }
        ctx.json(out);
    }

    private void download(Context ctx) throws Exception {
        String productId = ctx.pathParam("product");
        String releaseId = ctx.pathParam("release");
        String fileName = ctx.pathParam("file");
        String header = ctx.header("Authorization");
        String key =
                header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? header.substring(7).strip()
                        : null;
        Optional<String> buyer = buyers.buyerOf(key);
        if (!allowed(buyer.map(b -> "buyer:" + b).orElse("ip:" + ctx.ip()))) {
            refuse(
                    ctx,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    buyer.orElse(null),
                    productId,
                    releaseId,
                    fileName,
                    "more than " + perMinute + " requests in a minute: wait and retry");
            ctx.header("Retry-After", "60");
            return;
        }
        if (buyer.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"citylake-exchange\"");
            refuse(
                    ctx,
                    HttpStatus.UNAUTHORIZED,
                    "unauthorised",
                    null,
                    productId,
                    releaseId,
                    fileName,
                    key == null
                            ? "no API key: send the header Authorization: Bearer <key> (`citylake exchange key <buyer>` issues one)"
                            : "this API key is not valid: it may have been replaced; ask the exchange for a new one");
            return;
        }
        if (!buyers.products(buyer.get()).contains(productId)) {
            refuse(
                    ctx,
                    HttpStatus.FORBIDDEN,
                    "denied",
                    buyer.get(),
                    productId,
                    releaseId,
                    fileName,
                    buyer.get()
                            + " has not bought "
                            + productId
                            + "; bought: "
                            + buyers.products(buyer.get()));
            return;
        }
        Optional<ReleaseFile> file =
                Releases.all(lake).stream()
                        .filter(
                                r ->
                                        r.releaseId().equals(releaseId)
                                                && r.product().equals(productId))
                        .flatMap(r -> r.files().stream())
                        .filter(f -> f.name().equals(fileName))
                        .findFirst();
        if (file.isEmpty()) {
            refuse(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "not_found",
                    buyer.get(),
                    productId,
                    releaseId,
                    fileName,
                    "no file "
                            + fileName
                            + " in release "
                            + releaseId
                            + " of "
                            + productId
                            + "; GET /exchange/api/products lists them");
            return;
        }
        FileIO io = lake.table(ExchangeTables.RELEASES).io();
        byte[] bytes = ReleaseWriter.read(io, file.get().location());
        ctx.header("ETag", "\"" + file.get().sha256() + "\"");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType(file.get().mediaType()).result(bytes);
        Audit.record(
                lake,
                new Audit.Event(
                        "download",
                        "ok",
                        "http",
                        buyer.get(),
                        productId,
                        releaseId,
                        fileName,
                        ctx.ip(),
                        bytes.length + " bytes, sha256 " + file.get().sha256()));
    }

    private void refuse(
            Context ctx,
            HttpStatus status,
            String outcome,
            String buyer,
            String product,
            String release,
            String file,
            String message) {
        ctx.status(status).json(Map.of("error", message, "status", status.getCode()));
        Audit.record(
                lake,
                new Audit.Event(
                        "download",
                        outcome,
                        "http",
                        buyer,
                        product,
                        release,
                        file,
                        ctx.ip(),
                        message));
    }

    /** A fixed one-minute window per caller. */
    private boolean allowed(String caller) {
        long minute = clock.millis() / 60_000;
        long[] window = windows.computeIfAbsent(caller, c -> new long[] {minute, 0});
        synchronized (window) {
            if (window[0] != minute) {
                window[0] = minute;
                window[1] = 0;
            }
            return ++window[1] <= perMinute;
        }
    }
}
