package org.citylake.bench.cityday;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.bench.airquality.AirStationsDay;
import org.citylake.bench.lighting.StreetlightDay;
import org.citylake.bench.parking.ParkingLotsDay;
import org.citylake.bench.traffic.MinuteTrafficDay;
import org.citylake.bench.waste.BinFillDay;
import org.citylake.model.EntityType;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.FeedConverter;

/**
 * The Hangzhou-scale city-day of DESIGN §7 at a scale (1.0 = full): 10,000 traffic detectors at
 * 1/min (14.4 M readings), 56,000 street lamps at 1/15 min (5.376 M), 1,000 air stations at 1/min
 * (1.44 M), 10,000 bins at 1/h (0.24 M) and 300 parking lots at 1/5 min (86,400) — 21,542,400
 * readings on Monday 2014-08-18, each feed scaled up from the bundled real feed of its city (lamps,
 * which have none, from a switching model). Sensors scale with {@code scale}, readings per sensor
 * do not.
 */
public final class CityDay {

    /** The city-day's date, the same local day in each feed's city. */
    public static final String DATE = "2014-08-18";

    private final List<CityDayFeed> feeds;

    private CityDay(List<CityDayFeed> feeds) {
        this.feeds = feeds;
    }

    /**
     * Converts the bundled real data ({@code testDataDir}, the repository's {@code test-data}) with
     * the product's converter into {@code <workDir>/base-feeds} and builds the generators on it.
     */
    public static CityDay fromTestData(Path testDataDir, Path workDir, double scale, long seed)
            throws IOException {
        if (!Files.isDirectory(testDataDir)) {
            throw new IllegalArgumentException(
                    "the bundled test data is not at "
                            + testDataDir
                            + "; run from a CityLake checkout (citylake.home)");
        }
        Path baseFeeds = workDir.resolve("base-feeds");
        if (!Files.isDirectory(baseFeeds)) {
            FeedConverter.convertAll(testDataDir, baseFeeds);
        }
        return fromFeeds(baseFeeds, scale, seed);
    }

    /** Builds the generators on already converted real feeds. */
    public static CityDay fromFeeds(Path baseFeeds, double scale, long seed) throws IOException {
        return new CityDay(
                List.of(
                        MinuteTrafficDay.fromFeeds(baseFeeds, scale, seed),
                        new StreetlightDay(scale, seed),
                        AirStationsDay.fromFeeds(baseFeeds, scale, seed),
                        BinFillDay.fromFeeds(baseFeeds, scale, seed),
                        ParkingLotsDay.fromFeeds(baseFeeds, scale, seed)));
    }

    public List<CityDayFeed> feeds() {
        return feeds;
    }

    /** Readings of the whole day. */
    public long readings() {
        return feeds.stream().mapToLong(CityDayFeed::readings).sum();
    }

    /** Readings per entity type (= rows each clean table must hold). */
    public Map<EntityType, Long> readingsByType() {
        Map<EntityType, Long> m = new LinkedHashMap<>();
        feeds.forEach(f -> m.merge(f.entityType(), f.readings(), Long::sum));
        return m;
    }

    /**
     * Writes every feed and its ref rows, and each city's registration, under {@code feedsDir};
     * returns readings per type.
     */
    public Map<EntityType, Long> write(Path feedsDir) throws IOException {
        Map<EntityType, Long> written = new LinkedHashMap<>();
        for (CityDayFeed feed : feeds) {
            long n = feed.write(feedsDir);
            if (n != feed.readings()) {
                throw new IllegalStateException(
                        feed.entityType().ngsiType()
                                + ": wrote "
                                + n
                                + " readings, expected "
                                + feed.readings());
            }
            written.merge(feed.entityType(), n, Long::sum);
        }
        for (String city : feeds.stream().map(CityDayFeed::city).distinct().toList()) {
            BundledCities.write(BundledCities.of(city), feedsDir); // registers it at ref load
        }
        return written;
    }
}
