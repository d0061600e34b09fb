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
import org.citylake.model.feed.EntityDescriptor;

/** The assets a feed's readings may refer to: the {@code (city, id)} pairs of its ref tables. */
public final class KnownEntities {

    private final Set<String> cityAndId;

    private KnownEntities(Set<String> cityAndId) {
        this.cityAndId = cityAndId;
    }

    /** The assets of the ref tables {@code types} are checked against. */
    public static KnownEntities load(Catalog catalog, Iterable<EntityDescriptor> types) {
        Set<String> keys = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        for (EntityDescriptor type : types) {
            String ref = type.refTable().orElse(null);
            if (ref == null || !loaded.add(ref)) {
                continue;
            }
            Table table = catalog.loadTable(TableIdentifier.parse(ref));
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(table).select("city", "id").build()) {
                for (Record row : rows) {
                    keys.add(key(ref, (String) row.getField("city"), (String) row.getField("id")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ref, e);
            }
        }
        return new KnownEntities(keys);
    }

    /** Whether {@code ref} (e.g. {@code ref.road_segments}) lists asset {@code id} of a city. */
    public boolean contains(String ref, String city, String id) {
        return cityAndId.contains(key(ref, city, id));
    }

    public int size() {
        return cityAndId.size();
    }

    private static String key(String ref, String city, String id) {
        return ref + '\u0001' + city + '\u0001' + id;
    }
}
