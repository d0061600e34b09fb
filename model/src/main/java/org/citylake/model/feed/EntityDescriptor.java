package org.citylake.model.feed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One FIWARE entity type of a feed and its {@code clean} table: where the asset and the observation
 * time are read, and every measured column.
 *
 * @param type the NGSI {@code type} accepted
 * @param table the clean table's name, without namespace
 * @param description the table comment
 * @param partition time partitioning of the clean table after {@code city}: {@code day} for
 *     high-rate feeds, {@code month} for the rest
 * @param sensor the asset the reading is about
 * @param observedAt where the observation time is read
 * @param dedup the columns that, with the city and the observation time, identify a reading;
 *     default {@code entity_id}
 * @param columns measured columns, in table order
 */
public record EntityDescriptor(
        String type,
        String table,
        String description,
        String partition,
        SensorSpec sensor,
        ObservedSpec observedAt,
        List<String> dedup,
        List<ColumnSpec> columns)
        implements Serializable {

    public static final String DAY = "day";
    public static final String MONTH = "month";

    public EntityDescriptor {
        partition = partition == null ? MONTH : partition;
        dedup = dedup == null || dedup.isEmpty() ? List.of("entity_id") : List.copyOf(dedup);
        columns = columns == null ? List.of() : List.copyOf(columns);
        description =
                description == null
                        ? "Valid, unique " + type + " readings (FIWARE Smart Data Model)"
                        : description;
    }

    /** Fully qualified clean table, e.g. {@code clean.traffic_flow}. */
    public String cleanTable() {
        return "clean." + table;
    }

    public String sensorColumn() {
        return sensor.column();
    }

    /** Fully qualified ref table that must know the asset; empty when any asset is accepted. */
    public Optional<String> refTable() {
        return Optional.ofNullable(sensor.ref()).map(r -> "ref." + r);
    }

    /** The measured columns, then the interval length, as they follow the observation time. */
    public List<String> measureColumns() {
        List<String> names = new ArrayList<>();
        names.add(sensor.column());
        if (observedAt.lengthColumn() != null && column(observedAt.lengthColumn()).isEmpty()) {
            names.add(observedAt.lengthColumn());
        }
        columns.forEach(c -> names.add(c.name()));
        return names;
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
