package org.citylake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.model.EntityType;

/** The assets a feed's readings may refer to: the {@code (city, id)} pairs of its ref tables. */
public final class KnownEntities {

    private final Set<String> cityAndId;

    private KnownEntities(Set<String> cityAndId) {
        this.cityAndId = cityAndId;
    }

    public static KnownEntities load(Catalog catalog, Iterable<EntityType> types) {
        Set<String> keys = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        for (EntityType type : types) {
            if (!loaded.add(type.refTable())) {
                continue;
            }
            Table table = catalog.loadTable(TableIdentifier.parse(type.refTable()));
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(table).select("city", "id").build()) {
                for (Record row : rows) {
                    keys.add(key((String) row.getField("city"), (String) row.getField("id")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + type.refTable(), e);
            }
        }
        return new KnownEntities(keys);
    }

    public boolean contains(String city, String id) {
        return cityAndId.contains(key(city, id));
    }

    public int size() {
        return cityAndId.size();
    }

    private static String key(String city, String id) {
        return city + '\u0001' + id;
    }
}
