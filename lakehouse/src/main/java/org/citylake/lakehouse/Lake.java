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
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
            }
        }
        return new Lake(config, catalogLoader(config).loadCatalog());
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
