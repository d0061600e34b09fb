package org.citylake.bench.lighting;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.citylake.bench.cityday.CityDayFeed;
import org.citylake.bench.cityday.DaySlots;
import org.citylake.bench.cityday.Seeds;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.FeedConverter;

/**
 * Street lamps of Aarhus reporting every 15 minutes on 2014-08-18 ({@code Streetlight}, keyValues).
 * There is no bundled lamp data; the model is the one lighting control systems run:
 *
 * <ul>
 *   <li>a lamp is on from sunset to sunrise ({@link SolarDay} for the city's position), its
 *       cabinet's photocell switching up to 10 minutes either side (drawn per cabinet);
 *   <li>from 00:00 to 05:00 local time lamps are dimmed: power state {@code low}, illuminance 0.5,
 *       power half the rated power; otherwise on is illuminance 1 at rated power, off is 0 W;
 *   <li>rated power per lamp from the usual classes 35, 50, 70, 100 and 150 W; lifetime energy
 *       starts anywhere in 0–20,000 kWh and grows with the power drawn between readings;
 *   <li>0.5 % of lamps are defective ({@code status defectiveLamp}, always off, 0 W).
 * </ul>
 *
 * Lamp {@code i} is {@code urn:ngsi-ld:Streetlight:aarhus:lamp-<i>} and hangs on cabinet {@code i /
 * 40} (rows in {@code ref.streetlights} and {@code ref.streetlight_cabinets}). Full scale: 56,000
 * lamps × 96 readings = 5.376 M.
 */
public final class StreetlightDay implements CityDayFeed {

    public static final int FULL_SCALE_LAMPS = 56_000;
    public static final String CITY = "aarhus";
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.AARHUS.zone();

    /** Aarhus city hall. */
    static final double LAT = 56.1535;

    static final double LON = 10.2039;

    static final int LAMPS_PER_CABINET = 40;
    static final double[] RATED_W = {35, 50, 70, 100, 150};
    static final double DEFECTIVE_SHARE = 0.005;

    private final int lamps;
    private final long seed;
    private final DaySlots slots;
    private final Instant sunrise;
    private final Instant sunset;

    public StreetlightDay(double scale, long seed) {
        this.lamps = CityDayFeed.atScale(FULL_SCALE_LAMPS, scale);
        this.seed = seed;
        this.slots = new DaySlots(DAY, ZONE, Duration.ofMinutes(15));
        this.sunrise = SolarDay.of(DAY.minusDays(1), LAT, LON, ZONE).sunrise();
        this.sunset = SolarDay.of(DAY, LAT, LON, ZONE).sunset();
    }

    @Override
    public EntityType entityType() {
        return EntityType.STREETLIGHT;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return lamps;
    }

    @Override
    public int readingsPerSensor() {
        return slots.count();
    }

    public Instant sunrise() {
        return sunrise;
    }

    public Instant sunset() {
        return sunset;
    }

    static String lampId(int i) {
        return String.format(
                java.util.Locale.ROOT, "urn:ngsi-ld:Streetlight:%s:lamp-%06d", CITY, i);
    }

    static String cabinetId(int c) {
        return String.format(
                java.util.Locale.ROOT,
                "urn:ngsi-ld:StreetlightControlCabinet:%s:cabinet-%04d",
                CITY,
                c);
    }

    double ratedW(int lamp) {
        return RATED_W[(int) (Seeds.unit(seed, lamp, 1) * RATED_W.length)];
    }

    boolean defective(int lamp) {
        return Seeds.unit(seed, lamp, 2) < DEFECTIVE_SHARE;
    }

