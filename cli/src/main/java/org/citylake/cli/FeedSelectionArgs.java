package org.citylake.cli;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.citylake.model.feed.FeedCatalog;
import picocli.CommandLine.Option;

/** Which feeds and cities of the feed files a command takes: {@code --feed}, {@code --city}. */
public final class FeedSelectionArgs {

    @Option(
            names = "--feed",
            split = ",",
            paramLabel = "FEED",
            description =
                    "Only these feeds (default all the lake knows: the built-in traffic, air,"
                            + " lighting, waste, parking and any added by a descriptor; see"
                            + " `citylake feeds list`).")
    List<String> feeds;

    @Option(names = "--city", split = ",", paramLabel = "CITY", description = "Only these cities.")
    List<String> cities;

    /**
     * The ids of the chosen feeds of {@code catalog} (all when none is named); an unknown feed is
     * an error naming the known ones.
     */
    Set<String> feeds(FeedCatalog catalog) {
        if (feeds == null || feeds.isEmpty()) {
            return new LinkedHashSet<>(catalog.ids());
        }
        Set<String> set = new LinkedHashSet<>();
        feeds.forEach(id -> set.add(catalog.feed(id.trim().toLowerCase(Locale.ROOT)).id()));
        return set;
    }

    /** The chosen cities; empty: every city. */
    Set<String> cities() {
        return cities == null ? Set.of() : new HashSet<>(cities);
    }

    boolean citiesGiven() {
        return cities != null;
    }
}
