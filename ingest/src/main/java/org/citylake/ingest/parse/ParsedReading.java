package org.citylake.ingest.parse;

import java.time.Instant;
import java.util.Map;
import org.citylake.model.feed.EntityDescriptor;

/**
 * A reading that parsed and passed the payload-only checks.
 *
 * @param type the entity type's descriptor, which fixes the clean table
 * @param entityId the NGSI {@code id}
 * @param observedAt observation time (interval start for intervals)
 * @param sensorId the asset the reading is about; also present in {@code values} under the
 *     descriptor's sensor column
 * @param values clean-table column name → value (String, Integer, Long, Double, Boolean, Instant);
 *     absent optional attributes are simply missing
 */
public record ParsedReading(
        EntityDescriptor type,
        String entityId,
        Instant observedAt,
        String sensorId,
        Map<String, Object> values) {}
