package org.citylake.analytics.parking;

import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.job.JobContext;
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
}
