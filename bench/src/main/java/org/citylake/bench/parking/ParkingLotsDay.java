package org.citylake.bench.parking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Parking lots of Aarhus reporting every 5 minutes on 2014-08-18, from the bundled garages'
 * readings of that day (8 garages, about one reading per half hour each).
 *
 * <p>Lot {@code j} copies garage {@code j mod 8}; replica {@code r = j / 8 ≥ 1} gets id {@code
 * <real id>-<r>}, a capacity scaled by a factor from [0.8, 1.2] and an occupancy factor from [0.9,
 * 1.1], both drawn per lot from the seed. The occupied share at a slot interpolates linearly
 * between the garage's real readings around it (holding the first before it and the last after it),
 * capped at 1, so every reading is valid (the real feed has garages counting more cars than spaces;
 * those are dead letters, not readings). Readings are NGSI-LD normalized, as the converter writes
 * the real feed. Full scale: 300 lots × 288 = 86,400 readings.
 */
public final class ParkingLotsDay implements CityDayFeed {

    public static final int FULL_SCALE_LOTS = 300;
    public static final String CITY = "aarhus";
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.AARHUS.zone();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTEXT =
            "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

    /** One garage: its ref row and its readings of the day as (epoch s, occupied share). */
    private record Garage(ObjectNode ref, int totalSpots, double[] times, double[] shares) {}

    private final List<Garage> garages;
    private final int lots;
    private final long seed;
    private final DaySlots slots;

    private ParkingLotsDay(List<Garage> garages, int lots, long seed) {
        this.garages = garages;
        this.lots = lots;
        this.seed = seed;
        this.slots = new DaySlots(DAY, ZONE, Duration.ofMinutes(5));
    }

