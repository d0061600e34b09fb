package org.citylake.cli;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.citylake.model.Feed;
import picocli.CommandLine.Option;

/** Which feeds and cities of the feed files a command takes: {@code --feed}, {@code --city}. */
public final class FeedSelectionArgs {

    @Option(
            names = "--feed",
            split = ",",
            paramLabel = "FEED",
            description = "Only these feeds: traffic, air, lighting, waste, parking (default all).")
    List<String> feeds;

    @Option(names = "--city", split = ",", paramLabel = "CITY", description = "Only these cities.")
    List<String> cities;

    /** The chosen feeds (all when none is named); an unknown feed is an error naming the known. */
    Set<Feed> feeds() {
        if (feeds == null || feeds.isEmpty()) {
            return EnumSet.allOf(Feed.class);
        }
        Set<Feed> set = EnumSet.noneOf(Feed.class);
        feeds.forEach(id -> set.add(Feed.of(id)));
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
