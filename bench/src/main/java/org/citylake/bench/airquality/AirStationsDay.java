package org.citylake.bench.airquality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Locale;
import org.citylake.bench.cityday.CityDayFeed;
import org.citylake.bench.cityday.DaySlots;
import org.citylake.bench.cityday.Seeds;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.FeedConverter;

/**
 * Air-quality stations of Beijing reporting every minute on 2014-08-18, from the bundled US Embassy
 * hourly record of that day (UCI Beijing PM2.5: PM2.5, temperature, dew point, pressure, wind).
 *
 * <p>Minute {@code m} of a station interpolates linearly between the real values of the hour
 * holding {@code m} and the next hour (the last hour holds; an hour without a PM2.5 value takes the
 * nearest hour's). Station {@code 0} is the embassy itself ({@code beijing-us-embassy}, the real
 * values at each full hour); station {@code i ≥ 1} ({@code beijing-aq-<i>}) scales PM2.5 by a
 * factor from [0.7, 1.3] and adds offsets of ±1.5 °C to temperature and dew point and ±2 hPa to
 * pressure, all drawn per station from the seed, plus ±3 % per-minute PM2.5 noise. Readings are
 * NGSI-v2 normalized, as the converter writes the real feed. Full scale: 1,000 stations × 1,440
 * minutes = 1.44 M readings.
 */
public final class AirStationsDay implements CityDayFeed {

    public static final int FULL_SCALE_STATIONS = 1_000;
    public static final String CITY = "beijing";
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.BEIJING.zone();
    public static final String REAL_STATION = "beijing-us-embassy";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {
        "pm25", "temperature", "dewPoint", "atmosphericPressure", "cumulatedWindSpeed"
    };

    /** hour → field → value; hour 24 repeats hour 23. */
    private final double[][] hourly;

    private final int[] windDirection;
    private final int stations;
    private final long seed;
    private final DaySlots minutes;
    private final double lon;
    private final double lat;

    private AirStationsDay(
            double[][] hourly,
            int[] windDirection,
            int stations,
            long seed,
            double lon,
            double lat) {
        this.hourly = hourly;
        this.windDirection = windDirection;
        this.stations = stations;
        this.seed = seed;
        this.minutes = new DaySlots(DAY, ZONE, Duration.ofMinutes(1));
        this.lon = lon;
        this.lat = lat;
    }

