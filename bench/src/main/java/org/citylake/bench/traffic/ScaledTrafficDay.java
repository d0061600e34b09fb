package org.citylake.bench.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.FeedConverter;

/**
 * The bundled Aarhus traffic day (CityPulse, 2014-08-18, 449 segments × 288 five-minute intervals)
 * scaled up to any number of readings: more road segments, same statistics.
 *
 * <p>The base is the real feed as the product's converter writes it (TrafficFlowObserved,
 * keyValues), keeping the first reading of each (segment, interval) — 128,612 readings. Replica 0
 * of the network is the real day unchanged; replica {@code r ≥ 1} adds a copy of every segment, id
 * {@code <segment>-<r>}, whose readings are the real ones with speed scaled by a factor drawn
 * uniformly from [0.9, 1.1] (travel times divided by the same factor) and vehicle counts by an
 * independent factor from the same range (a segment that saw vehicles still sees at least one).
 * Every factor is derived from the seed, the replica and the base reading alone, so the readings
 * are the same for the same seed whatever count is asked and in whatever order they are read.
 *
 * <p>{@link #readings} walks the scaled day in observation-time order: interval by interval, each
 * interval's replicas in turn. Every reading is valid and unique per (entity, observation time), so
 * ingesting {@code n} of them must leave exactly {@code n} rows in {@code clean.traffic_flow}.
 */
public final class ScaledTrafficDay {

    /**
     * City of the bundled traffic day; the ref rows and entity ids use it unless told otherwise.
     */
    public static final String BASE_CITY = "aarhus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = EntityType.TRAFFIC_FLOW_OBSERVED.ngsiType();
    private static final double SPREAD = 0.10;

    /** One real reading: its JSON as converted and where its interval starts. */
    private record Base(ObjectNode json, String segment, Instant from, int interval) {}

    private final List<Base> base;
    private final List<ObjectNode> segments;
    private final int[] intervalStart;
    private final long seed;

    private ScaledTrafficDay(List<Base> base, List<ObjectNode> segments, long seed) {
        this.base = base;
        this.segments = segments;
        this.seed = seed;
        int intervals = base.isEmpty() ? 0 : base.get(base.size() - 1).interval() + 1;
        this.intervalStart = new int[intervals + 1];
        int i = 0;
        for (int k = 0; k < intervals; k++) {
            while (i < base.size() && base.get(i).interval() < k) {
                i++;
            }
            intervalStart[k] = i;
        }
        intervalStart[intervals] = base.size();
    }

