package org.citylake.model.feed;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The type of a clean-table column as a descriptor names it. */
public enum ColumnType {
    TEXT,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType of(String id) {
        for (ColumnType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown column type '"
                        + id
                        + "'; expected one of "
                        + Arrays.stream(values()).map(ColumnType::id).toList());
    }

    public boolean numeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }
}