    /**
     * Reads the day's 24 hourly readings from the converted feed {@code <feeds>/beijing/air.jsonl}.
     */
    public static AirStationsDay fromFeeds(Path baseFeeds, double scale, long seed)
            throws IOException {
        double[][] hourly = new double[25][FIELDS.length];
        boolean[][] present = new boolean[24][FIELDS.length];
        int[] wind = new int[24];
        java.util.Arrays.fill(wind, -1);
        Instant start = DAY.atStartOfDay(ZONE).toInstant();
        Path feed = FeedConverter.feedPath(baseFeeds, CITY, Feed.AIR);
        try (BufferedReader in = Files.newBufferedReader(feed, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains(DAY.toString())) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                Instant t = OffsetDateTime.parse(e.at("/dateObserved/value").asText()).toInstant();
                long h = Duration.between(start, t).toHours();
                if (h < 0 || h >= 24) {
                    continue;
                }
                for (int f = 0; f < FIELDS.length; f++) {
                    JsonNode v = e.at("/" + FIELDS[f] + "/value");
                    if (v.isNumber()) {
                        hourly[(int) h][f] = v.asDouble();
                        present[(int) h][f] = true;
                    }
                }
                JsonNode w = e.at("/windDirection/value");
                if (w.isNumber()) {
                    wind[(int) h] = w.asInt();
                }
            }
        }
        for (int f = 0; f < FIELDS.length; f++) {
            fill(hourly, present, f);
        }
        hourly[24] = hourly[23].clone();
        JsonNode station =
                JSON.readTree(
                        Files.readAllLines(
                                        FeedConverter.refPath(
                                                baseFeeds,
                                                CITY,
                                                EntityType.AIR_QUALITY_OBSERVED.refTable()))
                                .get(0));
        return new AirStationsDay(
                hourly,
                wind,
                CityDayFeed.atScale(FULL_SCALE_STATIONS, scale),
                seed,
                station.path("lon").asDouble(116.4667),
                station.path("lat").asDouble(39.9547));
    }

    /** Hours without a value take the nearest hour's (earlier first); none at all is an error. */
    private static void fill(double[][] hourly, boolean[][] present, int f) {
        for (int h = 0; h < 24; h++) {
            if (present[h][f]) {
                continue;
            }
            for (int d = 1; d < 24; d++) {
                if (h - d >= 0 && present[h - d][f]) {
                    hourly[h][f] = hourly[h - d][f];
                    break;
                }
                if (h + d < 24 && present[h + d][f]) {
                    hourly[h][f] = hourly[h + d][f];
                    break;
                }
                if (d == 23) {
                    throw new IllegalStateException(
                            "no " + FIELDS[f] + " value in the bundled Beijing record of " + DAY);
                }
            }
        }
    }

    @Override
    public EntityType entityType() {
        return EntityType.AIR_QUALITY_OBSERVED;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return stations;
    }

    @Override
    public int readingsPerSensor() {
        return minutes.count();
    }

    static String stationId(int i) {
        return i == 0 ? REAL_STATION : String.format(Locale.ROOT, "beijing-aq-%04d", i);
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        Path ref = FeedConverter.refPath(feedsDir, CITY, entityType().refTable());
        Files.createDirectories(ref.getParent());
        double[] pmFactor = new double[stations];
        double[] tempOffset = new double[stations];
        double[] dewOffset = new double[stations];
        double[] pressureOffset = new double[stations];
        String[] ids = new String[stations];
        try (Writer out = Files.newBufferedWriter(ref, StandardCharsets.UTF_8)) {
            for (int i = 0; i < stations; i++) {
                ids[i] = stationId(i);
                boolean real = i == 0;
                pmFactor[i] = real ? 1 : Seeds.between(seed, i, 1, 0.7, 1.3);
                tempOffset[i] = real ? 0 : Seeds.between(seed, i, 2, -1.5, 1.5);
                dewOffset[i] = real ? 0 : Seeds.between(seed, i, 3, -1.5, 1.5);
                pressureOffset[i] = real ? 0 : Seeds.between(seed, i, 4, -2, 2);
                double x = real ? lon : Seeds.round(lon + Seeds.between(seed, i, 5, -0.3, 0.3), 5);
                double y = real ? lat : Seeds.round(lat + Seeds.between(seed, i, 6, -0.2, 0.2), 5);
                out.write(
                        "{\"city\":\""
                                + CITY
                                + "\",\"id\":\""
                                + ids[i]
                                + "\",\"name\":\""
                                + (real ? "US Embassy, Beijing" : "station " + i)
                                + "\",\"lon\":"
                                + x
                                + ",\"lat\":"
                                + y
                                + "}\n");
            }
        }
        Path file = FeedConverter.feedPath(feedsDir, CITY, Feed.AIR);
        long written = 0;
        StringBuilder s = new StringBuilder(700);
        double[] v = new double[FIELDS.length];
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int m = 0; m < minutes.count(); m++) {
                int h = m / 60;
                double w = (m % 60) / 60.0;
                for (int f = 0; f < FIELDS.length; f++) {
                    v[f] = hourly[h][f] + (hourly[h + 1][f] - hourly[h][f]) * w;
                }
                for (int i = 0; i < stations; i++) {
                    double noise =
                            i == 0 && m % 60 == 0
                                    ? 1
                                    : Seeds.between(seed, i, 100L + m, 0.97, 1.03);
                    double pm25 = Seeds.round(Math.max(0, v[0] * pmFactor[i] * noise), 1);
                    s.setLength(0);
                    s.append("{\"id\":\"urn:ngsi-ld:AirQualityObserved:")
                            .append(CITY)
                            .append(':')
                            .append(i == 0 ? "us-embassy" : ids[i].substring(CITY.length() + 1))
                            .append("\",\"type\":\"AirQualityObserved\",\"dateObserved\":")
                            .append("{\"type\":\"DateTime\",\"value\":\"")
                            .append(minutes.text(m))
                            .append("\"},\"refPointOfInterest\":{\"type\":\"Text\",\"value\":\"")
                            .append(ids[i])
                            .append("\"}");
                    number(s, "pm25", pm25);
                    number(s, "temperature", Seeds.round(v[1] + tempOffset[i], 1));
                    number(s, "dewPoint", Seeds.round(v[2] + dewOffset[i], 1));
                    number(s, "atmosphericPressure", Seeds.round(v[3] + pressureOffset[i], 1));
                    if (windDirection[h] >= 0) {
                        number(s, "windDirection", windDirection[h]);
                    }
                    number(s, "cumulatedWindSpeed", Seeds.round(v[4], 2));
                    s.append("}\n");
                    out.append(s);
                    written++;
                }
            }
        }
        return written;
    }

    private static void number(StringBuilder s, String name, double value) {
        s.append(",\"").append(name).append("\":{\"type\":\"Number\",\"value\":");
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            s.append((long) value);
        } else {
            s.append(value);
        }
        s.append('}');
    }
}
