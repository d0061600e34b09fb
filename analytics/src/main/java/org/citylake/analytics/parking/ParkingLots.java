package org.citylake.analytics.parking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.job.JobContext;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;

/** The garages of {@code ref.parking_lots}. */
public final class ParkingLots {

    public static final String TABLE = EntityType.OFF_STREET_PARKING.refTable();

    private ParkingLots() {}

    /** Lot id → capacity (null when unknown) of the run's city's garages, ordered by id. */
    public static Map<String, Integer> of(JobContext context) {
        Map<String, Integer> lots = new TreeMap<>();
        for (Record r : context.ref(TABLE)) {
            lots.put((String) r.getField("id"), (Integer) r.getField("total_spots"));
        }
        if (lots.isEmpty()) {
            throw new IllegalStateException(
                    TABLE
                            + " has no garage for city '"
                            + context.city()
                            + "': load the reference data first (citylake ref load)");
        }
        return lots;
    }

    /**
     * Lot id → name of {@code city}'s garages that have a name (not blank), for printing and
     * reports; a garage without one is shown by its id.
     */
    public static Map<String, String> names(Lake lake, String city) {
        Map<String, String> names = new TreeMap<>();
        try (CloseableIterable<Record> lots =
                IcebergGenerics.read(lake.table(TABLE))
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .select("id", "name")
                        .build()) {
            for (Record r : lots) {
                Object name = r.getField("name");
                if (name != null && !name.toString().isBlank()) {
                    names.put((String) r.getField("id"), name.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return names;
    }
}
