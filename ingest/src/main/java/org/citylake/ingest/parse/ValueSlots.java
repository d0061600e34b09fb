package org.citylake.ingest.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.EntityDescriptor;

/**
 * Where each clean-table column an entity type fills sits in a {@link ParsedReading}: slot 0 the
 * sensor column, then the interval-length column when the type has one, then the descriptor's
 * columns in order. Worked out once per type; readers of a reading (the clean row) look a column up
 * once, not per reading.
 */
public final class ValueSlots implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final Map<String, Integer> byName;

    private ValueSlots(List<String> names) {
        this.names = names.toArray(String[]::new);
        this.byName = new HashMap<>();
        for (int i = 0; i < this.names.length; i++) {
            byName.putIfAbsent(this.names[i], i);
        }
    }

    /** The slots of {@code entity}'s readings. */
    public static ValueSlots of(EntityDescriptor entity) {
        List<String> names = new ArrayList<>();
        names.add(entity.sensor().column());
        String length = entity.observedAt().lengthColumn();
        if (length != null && !names.contains(length)) {
            names.add(length);
        }
        for (ColumnSpec spec : entity.columns()) {
            if ((spec.attribute() != null || spec.derive() != null)
                    && !names.contains(spec.name())) {
                names.add(spec.name());
            }
        }
        return new ValueSlots(names);
    }

    public int size() {
        return names.length;
    }

    /** The slot of clean-table column {@code column}, or -1 when the type does not fill it. */
    public int slotOf(String column) {
        Integer slot = byName.get(column);
        return slot == null ? -1 : slot;
    }

    public String name(int slot) {
        return names[slot];
    }
}
