package org.citylake.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;

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
        CityRegistry cities)
        implements Serializable {

    public IngestSettings {
        if (cities == null) {
            throw new IllegalArgumentException("no city registry given");
        }
    }

    public static IngestSettings defaults(CityRegistry cities) {
        return new IngestSettings(
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofDays(14),
                1,
                cities);
    }

    public IngestSettings withParallelism(int p) {
        return new IngestSettings(
                futureTolerance, maxOutOfOrderness, idleness, dedupLookback, p, cities);
    }

    /** The registered city of this id, if any. */
    public Optional<City> city(String id) {
        return cities.find(id);
    }
}
