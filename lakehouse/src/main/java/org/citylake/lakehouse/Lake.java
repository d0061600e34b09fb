package org.citylake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;
import org.citylake.lakehouse.io.PlainLocalFileSystem;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.FeedCatalog;

/** Opens the Iceberg catalog of a {@link LakeConfig}, for drivers and for Flink operators. */
public final class Lake implements AutoCloseable {

    private final LakeConfig config;
    private final Catalog catalog;
    private FeedCatalog feeds;
    private TableRegistry registry;

    private Lake(LakeConfig config, Catalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    public static Lake open(LakeConfig config) {
        if (config.profile() == Profile.EMBEDDED) {
            if (Files.isRegularFile(config.dataDir())) {
                throw new IllegalArgumentException(notAFolder(config));
            }
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
            }
        }
        return new Lake(config, catalogLoader(config).loadCatalog());
    }

    /**
     * Opens a lake that exists, for commands that only read: on the embedded profile a data dir
     * that is a file, is missing, or holds no catalog is an error that says so, and nothing is
     * created.
     */
    public static Lake openExisting(LakeConfig config) {
        requireExisting(config);
        return new Lake(config, catalogLoader(config).loadCatalog());
    }

    /**
     * Throws when the embedded lake of {@code config} does not exist (see {@link #openExisting}).
     */
    public static void requireExisting(LakeConfig config) {
        if (config.profile() != Profile.EMBEDDED) {
            return;
        }
        java.nio.file.Path dir = config.dataDir();
        if (Files.isRegularFile(dir)) {
            throw new IllegalArgumentException(notAFolder(config));
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "no lake at "
                            + dir
                            + ": the folder does not exist; check --data-dir (or"
                            + " CITYLAKE_DATA_DIR), or create a lake there with `citylake"
                            + " lakehouse init --data-dir "
                            + dir
                            + "`");
        }
        String uri = config.catalogProperties().get("uri");
        String sqlite = "jdbc:sqlite:";
        if (uri != null && uri.startsWith(sqlite)) {
            String file = uri.substring(sqlite.length());
            int query = file.indexOf('?');
            java.nio.file.Path db =
                    java.nio.file.Path.of(query < 0 ? file : file.substring(0, query));
            if (!Files.isRegularFile(db)) {
                throw new IllegalArgumentException(
                        "no lake at "
                                + dir
                                + ": the folder holds no catalog ("
                                + db.getFileName()
                                + "); create the lake with `citylake lakehouse init --data-dir "
                                + dir
                                + "`");
            }
        }
    }

    private static String notAFolder(LakeConfig config) {
        return "--data-dir "
                + config.dataDir()
                + " is a file, not a folder: give the folder that holds the lake (catalog.db,"
                + " warehouse/), e.g. ./var";
    }

    /** A serializable loader Flink operators use to open the same catalog on the task managers. */
    public static CatalogLoader catalogLoader(LakeConfig config) {
        return CatalogLoader.custom(
                config.catalogName(),
                config.catalogProperties(),
                config.profile() == Profile.EMBEDDED
                        ? PlainLocalFileSystem.install(new Configuration())
                        : new Configuration(),
                LakeJdbcCatalog.class.getName());
    }

    public CatalogLoader catalogLoader() {
        return catalogLoader(config);
    }

    public TableLoader tableLoader(String table) {
        return TableLoader.fromCatalog(catalogLoader(), TableIdentifier.parse(table));
    }

    public LakeConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Creates missing namespaces and tables, and evolves existing ones to their definitions;
     * returns the tables it created.
     */
    public List<String> init() {
        return registry().createAll(catalog);
    }

    /** As {@link #init()}; {@code changes} hears each column renamed or added in place. */
    public List<String> init(java.util.function.Consumer<String> changes) {
        return registry().createAll(catalog, changes);
    }

    /**
     * The feeds of this lake: built-in, the project's feed folder, {@code <data-dir>/feeds.d}. Read
     * once per opened lake (every command opens its own, so a descriptor dropped in takes effect at
     * the next command).
     */
    public FeedCatalog feeds() {
        if (feeds == null) {
            feeds = FeedCatalog.forDataDir(config.dataDir());
        }
        return feeds;
    }

    /** Every table of this lake, its feeds' included; built once per opened lake. */
    public TableRegistry registry() {
        if (registry == null) {
            registry = TableRegistry.of(feeds());
        }
        return registry;
    }

    public Table table(String name) {
        try {
            return catalog.loadTable(TableIdentifier.parse(name));
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(
                    "table " + name + " does not exist; run `citylake lakehouse init` first", e);
        }
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
