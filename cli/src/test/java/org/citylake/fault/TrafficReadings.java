package org.citylake.fault;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;

/**
 * A deterministic traffic feed for fault runs: {@code segments} synthetic road segments of city
 * {@value #CITY}, each reporting one valid {@code TrafficFlowObserved} reading per 5-minute
 * interval from {@link #START}. Every field derives from the reading's index and the seed, never
 * the clock, so the expected content checksum ({@link ReadingChecksum}) is known before the job
 * runs.
 *
 * <p>Layout as the ingest job expects it: {@code <feeds>/<city>/traffic.jsonl} and the segments in
 * {@code <feeds>/<city>/ref/road_segments.jsonl}.
 */
public final class TrafficReadings {

    public static final String CITY = "synth";

    /** The synthetic city, registered by {@link #writeRef} (its readings carry UTC offsets). */
    public static final City SYNTH = City.of(CITY, "Synth", null, "UTC", 10.2, 56.15, null, null);

    public static final Instant START = Instant.parse("2024-03-30T00:00:00Z");
    public static final Duration INTERVAL = Duration.ofMinutes(5);

    private final int segments;
    private final long seed;

    public TrafficReadings(int segments, long seed) {
        this.segments = segments;
        this.seed = seed;
    }

    /** What a correct ingest of the written feed must leave in the lake. */
    public record Expected(long readings, long checksum, Path feedFile) {}

    public static String segment(int i) {
        return "seg-" + i;
    }

    /** Reading {@code n}: its segment, time and values, a pure function of {@code n} and seed. */
    public Reading reading(long n) {
        int segment = (int) (n % segments);
        Instant from = START.plus(INTERVAL.multipliedBy(n / segments));
        SplittableRandom random = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
        long intensity = random.nextInt(0, 400);
        // Whole tenths of km/h survive the JSON round trip exactly.
        double speed = random.nextInt(0, 1300) / 10.0;
        return new Reading(segment(segment), from, intensity, speed);
    }

    /** One reading as its values. */
    public record Reading(String segment, Instant from, long intensity, double speedKmh) {

        public String json() {
            return "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:"
                    + CITY
                    + ":"
                    + segment
                    + "\",\"type\":\"TrafficFlowObserved\",\"refRoadSegment\":\""
                    + segment
                    + "\",\"dateObservedFrom\":\""
                    + from
                    + "\",\"dateObservedTo\":\""
                    + from.plus(INTERVAL)
                    + "\",\"intensity\":"
                    + intensity
                    + ",\"averageVehicleSpeed\":"
                    + speedKmh
                    + "}";
        }

        public long checksum() {
            return ReadingChecksum.of(CITY, segment, from, intensity, speedKmh);
        }
    }

    /** Writes {@code readings} readings and the segments' ref file under {@code feeds}. */
    public Expected write(Path feeds, long readings) throws IOException {
        writeRef(feeds);
        Path file = feeds.resolve(CITY).resolve("traffic.jsonl");
        long checksum = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long n = 0; n < readings; n++) {
                Reading reading = reading(n);
                out.write(reading.json());
                out.write('\n');
                checksum += reading.checksum();
            }
        }
        return new Expected(readings, checksum, file);
    }

    /** The registry of an ingest of this feed. */
    public static CityRegistry cities() {
        return CityRegistry.of(SYNTH);
    }

    /**
     * The segments as {@code ref.road_segments} rows of {@value #CITY}, and the city's registration
     * ({@code cities.jsonl}).
     */
    public void writeRef(Path feeds) throws IOException {
        Path ref = feeds.resolve(CITY).resolve("ref").resolve("road_segments.jsonl");
        Files.createDirectories(ref.getParent());
        Files.writeString(
                ref.resolveSibling("cities.jsonl"),
                "{\"city\":\""
                        + CITY
                        + "\",\"name\":\"Synth\",\"time_zone\":\"UTC\",\"lon\":10.2,\"lat\":56.15}\n",
                StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            rows.add(
                    "{\"city\":\""
                            + CITY
                            + "\",\"id\":\""
                            + segment(i)
                            + "\",\"length_m\":500.0,\"free_flow_time_s\":30.0}");
        }
        Files.write(ref, rows, StandardCharsets.UTF_8);
    }
}
