package org.citylake.bench.waste;

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
 * Litter bins of Edinburgh reporting their filling level every hour ({@code WasteContainer},
 * keyValues), from the bundled 2016 collection records of 334 bins.
 *
 * <p>Per real bin the record gives its mean filling level when emptied, the mean time between
 * emptyings (30 days at most) and the weight of a full bin (cargo weight / filling level). A
 * generated bin fills linearly from 0 at an emptying to that mean level at the next, with a phase
 * in the cycle and a level factor from [0.9, 1.1] drawn per bin from the seed; level × weight of a
 * full bin is its cargo weight. Bin {@code j} copies real bin {@code j mod 334} (its site, category
 * and capacity in {@code ref.waste_containers}); replica {@code j / 334 ≥ 1} gets id {@code <real
 * id>-<replica>}. Full scale: 10,000 bins × 24 hours = 240,000 readings.
 */
public final class BinFillDay implements CityDayFeed {

    public static final int FULL_SCALE_BINS = 10_000;
    public static final String CITY = "edinburgh";
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.EDINBURGH.zone();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MAX_CYCLE_H = 30 * 24;
    private static final double MIN_CYCLE_H = 24;

    /** What the record tells of one real bin. */
    record Profile(double levelAtEmptying, double cycleHours, double kgWhenFull, String category) {}

    private final List<ObjectNode> refRows;
    private final List<Profile> profiles;
    private final int bins;
    private final long seed;
    private final DaySlots hours;

    private BinFillDay(List<ObjectNode> refRows, List<Profile> profiles, int bins, long seed) {
        this.refRows = refRows;
        this.profiles = profiles;
        this.bins = bins;
        this.seed = seed;
        this.hours = new DaySlots(DAY, ZONE, Duration.ofHours(1));
    }

