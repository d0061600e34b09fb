package org.citylake.ingest.parse;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.citylake.model.feed.EntityDescriptor;

/**
 * A reading that parsed and passed the payload-only checks. Its column values sit in the slots of
 * its type's {@link ValueSlots} (no map per reading: the clean row is filled slot by slot).
 */
public final class ParsedReading {

    private final EntityDescriptor type;
    private final String entityId;
    private final Instant observedAt;
    private final String sensorId;
    private final ValueSlots slots;
    private final Object[] values;

    ParsedReading(
            EntityDescriptor type,
            String entityId,
            Instant observedAt,
            String sensorId,
            ValueSlots slots,
            Object[] values) {
        this.type = type;
        this.entityId = entityId;
        this.observedAt = observedAt;
        this.sensorId = sensorId;
        this.slots = slots;
        this.values = values;
    }

    /** The entity type's descriptor, which fixes the clean table. */
    public EntityDescriptor type() {
        return type;
    }

    /** The NGSI {@code id}. */
    public String entityId() {
        return entityId;
    }

    /** Observation time (interval start for intervals). */
    public Instant observedAt() {
        return observedAt;
    }

    /** The asset the reading is about; also present under the descriptor's sensor column. */
    public String sensorId() {
        return sensorId;
    }

    /** The value in slot {@code slot} of the type's {@link ValueSlots}, or null. */
    public Object slot(int slot) {
        return values[slot];
    }

    /** The value of clean-table column {@code column}, or null when absent. */
    public Object value(String column) {
        int slot = slots.slotOf(column);
        return slot < 0 ? null : values[slot];
    }

    /**
     * Clean-table column name → value (String, Integer, Long, Double, Boolean, Instant), in
     * descriptor order; absent optional attributes are simply missing. Built on each call.
     */
    public Map<String, Object> values() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                map.put(slots.name(i), values[i]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** Equal when of the same type, entity, time, sensor and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedReading r
                && type.equals(r.type)
                && Objects.equals(entityId, r.entityId)
                && Objects.equals(observedAt, r.observedAt)
                && Objects.equals(sensorId, r.sensorId)
                && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type.type(), entityId, observedAt, sensorId, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return type.type() + " " + entityId + " at " + observedAt + " " + values();
    }
}
