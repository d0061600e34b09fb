package org.citylake.exchange;

import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.lakehouse.config.LakeOptions.Option;
import org.citylake.lakehouse.config.Profile;

/**
 * The exchange's configuration keys. Precedence, highest first: the environment variable (the key
 * upper-cased, dots and dashes as underscores) > the lake's config file ({@code citylake.config} or
 * {@code <data-dir>/citylake.properties}) > the default.
 */
public final class ExchangeOptions {

    public static final Option LOCATION =
            new Option(
                    "citylake.exchange.location",
                    null,
                    "where releases are written (default: next to the warehouse, file:<data-dir>/exchange"
                            + " embedded, s3://<bucket>/exchange on the stack)");
    public static final Option KEY =
            new Option(
                    "citylake.exchange.key",
                    null,
                    "key of the keyed hash (HMAC-SHA256) that pseudonymises ids, at least 32"
                            + " characters (default: generated once into <data-dir>/exchange/secrets.properties, mode 600)");
    public static final Option PRODUCTS_DIR =
            new Option(
                    "citylake.exchange.products-dir",
                    null,
                    "folder of the installation's *.product.json files, added to and overriding the"
                            + " built-in products (default <data-dir>/exchange/products.d)");
    public static final Option DOWNLOADS_PER_MINUTE =
            new Option(
                    "citylake.exchange.downloads-per-minute",
                    "60",
                    "requests per minute one API key may make to the download routes of citylake serve");

    public static final Option BASE_URL =
            new Option(
                    "citylake.exchange.base-url",
                    "http://127.0.0.1:18480",
                    "public address of citylake serve: the catalogue's IRIs and download URLs start with it");

    public static final List<Option> ALL =
            List.of(LOCATION, KEY, PRODUCTS_DIR, DOWNLOADS_PER_MINUTE, BASE_URL);

    private ExchangeOptions() {}

    /** The value of {@code option} for {@code config}: environment > config file > default. */
    public static String get(LakeConfig config, Option option) {
        return get(config, option, System.getenv());
    }

    static String get(LakeConfig config, Option option, Map<String, String> env) {
        String fromEnv = env.get(option.envVar());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String fromConfig = config.get(option);
        return fromConfig != null && !fromConfig.isBlank() ? fromConfig : option.defaultValue();
    }

    /** Where releases go: the configured location, else a sibling of the warehouse. */
    public static String location(LakeConfig config) {
        String configured = get(config, LOCATION);
        if (configured != null) {
            return stripSlash(configured);
        }
        if (config.profile() == Profile.EMBEDDED && config.get(LakeOptions.WAREHOUSE) == null) {
            return stripSlash(config.dataDir().resolve("exchange").toUri().toString());
        }
        String warehouse = stripSlash(config.catalogProperties().get("warehouse"));
        return warehouse.endsWith("/warehouse")
                ? warehouse.substring(0, warehouse.length() - "/warehouse".length()) + "/exchange"
                : warehouse + "-exchange";
    }

    /** The folder of the installation's product files. */
    public static java.nio.file.Path productsDir(LakeConfig config) {
        String configured = get(config, PRODUCTS_DIR);
        return configured != null
                ? java.nio.file.Path.of(configured)
                : config.dataDir().resolve("exchange").resolve("products.d");
    }

    private static String stripSlash(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
}