    /** Reads {@code <feeds>/edinburgh/waste.jsonl} and the bins' ref rows. */
    public static BinFillDay fromFeeds(Path baseFeeds, double scale, long seed) throws IOException {
        Path ref = FeedConverter.refPath(baseFeeds, CITY, EntityType.WASTE_CONTAINER.refTable());
        List<ObjectNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ref, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add((ObjectNode) JSON.readTree(line));
            }
        }
        rows.sort(Comparator.comparing(r -> r.get("id").asText()));
        Map<String, List<double[]>> readings = new HashMap<>(); // id → [epoch s, level, kg]
        Path feed = FeedConverter.feedPath(baseFeeds, CITY, Feed.WASTE);
        try (BufferedReader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains("\"type\":\"WasteContainer\"")) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                JsonNode level = e.get("fillingLevel");
                JsonNode time = e.get("dateObserved");
                if (level == null || !level.isNumber() || time == null) {
                    continue;
                }
                Instant t = OffsetDateTime.parse(time.asText()).toInstant();
                readings.computeIfAbsent(e.get("id").asText(), k -> new ArrayList<>())
                        .add(
                                new double[] {
                                    t.getEpochSecond(),
                                    level.asDouble(),
                                    e.path("cargoWeight").asDouble(Double.NaN)
                                });
            }
        }
        Profile pooled = pooled(readings);
        List<Profile> profiles = new ArrayList<>();
        for (ObjectNode row : rows) {
            List<double[]> r = readings.get(row.get("id").asText());
            profiles.add(profile(r, pooled, row.path("category").asText("Mixed")));
        }
        return new BinFillDay(
                List.copyOf(rows),
                List.copyOf(profiles),
                CityDayFeed.atScale(FULL_SCALE_BINS, scale),
                seed);
    }

    private static Profile pooled(Map<String, List<double[]>> readings) {
        List<double[]> all = new ArrayList<>();
        readings.values().forEach(all::addAll);
        double level = all.stream().mapToDouble(r -> r[1]).average().orElse(0.5);
        double kg = kgWhenFull(all, 20);
        double gaps = 0;
        int n = 0;
        for (List<double[]> r : readings.values()) {
            double g = meanGapHours(r);
            if (!Double.isNaN(g)) {
                gaps += g;
                n++;
            }
        }
        return new Profile(level, n == 0 ? 7 * 24 : gaps / n, kg, "Mixed");
    }

    private static Profile profile(List<double[]> r, Profile pooled, String category) {
        if (r == null || r.isEmpty()) {
            return new Profile(
                    pooled.levelAtEmptying(), pooled.cycleHours(), pooled.kgWhenFull(), category);
        }
        double level = r.stream().mapToDouble(x -> x[1]).average().orElse(0.5);
        double gap = meanGapHours(r);
        return new Profile(
                Math.min(1.2, level),
                Double.isNaN(gap) ? pooled.cycleHours() : gap,
                kgWhenFull(r, pooled.kgWhenFull()),
                category);
    }

    /** Mean hours between successive emptyings, clamped to [1, 30] days; NaN with fewer than 2. */
    private static double meanGapHours(List<double[]> r) {
        if (r.size() < 2) {
            return Double.NaN;
        }
        r.sort(Comparator.comparingDouble(x -> x[0]));
        double hours = (r.get(r.size() - 1)[0] - r.get(0)[0]) / 3600 / (r.size() - 1);
        return Math.max(MIN_CYCLE_H, Math.min(MAX_CYCLE_H, hours));
    }

    private static double kgWhenFull(List<double[]> r, double fallback) {
        double sum = 0;
        int n = 0;
        for (double[] x : r) {
            if (x[1] > 0.05 && !Double.isNaN(x[2]) && x[2] >= 0) {
                sum += x[2] / x[1];
                n++;
            }
        }
        return n == 0 ? fallback : sum / n;
    }

    @Override
    public EntityType entityType() {
        return EntityType.WASTE_CONTAINER;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return bins;
    }

    @Override
    public int readingsPerSensor() {
        return hours.count();
    }

    String binId(int j) {
        String real = refRows.get(j % refRows.size()).get("id").asText();
        int replica = j / refRows.size();
        return replica == 0 ? real : real + "-" + replica;
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        Path ref = FeedConverter.refPath(feedsDir, CITY, entityType().refTable());
        Files.createDirectories(ref.getParent());
        String[] ids = new String[bins];
        try (Writer out = Files.newBufferedWriter(ref, StandardCharsets.UTF_8)) {
            for (int j = 0; j < bins; j++) {
                ids[j] = binId(j);
                ObjectNode row = refRows.get(j % refRows.size()).deepCopy();
                row.put("id", ids[j]);
                out.write(row.toString());
                out.write('\n');
            }
        }
        Path file = FeedConverter.feedPath(feedsDir, CITY, Feed.WASTE);
        long written = 0;
        StringBuilder s = new StringBuilder(300);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int h = 0; h < hours.count(); h++) {
                for (int j = 0; j < bins; j++) {
                    Profile p = profiles.get(j % profiles.size());
                    double factor = Seeds.between(seed, j, 1, 0.9, 1.1);
                    double phase = Seeds.unit(seed, j, 2) * p.cycleHours();
                    double inCycle = ((phase + h) % p.cycleHours()) / p.cycleHours();
                    double level =
                            Seeds.round(Math.min(1.2, p.levelAtEmptying() * factor * inCycle), 3);
                    double kg = Seeds.round(level * p.kgWhenFull(), 2);
                    s.setLength(0);
                    s.append("{\"id\":\"")
                            .append(ids[j])
                            .append("\",\"type\":\"WasteContainer\",\"dateObserved\":\"")
                            .append(hours.text(h))
                            .append("\",\"fillingLevel\":")
                            .append(level)
                            .append(",\"cargoWeight\":")
                            .append(kg)
                            .append(",\"category\":\"")
                            .append(p.category())
                            .append("\"}\n");
                    out.append(s);
                    written++;
                }
            }
        }
        return written;
    }
}
