package org.citylake.ingest.parse;

import java.time.Instant;
import java.util.Map;
import org.citylake.model.EntityType;

/**
 * A reading that parsed and passed the payload-only checks.
 *
 * @param type the entity type, which fixes the clean table
 * @param entityId the NGSI {@code id}
 * @param observedAt observation time (interval start for intervals)
 * @param sensorId the asset the reading is about; also present in {@code values} under {@link
 *     EntityType#sensorColumn()}
 * @param values clean-table column name → value (String, Integer, Long, Double, Boolean, Instant);
 *     absent optional attributes are simply missing
 */
public record ParsedReading(
        EntityType type,
        String entityId,
        Instant observedAt,
        String sensorId,
        Map<String, Object> values) {}
