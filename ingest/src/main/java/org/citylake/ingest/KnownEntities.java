package org.citylake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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

    /** ref table → city → ids. */
    private final Map<String, Map<String, KnownIds>> byRef;

    private KnownEntities(Map<String, Map<String, KnownIds>> byRef) {
        this.byRef = byRef;
    }

    /** The assets of the ref tables {@code types} are checked against. */
    public static KnownEntities load(Catalog catalog, Iterable<EntityDescriptor> types) {
        Map<String, Map<String, Set<String>>> byRef = new HashMap<>();
        Set<String> loaded = new HashSet<>();
        for (EntityDescriptor type : types) {
            String ref = type.refTable().orElse(null);
            if (ref == null || !loaded.add(ref)) {
                continue;
            }
            Table table = catalog.loadTable(TableIdentifier.parse(ref));
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(table).select("city", "id").build()) {
                Map<String, Set<String>> byCity = byRef.computeIfAbsent(ref, r -> new HashMap<>());
                for (Record row : rows) {
                    byCity.computeIfAbsent((String) row.getField("city"), c -> new HashSet<>())
                            .add((String) row.getField("id"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ref, e);
            }
        }
        Map<String, Map<String, KnownIds>> compact = new HashMap<>();
        byRef.forEach(
                (ref, byCity) -> {
                    Map<String, KnownIds> cities = new HashMap<>();
                    byCity.forEach((city, ids) -> cities.put(city, KnownIds.of(ids)));
                    compact.put(ref, cities);
                });
        return new KnownEntities(compact);
    }

    /** The ids {@code ref} lists for a city (empty when none). */
    KnownIds ids(String ref, String city) {
        Map<String, KnownIds> byCity = byRef.get(ref);
        KnownIds ids = byCity == null ? null : byCity.get(city);
        return ids == null ? KnownIds.none() : ids;
    }
}
