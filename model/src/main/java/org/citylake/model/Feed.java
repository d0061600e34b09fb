package org.citylake.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;

/**
 * The built-in feeds the analytics read, by name: one Kafka topic ({@code city.<name>}), one replay
 * file per city, one {@code raw} table. What a feed carries is defined by its descriptor ({@link
 * #descriptor()}); a city adds a feed with a descriptor file, not with a constant here.
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

    /** The built-in descriptor of this feed. */
    public FeedDescriptor descriptor() {
        return FeedCatalog.builtIn().feed(id);
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