    /** The cabinet's photocell offset, −10..+10 minutes. */
    long photocellSeconds(int cabinet) {
        return Math.round(Seeds.between(seed, -1 - cabinet, 3, -600, 600));
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        writeRef(feedsDir);
        int cabinets = (lamps + LAMPS_PER_CABINET - 1) / LAMPS_PER_CABINET;
        String[] ids = new String[lamps];
        String[] cabinetIds = new String[cabinets];
        double[] rated = new double[lamps];
        double[] energy = new double[lamps];
        boolean[] broken = new boolean[lamps];
        long[] offset = new long[cabinets];
        for (int c = 0; c < cabinets; c++) {
            cabinetIds[c] = cabinetId(c);
            offset[c] = photocellSeconds(c);
        }
        for (int i = 0; i < lamps; i++) {
            ids[i] = lampId(i);
            rated[i] = ratedW(i);
            energy[i] = Seeds.round(Seeds.between(seed, i, 4, 0, 20_000), 1);
            broken[i] = defective(i);
        }
        Path file = FeedConverter.feedPath(feedsDir, CITY, Feed.LIGHTING);
        Files.createDirectories(file.getParent());
        long written = 0;
        double slotHours = 0.25;
        StringBuilder s = new StringBuilder(400);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < slots.count(); k++) {
                Instant t = slots.start(k);
                boolean dimmed = k < 5 * 4; // 00:00-05:00 local
                for (int i = 0; i < lamps; i++) {
                    int c = i / LAMPS_PER_CABINET;
                    boolean dark =
                            !t.isBefore(sunset.plusSeconds(offset[c]))
                                    || t.isBefore(sunrise.plusSeconds(-offset[c]));
                    String state;
                    double level;
                    double power;
                    if (broken[i] || !dark) {
                        state = "off";
                        level = 0;
                        power = 0;
                    } else if (dimmed) {
                        state = "low";
                        level = 0.5;
                        power = rated[i] / 2;
                    } else {
                        state = "on";
                        level = 1;
                        power = rated[i];
                    }
                    energy[i] = Seeds.round(energy[i] + power * slotHours / 1000, 3);
                    s.setLength(0);
                    s.append("{\"id\":\"")
                            .append(ids[i])
                            .append("\",\"type\":\"Streetlight\",\"dateObserved\":\"")
                            .append(slots.text(k))
                            .append("\",\"powerState\":\"")
                            .append(state)
                            .append("\",\"status\":\"")
                            .append(broken[i] ? "defectiveLamp" : "ok")
                            .append("\",\"illuminanceLevel\":")
                            .append(level)
                            .append(",\"powerConsumption\":")
                            .append(power)
                            .append(",\"lifetimePowerConsumption\":")
                            .append(energy[i])
                            .append(",\"refStreetlightControlCabinet\":\"")
                            .append(cabinetIds[c])
                            .append("\"}\n");
                    out.append(s);
                    written++;
                }
            }
        }
        return written;
    }

    private void writeRef(Path feedsDir) throws IOException {
        Path lampsFile = FeedConverter.refPath(feedsDir, CITY, EntityType.STREETLIGHT.refTable());
        Path cabinetsFile =
                FeedConverter.refPath(
                        feedsDir, CITY, EntityType.STREETLIGHT_CONTROL_CABINET.refTable());
        Files.createDirectories(lampsFile.getParent());
        int cabinets = (lamps + LAMPS_PER_CABINET - 1) / LAMPS_PER_CABINET;
        try (Writer out = Files.newBufferedWriter(lampsFile, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lamps; i++) {
                double lon = Seeds.round(LON + Seeds.between(seed, i, 5, -0.08, 0.08), 6);
                double lat = Seeds.round(LAT + Seeds.between(seed, i, 6, -0.05, 0.05), 6);
                out.write(
                        "{\"city\":\""
                                + CITY
                                + "\",\"id\":\""
                                + lampId(i)
                                + "\",\"cabinet_id\":\""
                                + cabinetId(i / LAMPS_PER_CABINET)
                                + "\",\"rated_power_w\":"
                                + ratedW(i)
                                + ",\"lon\":"
                                + lon
                                + ",\"lat\":"
                                + lat
                                + "}\n");
            }
        }
        try (Writer out = Files.newBufferedWriter(cabinetsFile, StandardCharsets.UTF_8)) {
            for (int c = 0; c < cabinets; c++) {
                out.write(
                        "{\"city\":\""
                                + CITY
                                + "\",\"id\":\""
                                + cabinetId(c)
                                + "\",\"name\":\"cabinet "
                                + c
                                + "\"}\n");
            }
        }
    }
}
