package org.citylake.bench.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citylake.bench.cityday.CityDayFeed;
import org.citylake.bench.cityday.DaySlots;
import org.citylake.bench.cityday.Seeds;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.FeedConverter;

/**
 * Traffic detectors reporting every minute, from the bundled Aarhus day (2014-08-18, 449 segments ×
 * 288 five-minute intervals).
 *
 * <p>Detector {@code d} lies on base segment {@code d mod 449} in network replica {@code d / 449}
 * (segment id {@code <segment>-<replica>}, replica 0 keeps the real ids, as in {@link
 * ScaledTrafficDay}). Its minute {@code m} takes the real reading of the five-minute interval
 * holding {@code m} (a missing interval repeats the segment's previous reading, or its next one at
 * the start of the day): the interval's vehicles are split over its five minutes (the remainder to
 * the first minutes, rotated by detector), speed and travel times are the real ones. In replicas
 * {@code r ≥ 1} the interval's speed is scaled by a factor from [0.9, 1.1] (travel times divided by
 * it) and its vehicles by an independent one, both drawn from the seed, detector and interval
 * alone. Full scale: 10,000 detectors × 1,440 minutes = 14.4 M readings.
 */
public final class MinuteTrafficDay implements CityDayFeed {

    /** Detectors of the full-scale city-day. */
    public static final int FULL_SCALE_DETECTORS = 10_000;

    public static final String CITY = ScaledTrafficDay.BASE_CITY;
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.AARHUS.zone();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINUTES_PER_INTERVAL = 5;
    private static final double SPREAD = 0.10;

    /** One real five-minute reading's values; speed and times absent when {@code speed < 0}. */
    private record Base(long intensity, long speed, long travel, long medianTravel) {}

    private final List<ObjectNode> segments;
    private final Base[][] base;
    private final Path districts;
    private final int detectors;
    private final long seed;
    private final DaySlots minutes;

    private MinuteTrafficDay(
            List<ObjectNode> segments, Base[][] base, Path districts, int detectors, long seed) {
        this.segments = segments;
        this.base = base;
        this.districts = districts;
        this.detectors = detectors;
        this.seed = seed;
        this.minutes = new DaySlots(DAY, ZONE, Duration.ofMinutes(1));
    }

    /** Reads the converted bundled day ({@code <feeds>/aarhus/traffic.jsonl} and its ref rows). */
    public static MinuteTrafficDay fromFeeds(Path baseFeeds, double scale, long seed)
            throws IOException {
        Path ref =
                FeedConverter.refPath(baseFeeds, CITY, EntityType.TRAFFIC_FLOW_OBSERVED.refTable());
        List<ObjectNode> segments = new ArrayList<>();
        for (String line : Files.readAllLines(ref, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                segments.add((ObjectNode) JSON.readTree(line));
            }
        }
        segments.sort(Comparator.comparing(s -> s.get("id").asText()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            index.put(segments.get(i).get("id").asText(), i);
        }
        Instant dayStart = DAY.atStartOfDay(ZONE).toInstant();
        int intervals = 24 * 60 / MINUTES_PER_INTERVAL;
        Base[][] base = new Base[segments.size()][intervals];
        Path feed = FeedConverter.feedPath(baseFeeds, CITY, Feed.TRAFFIC);
        try (BufferedReader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                Integer s = index.get(e.get("refRoadSegment").asText());
                Instant from = OffsetDateTime.parse(e.get("dateObservedFrom").asText()).toInstant();
                long k = Duration.between(dayStart, from).toMinutes() / MINUTES_PER_INTERVAL;
                if (s == null || k < 0 || k >= intervals || base[s][(int) k] != null) {
                    continue; // another day, an unknown segment or a repeated interval
                }
                base[s][(int) k] = of(e);
            }
        }
        for (Base[] series : base) {
            fillGaps(series);
        }
        Path districts = FeedConverter.refPath(baseFeeds, CITY, "ref.districts");
        int detectors = CityDayFeed.atScale(FULL_SCALE_DETECTORS, scale);
        return new MinuteTrafficDay(List.copyOf(segments), base, districts, detectors, seed);
    }

    private static Base of(JsonNode e) {
        long intensity = Math.max(0, e.path("intensity").asLong(0));
        if (!e.hasNonNull("averageVehicleSpeed")) {
            return new Base(intensity, -1, -1, -1);
        }
        return new Base(
                intensity,
                e.get("averageVehicleSpeed").asLong(),
                e.path("averageTravelTime").asLong(-1),
                e.path("medianTravelTime").asLong(-1));
    }

