package org.citylake.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;

/**
 * Tunables of the ingest workflow, and the city registry it reads readings against.
 *
 * @param futureTolerance readings observed further ahead of the wall clock are refused
 * @param maxOutOfOrderness how far behind the newest reading a reading may arrive and still be on
 *     time (event-time watermark lag)
 * @param idleness a source partition silent this long no longer holds the watermark back
 * @param dedupLookback the duplicate-detection horizon: how far behind a sensor's newest reading
 *     its observation times are remembered, and how far before the lake's recorded watermark
 *     already-committed readings are loaded when a job starts
 * @param parallelism parallelism of parsing, deduplication and writing
 * @param cities the registered cities ({@code ref.cities} when the plan was built): a timestamp
 *     sent without an offset is read in its city's zone; a reading of a city not in it is
 *     dead-lettered as {@code UNKNOWN_CITY}, to be replayed once the city is registered
 */
public record IngestSettings(
        Duration futureTolerance,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration dedupLookback,
        int parallelism,
        CityRegistry cities,
        FeedCatalog feeds)
        implements Serializable {

    public IngestSettings {
        if (cities == null) {
            throw new IllegalArgumentException("no city registry given");
        }
        if (feeds == null) {
            throw new IllegalArgumentException("no feed catalog given");
        }
    }

    /** Defaults for the built-in feeds. */
    public static IngestSettings defaults(CityRegistry cities) {
        return defaults(cities, FeedCatalog.builtIn());
    }

    /** Defaults for the feeds of {@code feeds} (a lake's catalog, read when the plan is built). */
    public static IngestSettings defaults(CityRegistry cities, FeedCatalog feeds) {
        return new IngestSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofDays(14),
                1,
                cities,
                feeds);
    }

    public IngestSettings withParallelism(int p) {
        return new IngestSettings(
                futureTolerance, maxOutOfOrderness, idleness, dedupLookback, p, cities, feeds);
    }

    /** The descriptor of feed {@code id}. */
    public FeedDescriptor feed(String id) {
        return feeds.feed(id);
    }

    /** The registered city of this id, if any. */
    public Optional<City> city(String id) {
        return cities.find(id);
    }
}
