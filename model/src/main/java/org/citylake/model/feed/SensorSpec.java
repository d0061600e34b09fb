package org.citylake.model.feed;

import java.io.Serializable;
import java.util.List;

/**
 * The asset a reading is about: its column, where it is read from, and the {@code ref} table that
 * must know it.
 *
 * @param column clean-table column holding the asset id
 * @param attributes attributes tried in order; {@code id} is the entity id (always present)
 * @param ref the {@code ref} table (without namespace) whose {@code id} lists the known assets;
 *     null: any asset is accepted
 * @param refColumns the columns of {@code ref} besides {@code city} and {@code id}, when the
 *     descriptor defines that table (empty: a table defined elsewhere, or name, lon, lat)
 * @param refDescription the table comment of a ref table the descriptor defines
 * @param comment the column comment
 */
public record SensorSpec(
        String column,
        List<String> attributes,
        String ref,
        List<ColumnSpec> refColumns,
        String refDescription,
        String comment)
        implements Serializable {

    public static final String ENTITY_ID = "id";

    public SensorSpec {
        attributes = attributes == null ? List.of(ENTITY_ID) : List.copyOf(attributes);
        refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
        comment = comment == null ? "" : comment;
    }

    /** The asset is always the entity id. */
    public boolean isEntityId() {
        return attributes.equals(List.of(ENTITY_ID));
    }

    /** The asset may be missing (no attribute of the list present and the entity id not listed). */
    public boolean canBeMissing() {
        return !attributes.contains(ENTITY_ID);
    }
}
