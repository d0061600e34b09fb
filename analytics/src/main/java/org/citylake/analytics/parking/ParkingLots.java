package org.citylake.analytics.parking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;

/** The garages of {@code ref.parking_lots}. */
public final class ParkingLots {

    public static final String TABLE = EntityType.OFF_STREET_PARKING.refTable();

    private ParkingLots() {}

    /** Lot id → capacity (null when unknown) of one city's garages, ordered by id. */
    public static Map<String, Integer> load(Lake lake, String city) {
        Map<String, Integer> lots = new TreeMap<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(lake.table(TABLE))
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .select("id", "total_spots")
                        .build()) {
            rows.forEach(
                    r -> lots.put((String) r.getField("id"), (Integer) r.getField("total_spots")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return lots;
    }

    /** The cities with at least one garage. */
    public static List<String> cities(Lake lake) {
        TreeSet<String> cities = new TreeSet<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(lake.table(TABLE)).select(TableRegistry.CITY).build()) {
            rows.forEach(r -> cities.add((String) r.getField(TableRegistry.CITY)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return List.copyOf(cities);
    }
}
