package org.citylake.ingest.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citylake.model.EntityType;

/**
 * Collects the clean-table columns of one reading, starting with the sensor column, and builds the
 * {@link ParsedReading}. Null values (absent attributes) are left out.
 */
final class ReadingValues {

    private final EntityType type;
    private final String sensorId;
    private final Map<String, Object> values = new LinkedHashMap<>(16);

    ReadingValues(EntityType type, String sensorId) {
        this.type = type;
        this.sensorId = sensorId;
        values.put(type.sensorColumn(), sensorId);
    }

    ReadingValues put(String column, Object value) {
        if (value != null) {
            values.put(column, value);
        }
        return this;
    }

    ParsedReading reading(EntityReader entity) {
        return new ParsedReading(
                type,
                entity.entityId(),
                entity.observedAt(),
                sensorId,
                Collections.unmodifiableMap(values));
    }
}