    /**
     * Converts the bundled traffic day from {@code testDataDir} (the repository's {@code
     * test-data}) with the product's converter into {@code workDir}, then loads it.
     */
    public static ScaledTrafficDay fromTestData(Path testDataDir, Path workDir, long seed)
            throws IOException {
        String folder = "citypulse-aarhus-traffic";
        Path source = testDataDir.resolve(folder);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException(
                    "the bundled Aarhus traffic day is not at "
                            + source
                            + "; run from a CityLake checkout (citylake.home) or pass --test-data");
        }
        Path only = workDir.resolve("source");
        Files.createDirectories(only);
        Path link = only.resolve(folder);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, source.toAbsolutePath());
        }
        Path feeds = workDir.resolve("base-feeds");
        FeedConverter.convertAll(only, feeds);
        return fromFeeds(feeds, seed);
    }

    /** Loads the converted feed {@code <feeds>/aarhus/traffic.jsonl} and its road segments. */
    public static ScaledTrafficDay fromFeeds(Path feedsDir, long seed) throws IOException {
        Path feed = FeedConverter.feedPath(feedsDir, BASE_CITY, Feed.TRAFFIC);
        Path ref =
                FeedConverter.refPath(
                        feedsDir, BASE_CITY, EntityType.TRAFFIC_FLOW_OBSERVED.refTable());
        List<ObjectNode> segments = new ArrayList<>();
        for (JsonNode node : readJsonLines(ref)) {
            segments.add((ObjectNode) node);
        }
        segments.sort(Comparator.comparing(s -> s.get("id").asText()));

        Set<String> seen = new HashSet<>();
        List<Base> rows = new ArrayList<>();
        for (JsonNode node : readJsonLines(feed)) {
            String segment = node.get("refRoadSegment").asText();
            String from = node.get("dateObservedFrom").asText();
            if (!seen.add(segment + '/' + from)) {
                continue; // a duplicate in the source: the first reading counts
            }
            rows.add(
                    new Base(
                            (ObjectNode) node, segment, OffsetDateTime.parse(from).toInstant(), 0));
        }
        rows.sort(Comparator.comparing(Base::from).thenComparing(Base::segment));
        List<Base> numbered = new ArrayList<>(rows.size());
        Map<Instant, Integer> intervals = new LinkedHashMap<>();
        for (Base b : rows) {
            int interval = intervals.computeIfAbsent(b.from(), k -> intervals.size());
            numbered.add(new Base(b.json(), b.segment(), b.from(), interval));
        }
        if (numbered.isEmpty() || segments.isEmpty()) {
            throw new IllegalStateException(
                    "no traffic readings or road segments in " + feedsDir + " to scale up");
        }
        return new ScaledTrafficDay(List.copyOf(numbered), List.copyOf(segments), seed);
    }

    /** The same base day with another seed for the scaled replicas. */
    public ScaledTrafficDay withSeed(long otherSeed) {
        return new ScaledTrafficDay(base, segments, otherSeed);
    }

    /** Readings of the real day after removing duplicates: 128,612 for the bundled day. */
    public int baseReadings() {
        return base.size();
    }

    /** Road segments of the real network: 449. */
    public int baseSegments() {
        return segments.size();
    }

    /** Replicas of the network needed for {@code count} readings. */
    public int replicasFor(long count) {
        return (int) Math.max(1, (count + base.size() - 1) / base.size());
    }

    /** Segment id of a base segment in a replica. */
    public static String segmentId(String baseSegment, int replica) {
        return replica == 0 ? baseSegment : baseSegment + "-" + replica;
    }

    public static String entityId(String city, String segmentId) {
        return "urn:ngsi-ld:" + TYPE + ":" + city + ":" + segmentId;
    }

    /**
     * The first {@code count} readings of the scaled day in observation-time order, as JSON lines
     * for {@code city}, over {@link #replicasFor(long) replicasFor(count)} replicas.
     */
    public Iterator<String> readings(long count, String city) {
        int replicas = replicasFor(count);
        return new Iterator<>() {
            long emitted;
            int interval;
            int replica;
            int offset;

            @Override
            public boolean hasNext() {
                return emitted < count;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int index = intervalStart[interval] + offset;
                String line = json(base.get(index), index, replica, city, null);
                emitted++;
                offset++;
                if (intervalStart[interval] + offset >= intervalStart[interval + 1]) {
                    offset = 0;
                    replica++;
                    if (replica == replicas) {
                        replica = 0;
                        interval = (interval + 1) % (intervalStart.length - 1);
                    }
                }
                return line;
            }
        };
    }

    /**
     * Reading {@code k} of a live stream over {@code replicas} replicas, observed from {@code
     * observedFrom} for five minutes: the values of the base readings in turn (cycling through the
     * day), for the segments in turn.
     */
    public String liveReading(long k, int replicas, String city, Instant observedFrom) {
        int index = (int) ((k / replicas) % base.size());
        int replica = (int) (k % replicas);
        return json(base.get(index), index, replica, city, observedFrom);
    }

    /**
     * A reading of a segment no other reading uses ({@link #MARKER_SEGMENT}), whose {@code
     * intensity} carries {@code sequence}: freshness probes look for it.
     */
    public static String markerReading(String city, long sequence, Instant observedFrom) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", entityId(city, MARKER_SEGMENT));
        e.put("type", TYPE);
        e.put("refRoadSegment", MARKER_SEGMENT);
        putInterval(e, observedFrom);
        e.put("intensity", sequence);
        return e.toString();
    }

    /** Segment of the freshness marker readings (a ref row exists for it in every replica set). */
    public static final String MARKER_SEGMENT = "marker";

    private String json(Base b, int index, int replica, String city, Instant observedFrom) {
        ObjectNode e = b.json().deepCopy();
        String segment = segmentId(b.segment(), replica);
        e.put("id", entityId(city, segment));
        e.put("refRoadSegment", segment);
        if (observedFrom != null) {
            putInterval(e, observedFrom);
        }
        if (replica > 0) {
            SplittableRandom random = new SplittableRandom(mix(seed, replica, index));
            double speedFactor = 1 + (random.nextDouble() * 2 - 1) * SPREAD;
            double countFactor = 1 + (random.nextDouble() * 2 - 1) * SPREAD;
            JsonNode intensity = e.get("intensity");
            if (intensity != null && intensity.isNumber() && intensity.asLong() > 0) {
                e.put("intensity", Math.max(1, Math.round(intensity.asLong() * countFactor)));
            }
            scale(e, "averageVehicleSpeed", speedFactor);
            scale(e, "averageTravelTime", 1 / speedFactor);
            scale(e, "medianTravelTime", 1 / speedFactor);
        }
        return e.toString();
    }

    private static void putInterval(ObjectNode e, Instant from) {
        String start = from.toString();
        String end = from.plus(Duration.ofMinutes(5)).toString();
        e.put("dateObserved", start + "/" + end);
        e.put("dateObservedFrom", start);
        e.put("dateObservedTo", end);
    }

    private static void scale(ObjectNode e, String field, double factor) {
        JsonNode v = e.get(field);
        if (v != null && v.isNumber()) {
            long scaled = Math.round(v.asDouble() * factor);
            e.put(field, v.asDouble() > 0 ? Math.max(1, scaled) : scaled);
        }
    }

    /** A seed for one (replica, base reading): SplitMix64 over the three numbers. */
    static long mix(long seed, int replica, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + replica * 0xBF58476D1CE4E5B9L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Writes the road segments of {@code replicas} replicas for {@code city} (plus the marker
     * segment) to {@code <feedsDir>/<city>/ref/road_segments.jsonl}, and the city's registration to
     * {@code ref/cities.jsonl}, where {@code citylake ref load} and {@link
     * org.citylake.ref.RefLoader} find them. Returns the number of road segment rows.
     */
    public int writeRoadSegments(Path feedsDir, String city, int replicas) throws IOException {
        Path file =
                FeedConverter.refPath(feedsDir, city, EntityType.TRAFFIC_FLOW_OBSERVED.refTable());
        Files.createDirectories(file.getParent());
        int rows = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int r = 0; r < replicas; r++) {
                for (ObjectNode segment : segments) {
                    ObjectNode row = segment.deepCopy();
                    row.put("city", city);
                    row.put("id", segmentId(segment.get("id").asText(), r));
                    out.write(row.toString());
                    out.write('\n');
                    rows++;
                }
            }
            ObjectNode marker = JSON.createObjectNode();
            marker.put("city", city);
            marker.put("id", MARKER_SEGMENT);
            marker.put("name", "freshness probe (benchmark)");
            out.write(marker.toString());
            out.write('\n');
            rows++;
        }
        // registered where the base city is: the readings keep Aarhus' zone and centroid
        City base = BundledCities.AARHUS;
        BundledCities.write(
                City.of(
                        city,
                        city,
                        base.country(),
                        base.zone().getId(),
                        base.lon(),
                        base.lat(),
                        null,
                        null),
                feedsDir);
        return rows;
    }

    private static List<JsonNode> readJsonLines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no converted feed file " + file);
        }
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    try {
                        nodes.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException("unreadable line in " + file, e);
                    }
                }
            }
        }
        return nodes;
    }
}
