package org.citylake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A sensor feed: one Kafka topic ({@code city.<name>}), one replay file per city, one {@code raw}
 * table. A feed carries one or more FIWARE entity types, each landing in its own {@code clean}
 * table.
 */
public enum Feed {
    TRAFFIC("traffic"),
    AIR("air"),
    LIGHTING("lighting"),
    WASTE("waste"),
    PARKING("parking");

    private final String id;

    Feed(String id) {
        this.id = id;
    }

    /** Short lower-case name used in table names, topic names, file names and the CLI. */
    public String id() {
        return id;
    }

    public String topic() {
        return "city." + id;
    }

    public String rawTable() {
        return "raw." + id;
    }

    public List<EntityType> entityTypes() {
        return Arrays.stream(EntityType.values()).filter(t -> t.feed() == this).toList();
    }

    public static Feed of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Feed feed : values()) {
            if (feed.id.equals(wanted)) {
                return feed;
            }
        }
        throw new IllegalArgumentException(
                "unknown feed '" + id + "'; expected one of " + Arrays.toString(ids()));
    }

    public static String[] ids() {
        return Arrays.stream(values()).map(Feed::id).toArray(String[]::new);
    }
}