    /**
     * Reads {@code <feeds>/aarhus/parking.jsonl} (the day's readings) and the garages' ref rows.
     */
    public static ParkingLotsDay fromFeeds(Path baseFeeds, double scale, long seed)
            throws IOException {
        Path ref = FeedConverter.refPath(baseFeeds, CITY, EntityType.OFF_STREET_PARKING.refTable());
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ref, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add((ObjectNode) JSON.readTree(line));
            }
        }
        rows.sort(Comparator.comparing(r -> r.get("id").asText()));
        Instant from = DAY.atStartOfDay(ZONE).toInstant();
        Instant to = DAY.plusDays(1).atStartOfDay(ZONE).toInstant();
        Map<String, List<double[]>> readings = new HashMap<>();
        Path feed = FeedConverter.feedPath(baseFeeds, CITY, Feed.PARKING);
        try (BufferedReader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains(DAY.toString())) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                Instant t =
                        OffsetDateTime.parse(e.at("/observationDateTime/value/@value").asText())
                                .toInstant();
                int total = e.at("/totalSpotNumber/value").asInt(0);
                int occupied = e.at("/occupiedSpotNumber/value").asInt(0);
                if (t.isBefore(from) || !t.isBefore(to) || total <= 0) {
                    continue;
                }
                double share = Math.max(0, Math.min(1, occupied / (double) total));
                readings.computeIfAbsent(e.get("id").asText(), k -> new ArrayList<>())
                        .add(new double[] {t.getEpochSecond(), share});
            }
        }
        List<Garage> garages = new ArrayList<>();
        for (ObjectNode row : rows) {
            List<double[]> r = readings.get(row.get("id").asText());
            if (r == null || r.isEmpty()) {
                continue; // a garage silent that day
            }
            r.sort(Comparator.comparingDouble(x -> x[0]));
            garages.add(
                    new Garage(
                            row,
                            row.path("total_spots").asInt(),
                            r.stream().mapToDouble(x -> x[0]).toArray(),
                            r.stream().mapToDouble(x -> x[1]).toArray()));
        }
        if (garages.isEmpty()) {
            throw new IllegalStateException("no garage readings of " + DAY + " in " + feed);
        }
        return new ParkingLotsDay(
                List.copyOf(garages), CityDayFeed.atScale(FULL_SCALE_LOTS, scale), seed);
    }

    @Override
    public EntityType entityType() {
        return EntityType.OFF_STREET_PARKING;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return lots;
    }

    @Override
    public int readingsPerSensor() {
        return slots.count();
    }

    private String lotId(int j) {
        String real = garages.get(j % garages.size()).ref().get("id").asText();
        int replica = j / garages.size();
        return replica == 0 ? real : real + "-" + replica;
    }

    private int capacity(int j) {
        Garage g = garages.get(j % garages.size());
        return j < garages.size()
                ? g.totalSpots()
                : (int)
                        Math.max(
                                1,
                                Math.round(g.totalSpots() * Seeds.between(seed, j, 1, 0.8, 1.2)));
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        Path ref = FeedConverter.refPath(feedsDir, CITY, entityType().refTable());
        Files.createDirectories(ref.getParent());
        String[] ids = new String[lots];
        String[] names = new String[lots];
        int[] capacity = new int[lots];
        double[] factor = new double[lots];
        try (Writer out = Files.newBufferedWriter(ref, StandardCharsets.UTF_8)) {
            for (int j = 0; j < lots; j++) {
                ids[j] = lotId(j);
                capacity[j] = capacity(j);
                factor[j] = j < garages.size() ? 1 : Seeds.between(seed, j, 2, 0.9, 1.1);
                ObjectNode row = garages.get(j % garages.size()).ref().deepCopy();
                names[j] = ids[j].substring(ids[j].lastIndexOf(':') + 1);
                row.put("id", ids[j]);
                row.put("name", names[j]);
                row.put("total_spots", capacity[j]);
                out.write(row.toString());
                out.write('\n');
            }
        }
        Path file = FeedConverter.feedPath(feedsDir, CITY, Feed.PARKING);
        long written = 0;
        StringBuilder s = new StringBuilder(600);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < slots.count(); k++) {
                long t = slots.start(k).getEpochSecond();
                for (int j = 0; j < lots; j++) {
                    Garage g = garages.get(j % garages.size());
                    double share = Math.min(1, share(g, t) * factor[j]);
                    int occupied = (int) Math.round(share * capacity[j]);
                    s.setLength(0);
                    s.append("{\"id\":\"")
                            .append(ids[j])
                            .append("\",\"type\":\"OffStreetParking\",\"name\":")
                            .append("{\"type\":\"Property\",\"value\":\"")
                            .append(names[j])
                            .append("\"}");
                    property(s, "totalSpotNumber", capacity[j]);
                    property(s, "occupiedSpotNumber", occupied);
                    property(s, "availableSpotNumber", capacity[j] - occupied);
                    s.append(",\"observationDateTime\":{\"type\":\"Property\",\"value\":")
                            .append("{\"@type\":\"DateTime\",\"@value\":\"")
                            .append(slots.text(k))
                            .append("\"}}");
                    JsonNode lon = g.ref().get("lon");
                    JsonNode lat = g.ref().get("lat");
                    if (lon != null && lat != null) {
                        s.append(",\"location\":{\"type\":\"GeoProperty\",\"value\":")
                                .append("{\"type\":\"Point\",\"coordinates\":[")
                                .append(lon.asText())
                                .append(',')
                                .append(lat.asText())
                                .append("]}}");
                    }
                    s.append(",\"@context\":\"").append(CONTEXT).append("\"}\n");
                    out.append(s);
                    written++;
                }
            }
        }
        return written;
    }

    private static void property(StringBuilder s, String name, int value) {
        s.append(",\"")
                .append(name)
                .append("\":{\"type\":\"Property\",\"value\":")
                .append(value)
                .append('}');
    }

    /** Occupied share at {@code t}: linear between the readings around it, held at the ends. */
    private static double share(Garage g, long t) {
        double[] times = g.times();
        double[] shares = g.shares();
        if (t <= times[0]) {
            return shares[0];
        }
        for (int i = 1; i < times.length; i++) {
            if (t <= times[i]) {
                double w = (t - times[i - 1]) / (times[i] - times[i - 1]);
                return shares[i - 1] + (shares[i] - shares[i - 1]) * w;
            }
        }
        return shares[shares.length - 1];
    }
}