    /** Missing intervals repeat the previous reading; leading ones the first reading. */
    private static void fillGaps(Base[] series) {
        Base last = null;
        for (int k = 0; k < series.length; k++) {
            if (series[k] == null) {
                series[k] = last;
            } else {
                last = series[k];
            }
        }
        Base first = null;
        for (int k = series.length - 1; k >= 0; k--) {
            if (series[k] != null) {
                first = series[k];
            } else {
                series[k] = first != null ? first : new Base(0, -1, -1, -1);
            }
        }
    }

    @Override
    public EntityType entityType() {
        return EntityType.TRAFFIC_FLOW_OBSERVED;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return detectors;
    }

    @Override
    public int readingsPerSensor() {
        return minutes.count();
    }

    /** Segment id of detector {@code d}. */
    public String segmentId(int d) {
        String real = segments.get(d % segments.size()).get("id").asText();
        return ScaledTrafficDay.segmentId(real, d / segments.size());
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        Path refFile = FeedConverter.refPath(feedsDir, CITY, entityType().refTable());
        Files.createDirectories(refFile.getParent());
        try (Writer out = Files.newBufferedWriter(refFile, StandardCharsets.UTF_8)) {
            for (int d = 0; d < detectors; d++) {
                ObjectNode row = segments.get(d % segments.size()).deepCopy();
                row.put("city", CITY);
                row.put("id", segmentId(d));
                out.write(row.toString());
                out.write('\n');
            }
        }
        if (Files.isRegularFile(districts)) {
            Files.copy(
                    districts,
                    FeedConverter.refPath(feedsDir, CITY, "ref.districts"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        String[] ids = new String[detectors];
        for (int d = 0; d < detectors; d++) {
            ids[d] = segmentId(d);
        }
        Path file = FeedConverter.feedPath(feedsDir, CITY, Feed.TRAFFIC);
        long written = 0;
        StringBuilder line = new StringBuilder(400);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int m = 0; m < minutes.count(); m++) {
                for (int d = 0; d < detectors; d++) {
                    line.setLength(0);
                    reading(line, d, ids[d], m);
                    out.append(line);
                    written++;
                }
            }
        }
        return written;
    }

    private void reading(StringBuilder s, int d, String segment, int minute) {
        int k = minute / MINUTES_PER_INTERVAL;
        int replica = d / segments.size();
        Base b = base[d % segments.size()][k];
        double speedFactor = 1;
        double countFactor = 1;
        if (replica > 0) {
            speedFactor = Seeds.between(seed, d, 2L * k, 1 - SPREAD, 1 + SPREAD);
            countFactor = Seeds.between(seed, d, 2L * k + 1, 1 - SPREAD, 1 + SPREAD);
        }
        long vehicles = b.intensity();
        if (vehicles > 0 && replica > 0) {
            vehicles = Math.max(1, Math.round(vehicles * countFactor));
        }
        int j = minute % MINUTES_PER_INTERVAL;
        long share =
                vehicles / MINUTES_PER_INTERVAL
                        + ((j + d) % MINUTES_PER_INTERVAL < vehicles % MINUTES_PER_INTERVAL
                                ? 1
                                : 0);
        String from = minutes.text(minute);
        String to = minutes.text(minute + 1);
        s.append("{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:")
                .append(CITY)
                .append(':')
                .append(segment)
                .append("\",\"type\":\"TrafficFlowObserved\",\"refRoadSegment\":\"")
                .append(segment)
                .append("\",\"dateObserved\":\"")
                .append(from)
                .append('/')
                .append(to)
                .append("\",\"dateObservedFrom\":\"")
                .append(from)
                .append("\",\"dateObservedTo\":\"")
                .append(to)
                .append("\",\"intensity\":")
                .append(share);
        if (b.speed() >= 0) {
            s.append(",\"averageVehicleSpeed\":").append(scaled(b.speed(), speedFactor));
            if (b.travel() >= 0) {
                s.append(",\"averageTravelTime\":").append(scaled(b.travel(), 1 / speedFactor));
            }
            if (b.medianTravel() >= 0) {
                s.append(",\"medianTravelTime\":")
                        .append(scaled(b.medianTravel(), 1 / speedFactor));
            }
        }
        s.append("}\n");
    }

    private static long scaled(long value, double factor) {
        return value > 0 ? Math.max(1, Math.round(value * factor)) : value;
    }
}
