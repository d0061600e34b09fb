package org.citylake.lakehouse.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.citylake.lakehouse.config.LakeOptions.Option;

/**
 * The resolved lake configuration. Precedence, highest first: explicit overrides (CLI options) >
 * environment variables > properties file > defaults. The properties file is {@code
 * citylake.config} if set, else {@code <data-dir>/citylake.properties} when it exists; credentials
 * belong there or in the environment, never in the repository.
 */
public final class LakeConfig implements Serializable {

    private final Map<String, String> values;

    private LakeConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Resolves the configuration from overrides, the process environment and the config file. */
    public static LakeConfig load(Map<String, String> overrides) {
        return load(overrides, System.getenv());
    }

    static LakeConfig load(Map<String, String> overrides, Map<String, String> env) {
        Map<String, String> fromEnv = new HashMap<>();
        for (Option option : LakeOptions.ALL) {
            String value = env.get(option.envVar());
            if (value != null && !value.isBlank()) {
                fromEnv.put(option.key(), value);
            }
        }
        Map<String, String> noFile = new HashMap<>(fromEnv);
        noFile.putAll(stripBlank(overrides));
        String configFile = noFile.get(LakeOptions.CONFIG_FILE.key());
        String dataDir =
                noFile.getOrDefault(
                        LakeOptions.DATA_DIR.key(), LakeOptions.DATA_DIR.defaultValue());
        Path file =
                configFile != null ? Path.of(configFile) : Path.of(dataDir, "citylake.properties");
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Option option : LakeOptions.ALL) {
            if (option.defaultValue() != null) {
                resolved.put(option.key(), option.defaultValue());
            }
        }
        if (Files.isRegularFile(file)) {
            resolved.putAll(readProperties(file));
        } else if (configFile != null) {
            throw new IllegalArgumentException(
                    "config file "
                            + file.toAbsolutePath()
                            + " does not exist (from citylake.config)");
        }
        resolved.putAll(noFile);
        if (Profile.of(resolved.get(LakeOptions.PROFILE.key())) == Profile.STACK) {
            // What `citylake stack up` generated (endpoints, credentials) fills the gaps.
            Path stackFile = stackDir(resolved).resolve(STACK_PROPERTIES);
            if (Files.isRegularFile(stackFile)) {
                readProperties(stackFile).forEach(resolved::putIfAbsent);
            }
        }
        return new LakeConfig(resolved);
    }

    /** The file {@code citylake stack up} writes its endpoints and generated credentials to. */
    public static final String STACK_PROPERTIES = "stack.properties";

    private static Path stackDir(Map<String, String> values) {
        String dir = values.get(LakeOptions.STACK_DIR.key());
        return dir != null
                ? Path.of(dir).toAbsolutePath().normalize()
                : Path.of(values.get(LakeOptions.DATA_DIR.key()), "stack")
                        .toAbsolutePath()
                        .normalize();
    }

    /** Where the local stack keeps its servers' data, logs, PID files and credentials. */
    public Path stackDir() {
        return stackDir(values);
    }

    /** Where unpacked server distributions are cached (shared by data dirs). */
    public Path stackCache() {
        String dir = get(LakeOptions.STACK_CACHE);
        return dir != null
                ? Path.of(dir).toAbsolutePath().normalize()
                : Path.of(System.getProperty("user.home"), ".cache", "citylake");
    }

    /** An integer option, with the key in the error when it is not one. */
    public int intValue(Option option) {
        String value = get(option);
        try {
            return Integer.parseInt(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    option.key() + " must be an integer, got '" + value + "'", e);
        }
    }

    public static LakeConfig embedded(Path dataDir) {
        return load(
                Map.of(
                        LakeOptions.PROFILE.key(),
                        "embedded",
                        LakeOptions.DATA_DIR.key(),
                        dataDir.toString()),
                Map.of());
    }

    public Profile profile() {
        return Profile.of(get(LakeOptions.PROFILE));
    }

    public Path dataDir() {
        return Path.of(get(LakeOptions.DATA_DIR)).toAbsolutePath().normalize();
    }

    public String catalogName() {
        return get(LakeOptions.CATALOG_NAME);
    }

    public String get(Option option) {
        return values.get(option.key());
    }

    /** A copy with some keys replaced. */
    public LakeConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new HashMap<>(values);
        copy.putAll(stripBlank(overrides));
        return new LakeConfig(copy);
    }

    /** Iceberg catalog properties for {@link org.apache.iceberg.jdbc.JdbcCatalog}. */
    public Map<String, String> catalogProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.citylake.lakehouse.LakeJdbcCatalog");
        props.put("jdbc.schema-version", "V1");
        Profile profile = profile();
        if (profile == Profile.EMBEDDED) {
            String uri = values.get(LakeOptions.CATALOG_URI.key());
            // WAL + busy timeout: several committers of one JVM share the SQLite file.
            props.put(
                    "uri",
                    uri != null
                            ? uri
                            : "jdbc:sqlite:"
                                    + dataDir().resolve("catalog.db")
                                    + "?journal_mode=WAL&busy_timeout=60000");
            String warehouse = values.get(LakeOptions.WAREHOUSE.key());
            props.put(
                    "warehouse",
                    warehouse != null
                            ? warehouse
                            : dataDir().resolve("warehouse").toUri().toString());
        } else {
            props.put("uri", require(LakeOptions.CATALOG_URI));
            props.put("jdbc.user", require(LakeOptions.CATALOG_USER));
            props.put("jdbc.password", require(LakeOptions.CATALOG_PASSWORD));
            String warehouse = values.get(LakeOptions.WAREHOUSE.key());
            props.put("warehouse", warehouse != null ? warehouse : "s3://citylake/warehouse");
            props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
            props.put("s3.endpoint", require(LakeOptions.S3_ENDPOINT));
            props.put("s3.path-style-access", "true");
            props.put("s3.access-key-id", require(LakeOptions.S3_ACCESS_KEY));
            props.put("s3.secret-access-key", require(LakeOptions.S3_SECRET_KEY));
            props.put("client.region", get(LakeOptions.S3_REGION));
            props.put("http-client.type", "urlconnection");
        }
        return props;
    }

    /** All resolved values with secrets masked, for `--help`-style display and logs. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Option option : LakeOptions.ALL) {
            String value = values.get(option.key());
            if (value != null) {
                boolean secret =
                        option.key().contains("password") || option.key().contains("secret");
                shown.put(option.key(), secret ? "****" : value);
            }
        }
        return shown;
    }

    private String require(Option option) {
        String value = values.get(option.key());
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "profile "
                            + profile().id()
                            + " needs "
                            + option.key()
                            + " (environment "
                            + option.envVar()
                            + " or the config file): "
                            + option.description());
        }
        return value;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v.toString().trim()));
        return map;
    }

    private static Map<String, String> stripBlank(Map<String, String> in) {
        Map<String, String> out = new HashMap<>();
        in.forEach(
                (k, v) -> {
                    if (v != null && !v.isBlank()) {
                        out.put(k, v);
                    }
                });
        return out;
    }
}
