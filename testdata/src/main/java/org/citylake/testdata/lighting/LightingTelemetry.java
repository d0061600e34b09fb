package org.citylake.testdata.lighting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.City;
import org.citylake.model.Feed;
import org.citylake.model.LightingFault;
import org.citylake.model.LocalTimes;
import org.citylake.testdata.FeedConverter;

/**
 * Street-lighting telemetry for a lamp inventory, as the lamps and cabinets of a lighting control
 * system would report it, with injected faults and their ground truth.
 *
 * <pre>
 *   LampInventory ─┬─▶ &lt;feeds&gt;/&lt;city&gt;/lighting.jsonl           Streetlight + StreetlightControlCabinet,
 *   settings       │                                          keyValues, every step, in time order
 *                  ├─▶ &lt;feeds&gt;/&lt;city&gt;/lighting.faults.jsonl    one line per injected fault
 *                  └─▶ &lt;feeds&gt;/&lt;city&gt;/lighting.expected.json   energy per cabinet and night, counts
 * </pre>
 *
 * <b>The model.</b>
 *
 * <ul>
 *   <li>Switching: a cabinet's photocell switches all its lamps on at sunset and off at sunrise
 *       ({@link SolarDay} at the cabinet's position, for the lighting day), shifted by the
 *       cabinet's own offset (by default −10..+10 minutes) (on at sunset + offset, off at sunrise −
 *       offset).
 *   <li>Dimming: lamps on residential, living and service streets ({@link
 *       RoadClassLighting#dimmed}) burn at 50 % from 00:00 to 05:00 local time: power state {@code
 *       low}, illuminance level 0.5, half the rated power. Otherwise a burning lamp is {@code on}
 *       at level 1 and its rated system power; an unlit one {@code off}, 0 W.
 *   <li>Energy is integrated exactly, with the switching instants inside a step: a lamp's {@code
 *       lifetimePowerConsumption} (kWh, starting anywhere in 0–20,000) and its cabinet's {@code
 *       energyConsumed} meter (kWh, starting in 0–100,000) grow by exactly the energy drawn. A
 *       reading shows the state at its instant, so Σ power × step differs from the meter only by
 *       where the switching fell inside the first and last step of the night.
 *   <li>Reports: every lamp, then every cabinet (meter, {@code totalActivePower} kW, {@code
 *       workingMode automatic}), at start + k × step with the city's UTC offset.
 * </ul>
 *
 * <b>Faults</b> ({@link LightingFault}), each for a whole lighting day (local noon to noon), drawn
 * per entity and day from the seed; an entity has at most one fault a day:
 *
 * <ul>
 *   <li>{@code DAY_BURNER}: the lamp burns the whole lighting day at its scheduled level (also in
 *       daylight, noon → sunset and sunrise → noon);
 *   <li>{@code DARK_AT_NIGHT}: 0 W, {@code off}, status {@code defectiveLamp}, all day;
 *   <li>{@code OVER_POWER}: 1.5–2.0 × the expected power whenever it burns;
 *   <li>{@code MISSING_REPORTS}: sends every s-th report (s from 4 to 12), at most 25 % of the
 *       day's, or none at all (one in four); it still draws power, so its meter sees it;
 *   <li>{@code METER_RESET}: the cabinet's meter drops to 0 at a random instant of the day and
 *       counts on from there;
 *   <li>{@code METER_MISMATCH}: the cabinet's meter (and its total power) counts 10–25 % more than
 *       its lamps draw that day (unmetered load).
 * </ul>
 *
 * Everything follows from the inventory and the settings: the same input writes the same bytes.
 */
public final class LightingTelemetry {

    private static final List<LightingFault> LAMP_FAULTS =
            List.of(
                    LightingFault.DAY_BURNER,
                    LightingFault.DARK_AT_NIGHT,
                    LightingFault.OVER_POWER,
                    LightingFault.MISSING_REPORTS);
    private static final List<LightingFault> CABINET_FAULTS =
            List.of(LightingFault.METER_RESET, LightingFault.METER_MISMATCH);

    private static final byte NONE = 0;
    private static final byte DAY_BURNER = 1;
    private static final byte DARK = 2;
    private static final byte OVER_POWER = 3;
    private static final byte MISSING = 4;
    private static final byte RESET = 1;
    private static final byte MISMATCH = 2;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Told after each step written: steps done and steps in all. */
    @FunctionalInterface
    public interface Progress {
        void steps(long done, long total);

        Progress NONE = (done, total) -> {};
    }

    /**
     * What was written.
     *
     * @param lampReports lines of {@code Streetlight}
     * @param cabinetReports lines of {@code StreetlightControlCabinet}
     * @param faults injected faults by type
     * @param lampsKwh energy all lamps drew in the window
     * @param meterKwh energy all cabinet meters counted in the window
     */
    public record Result(
            Path feed,
            Path faultsFile,
            Path expectedFile,
            long lampReports,
            long cabinetReports,
            Map<LightingFault, Integer> faults,
            double lampsKwh,
            double meterKwh) {

        public long lines() {
            return lampReports + cabinetReports;
        }
    }

    /** {@code <feeds>/<city>/lighting.faults.jsonl} */
    public static Path faultsPath(Path feedsDir, String city) {
        return feedsDir.resolve(city).resolve(Feed.LIGHTING.id() + ".faults.jsonl");
    }

    /** {@code <feeds>/<city>/lighting.expected.json} */
    public static Path expectedPath(Path feedsDir, String city) {
        return feedsDir.resolve(city).resolve(Feed.LIGHTING.id() + ".expected.json");
    }

    private final City city;
    private final ZoneId zone;
    private final LampInventory inventory;
    private final TelemetrySettings settings;
    private final long seed;
    private final long start;
    private final long end;
    private final long step;

    // lighting days: day j starts at dayStart[j] (local noon); dayStart[days] ends the last
    private final LocalDate firstDay;
    private final int days;
    private final long[] dayStart;
    private final long[] dimFrom;
    private final long[] dimTo;

    // cabinets
    private final int cabinets;
    private final long[][] on;
    private final long[][] off;
    private final double[][] nightHours;
    private final int[][] lampsOf;
    private final byte[][] cabinetFault;
    private final Map<Long, Long> resetAt = new HashMap<>();
    private final Map<Long, Double> extraShare = new HashMap<>();

    // lamps
    private final int lamps;
    private final int[] cabinetOf;
    private final double[] rated;
    private final boolean[] dimmable;
    private final byte[][] lampFault;
    private final Map<Long, Double> overFactor = new HashMap<>();
    private final Map<Long, int[]> missingPattern = new HashMap<>(); // stride, phase, cap

    private final List<ObjectNode> truth = new ArrayList<>();
    private final Map<LightingFault, Integer> faultCounts = new EnumMap<>(LightingFault.class);

    private LightingTelemetry(City city, LampInventory inventory, TelemetrySettings settings) {
        this.city = city;
        this.zone = city.zone();
        this.inventory = inventory;
        this.settings = settings;
        this.seed = settings.seed();
        this.start = settings.start().getEpochSecond();
        this.end = settings.end().getEpochSecond();
        this.step = settings.step().toSeconds();
        this.firstDay = SolarDay.lightingDate(settings.start(), zone);
        LocalDate lastDay = SolarDay.lightingDate(settings.end().minusSeconds(1), zone);
        this.days = (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        dayStart = new long[days + 1];
        dimFrom = new long[days];
        dimTo = new long[days];
        for (int j = 0; j <= days; j++) {
            LocalDate date = firstDay.plusDays(j);
            dayStart[j] = date.atTime(12, 0).atZone(zone).toEpochSecond();
            if (j < days) {
                dimFrom[j] = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
                dimTo[j] = date.plusDays(1).atTime(5, 0).atZone(zone).toEpochSecond();
            }
        }
        List<Cabinet> cabinetList = inventory.cabinets();
        cabinets = cabinetList.size();
        Map<String, Integer> cabinetIndex = new HashMap<>();
        on = new long[cabinets][days];
        off = new long[cabinets][days];
        nightHours = new double[cabinets][days];
        for (int c = 0; c < cabinets; c++) {
            Cabinet cabinet = cabinetList.get(c);
            cabinetIndex.put(cabinet.id(), c);
            long maxOffset = settings.photocellOffsetMax().toSeconds();
            long offset = Math.round(Seeded.between(seed, c, 0, 3, -maxOffset, maxOffset));
            for (int j = 0; j < days; j++) {
                SolarDay night =
                        SolarDay.of(firstDay.plusDays(j), cabinet.lat(), cabinet.lon(), zone);
                on[c][j] = night.sunset().getEpochSecond() + offset;
                off[c][j] = Math.max(on[c][j], night.sunrise().getEpochSecond() - offset);
                nightHours[c][j] = night.nightHours();
            }
        }
        List<Lamp> lampList = inventory.lamps();
        lamps = lampList.size();
        cabinetOf = new int[lamps];
        rated = new double[lamps];
        dimmable = new boolean[lamps];
        int[] perCabinet = new int[cabinets];
        for (int i = 0; i < lamps; i++) {
            Lamp lamp = lampList.get(i);
            Integer c = cabinetIndex.get(lamp.cabinetId());
            if (c == null) {
                throw new IllegalArgumentException(
                        "lamp "
                                + lamp.id()
                                + " hangs on cabinet "
                                + lamp.cabinetId()
                                + ", which the inventory of "
                                + inventory.city()
                                + " does not list; write the inventory again");
            }
            cabinetOf[i] = c;
            perCabinet[c]++;
            rated[i] = lamp.ratedPowerW();
            dimmable[i] = RoadClassLighting.of(lamp.roadClass()).dimmed();
        }
        lampsOf = new int[cabinets][];
        for (int c = 0; c < cabinets; c++) {
            lampsOf[c] = new int[perCabinet[c]];
            perCabinet[c] = 0;
        }
        for (int i = 0; i < lamps; i++) {
            lampsOf[cabinetOf[i]][perCabinet[cabinetOf[i]]++] = i;
        }
        lampFault = new byte[lamps][days];
        cabinetFault = new byte[cabinets][days];
        planFaults();
    }

    /**
     * Writes the feed, the faults and the expected totals of {@code inventory} under {@code
     * feedsDir}, replacing them.
     */
    public static Result write(
            City city,
            LampInventory inventory,
            TelemetrySettings settings,
            Path feedsDir,
            Progress progress)
            throws IOException {
        if (!city.id().equals(inventory.city())) {
            throw new IllegalArgumentException(
                    "the inventory is of " + inventory.city() + ", not of " + city.id());
        }
        return new LightingTelemetry(city, inventory, settings).run(feedsDir, progress);
    }

    private long key(int entity, int day) {
        return (long) entity * days + day;
    }

    private void planFaults() {
        for (int j = 0; j < days; j++) {
            String night = firstDay.plusDays(j).toString();
            int due = slotsIn(j);
            for (int i = 0; i < lamps && settings.lampFaultRate() > 0; i++) {
                double u = Seeded.unit(seed, i, j, 11);
                int type = (int) (u / settings.lampFaultRate());
                if (type >= LAMP_FAULTS.size()) {
                    continue;
                }
                lampFault[i][j] = (byte) (type + 1);
                ObjectNode details = JSON.createObjectNode();
                details.put("rated_power_w", rated[i]);
                switch (lampFault[i][j]) {
                    case OVER_POWER -> {
                        double factor =
                                Math.round(Seeded.between(seed, i, j, 12, 1.5, 2.0) * 1000)
                                        / 1000.0;
                        overFactor.put(key(i, j), factor);
                        details.put("factor", factor);
                    }
                    case MISSING -> {
                        int[] pattern = missingPattern(i, j, due);
                        missingPattern.put(key(i, j), pattern);
                        details.put("reports_due", due);
                        details.put("reports_sent", sent(pattern, due));
                    }
                    default -> {}
                }
                addTruth(inventory.lamps().get(i).id(), night, LAMP_FAULTS.get(type), details);
            }
            for (int c = 0; c < cabinets && settings.cabinetFaultRate() > 0; c++) {
                double u = Seeded.unit(seed, c, j, 21);
                int type = (int) (u / settings.cabinetFaultRate());
                if (type >= CABINET_FAULTS.size()) {
                    continue;
                }
                cabinetFault[c][j] = (byte) (type + 1);
                ObjectNode details = JSON.createObjectNode();
                if (cabinetFault[c][j] == RESET) {
                    long from = Math.max(start, dayStart[j]);
                    long to = Math.min(end, dayStart[j + 1]);
                    long at = Math.round(Seeded.between(seed, c, j, 22, from + 1, to - 1));
                    resetAt.put(key(c, j), at);
                    details.put("at", text(at));
                } else {
                    double share =
                            Math.round(Seeded.between(seed, c, j, 23, 0.10, 0.25) * 1000) / 1000.0;
                    extraShare.put(key(c, j), share);
                    details.put("extra_share", share);
                }
                addTruth(
                        inventory.cabinets().get(c).id(), night, CABINET_FAULTS.get(type), details);
            }
        }
    }

    private void addTruth(String id, String night, LightingFault fault, ObjectNode details) {
        ObjectNode line = JSON.createObjectNode();
        line.put("city", city.id());
        line.put("id", id);
        line.put("night", night);
        line.put("fault_type", fault.name());
        line.set("details", details);
        truth.add(line);
        faultCounts.merge(fault, 1, Integer::sum);
    }

    /** Stride (0: none sent), phase, and the cap of 25 % of the day's reports. */
    private int[] missingPattern(int i, int j, int due) {
        int cap = due / 4;
        if (Seeded.unit(seed, i, j, 13) < 0.25) {
            return new int[] {0, 0, cap};
        }
        int stride = 4 + (int) (Seeded.unit(seed, i, j, 14) * 9);
        int phase = (int) (Seeded.unit(seed, i, j, 15) * stride);
        return new int[] {stride, phase, cap};
    }

    private static int sent(int[] pattern, int due) {
        if (pattern[0] == 0) {
            return 0;
        }
        int n = 0;
        for (int q = 0; q < due; q++) {
            if (q % pattern[0] == pattern[1]) {
                n++;
            }
        }
        return Math.min(n, pattern[2]);
    }

    /** The first report time of day j in the window. */
    private long firstSlot(int j) {
        long from = Math.max(start, dayStart[j]);
        return start + (from - start + step - 1) / step * step;
    }

    /** Reports due in day j within the window. */
    private int slotsIn(int j) {
        long first = firstSlot(j);
        long to = Math.min(end, dayStart[j + 1]);
        return first >= to ? 0 : (int) ((to - first + step - 1) / step);
    }

    private int dayOf(long t) {
        int j = Arrays.binarySearch(dayStart, t);
        return j >= 0 ? j : -j - 2;
    }

    private double level(int i, int j, double t) {
        return dimmable[i] && t >= dimFrom[j] && t < dimTo[j] ? 0.5 : 1;
    }

    private boolean burning(int i, int j, double t) {
        byte f = lampFault[i][j];
        if (f == DARK) {
            return false;
        }
        int c = cabinetOf[i];
        return f == DAY_BURNER || (t >= on[c][j] && t < off[c][j]);
    }

    /** Power drawn by lamp i at t (in day j), W. */
    private double power(int i, int j, double t) {
        if (!burning(i, j, t)) {
            return 0;
        }
        double p = rated[i] * level(i, j, t);
        return lampFault[i][j] == OVER_POWER ? p * overFactor.get(key(i, j)) : p;
    }

    /** Energy lamp i draws over [a, b] within day j, Wh: exact for its piecewise power. */
    private double energyWh(int i, int j, long a, long b) {
        int c = cabinetOf[i];
        long[] cuts = {on[c][j], off[c][j], dimFrom[j], dimTo[j]};
        long[] inside = new long[6];
        int n = 0;
        inside[n++] = a;
        for (long cut : cuts) {
            if (cut > a && cut < b) {
                inside[n++] = cut;
            }
        }
        inside[n++] = b;
        if (n > 2) {
            Arrays.sort(inside, 0, n);
        }
        double wh = 0;
        for (int k = 1; k < n; k++) {
            long from = inside[k - 1];
            long to = inside[k];
            if (to > from) {
                wh += power(i, j, (from + to) / 2.0) * (to - from) / 3600.0;
            }
        }
        return wh;
    }

    private String text(long epochSecond) {
        return LocalTimes.format(
                ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone)
                        .toOffsetDateTime());
    }

    private static double round(double value, double factor) {
        return Math.round(value * factor) / factor;
    }

    private Result run(Path feedsDir, Progress progress) throws IOException {
        Path feed = FeedConverter.feedPath(feedsDir, city.id(), Feed.LIGHTING);
        Files.createDirectories(feed.getParent());
        double[] lifetime = new double[lamps];
        for (int i = 0; i < lamps; i++) {
            lifetime[i] = round(Seeded.between(seed, i, 0, 4, 0, 20_000), 1000);
        }
        double[] meter = new double[cabinets];
        for (int c = 0; c < cabinets; c++) {
            meter[c] = round(Seeded.between(seed, c, 0, 5, 0, 100_000), 1000);
        }
        double[][] lampWh = new double[cabinets][days];
        double[][] meterWh = new double[cabinets][days];
        String[] lampHead = new String[lamps];
        String[] lampTail = new String[lamps];
        for (int i = 0; i < lamps; i++) {
            Lamp lamp = inventory.lamps().get(i);
            lampHead[i] =
                    "{\"id\":\"" + lamp.id() + "\",\"type\":\"Streetlight\",\"dateObserved\":\"";
            lampTail[i] = ",\"refStreetlightControlCabinet\":\"" + lamp.cabinetId() + "\"}\n";
        }
        String[] cabinetHead = new String[cabinets];
        for (int c = 0; c < cabinets; c++) {
            cabinetHead[c] =
                    "{\"id\":\""
                            + inventory.cabinets().get(c).id()
                            + "\",\"type\":\"StreetlightControlCabinet\",\"dateObserved\":\"";
        }
        long slots = (end - start + step - 1) / step;
        long lampReports = 0;
        long cabinetReports = 0;
        int[] sentToday = new int[lamps];
        int sentDay = -1;
        double[] intervalWh = new double[cabinets];
        double[] cabinetW = new double[cabinets];
        StringBuilder out = new StringBuilder(1 << 17);
        try (Writer writer =
                new BufferedWriter(
                        Files.newBufferedWriter(feed, StandardCharsets.UTF_8), 1 << 16)) {
            long previous = start;
            for (long k = 0; k <= slots; k++) {
                long t = k == slots ? end : start + k * step;
                // energy of [previous, t], split at the lighting days' noons
                long a = previous;
                while (a < t) {
                    int jd = dayOf(a);
                    long b = Math.min(t, dayStart[jd + 1]);
                    Arrays.fill(intervalWh, 0);
                    for (int i = 0; i < lamps; i++) {
                        double wh = energyWh(i, jd, a, b);
                        lifetime[i] += wh / 1000;
                        intervalWh[cabinetOf[i]] += wh;
                    }
                    for (int c = 0; c < cabinets; c++) {
                        lampWh[c][jd] += intervalWh[c];
                        double counted =
                                cabinetFault[c][jd] == MISMATCH
                                        ? intervalWh[c] * (1 + extraShare.get(key(c, jd)))
                                        : intervalWh[c];
                        meterWh[c][jd] += counted;
                        Long reset = cabinetFault[c][jd] == RESET ? resetAt.get(key(c, jd)) : null;
                        if (reset != null && reset >= a && reset < b) {
                            double since = 0;
                            for (int i : lampsOf[c]) {
                                since += energyWh(i, jd, reset, b);
                            }
                            meter[c] = since / 1000;
                        } else {
                            meter[c] += counted / 1000;
                        }
                    }
                    a = b;
                }
                previous = t;
                if (k == slots) {
                    break;
                }
                int j = dayOf(t);
                if (j != sentDay) {
                    Arrays.fill(sentToday, 0);
                    sentDay = j;
                }
                int q = (int) ((t - firstSlot(j)) / step);
                String at = text(t);
                Arrays.fill(cabinetW, 0);
                for (int i = 0; i < lamps; i++) {
                    double p = power(i, j, t);
                    cabinetW[cabinetOf[i]] += p;
                    byte f = lampFault[i][j];
                    if (f == MISSING) {
                        int[] pattern = missingPattern.get(key(i, j));
                        if (pattern[0] == 0
                                || q % pattern[0] != pattern[1]
                                || sentToday[i] >= pattern[2]) {
                            continue;
                        }
                        sentToday[i]++;
                    }
                    boolean lit = burning(i, j, t);
                    double level = lit ? level(i, j, t) : 0;
                    out.append(lampHead[i])
                            .append(at)
                            .append("\",\"powerState\":\"")
                            .append(!lit ? "off" : level < 1 ? "low" : "on")
                            .append("\",\"status\":\"")
                            .append(f == DARK ? "defectiveLamp" : "ok")
                            .append("\",\"illuminanceLevel\":")
                            .append(level)
                            .append(",\"powerConsumption\":")
                            .append(round(p, 10))
                            .append(",\"lifetimePowerConsumption\":")
                            .append(round(lifetime[i], 1000))
                            .append(lampTail[i]);
                    lampReports++;
                    if (out.length() > 1 << 16) {
                        writer.append(out);
                        out.setLength(0);
                    }
                }
                if (settings.cabinetReports()) {
                    for (int c = 0; c < cabinets; c++) {
                        double kw =
                                cabinetFault[c][j] == MISMATCH
                                        ? cabinetW[c] * (1 + extraShare.get(key(c, j))) / 1000
                                        : cabinetW[c] / 1000;
                        out.append(cabinetHead[c])
                                .append(at)
                                .append("\",\"energyConsumed\":")
                                .append(round(meter[c], 1000))
                                .append(",\"totalActivePower\":")
                                .append(round(kw, 10_000))
                                .append(",\"workingMode\":\"automatic\"}\n");
                        cabinetReports++;
                    }
                }
                writer.append(out);
                out.setLength(0);
                progress.steps(k + 1, slots);
            }
        }
        Path faults = faultsPath(feedsDir, city.id());
        try (Writer writer = Files.newBufferedWriter(faults, StandardCharsets.UTF_8)) {
            ObjectMapper compact = new ObjectMapper();
            for (ObjectNode line : truth) {
                writer.write(compact.writeValueAsString(line));
                writer.write('\n');
            }
        }
        double[] totals = new double[2];
        Path expected = expectedPath(feedsDir, city.id());
        JSON.writeValue(
                expected.toFile(), expected(lampReports, cabinetReports, lampWh, meterWh, totals));
        return new Result(
                feed,
                faults,
                expected,
                lampReports,
                cabinetReports,
                Map.copyOf(faultCounts),
                totals[0],
                totals[1]);
    }

    private ObjectNode expected(
            long lampReports,
            long cabinetReports,
            double[][] lampWh,
            double[][] meterWh,
            double[] totals) {
        ObjectNode root = JSON.createObjectNode();
        root.put("city", city.id());
        root.put("start", text(start));
        root.put("end", text(end));
        root.put("step_s", step);
        root.put("seed", seed);
        root.put("lamps", lamps);
        root.put("cabinets", cabinets);
        root.put("lamp_reports", lampReports);
        root.put("cabinet_reports", cabinetReports);
        root.put("lamp_fault_rate", settings.lampFaultRate());
        root.put("cabinet_fault_rate", settings.cabinetFaultRate());
        ObjectNode counts = root.putObject("faults");
        for (LightingFault f : LightingFault.values()) {
            counts.put(f.name(), faultCounts.getOrDefault(f, 0));
        }
        ArrayNode nights = root.putArray("nights");
        for (int j = 0; j < days; j++) {
            ObjectNode night = nights.addObject();
            night.put("night", firstDay.plusDays(j).toString());
            double lampsKwh = 0;
            double meterKwh = 0;
            double baselineKwh = 0;
            ArrayNode perCabinet = JSON.createArrayNode();
            for (int c = 0; c < cabinets; c++) {
                boolean clean = cabinetFault[c][j] == NONE;
                double ratedW = 0;
                for (int i : lampsOf[c]) {
                    clean &= lampFault[i][j] == NONE;
                    ratedW += rated[i];
                }
                double baseline = ratedW * nightHours[c][j] / 1000;
                ObjectNode row = perCabinet.addObject();
                row.put("id", inventory.cabinets().get(c).id());
                row.put("lamps_kwh", round(lampWh[c][j] / 1000, 1e6));
                row.put("meter_kwh", round(meterWh[c][j] / 1000, 1e6));
                row.put("full_power_baseline_kwh", round(baseline, 1e6));
                row.put("fault_free", clean);
                lampsKwh += lampWh[c][j] / 1000;
                meterKwh += meterWh[c][j] / 1000;
                baselineKwh += baseline;
            }
            night.put("lamps_kwh", round(lampsKwh, 1e6));
            night.put("meter_kwh", round(meterKwh, 1e6));
            night.put("full_power_baseline_kwh", round(baselineKwh, 1e6));
            night.set("cabinets", perCabinet);
            totals[0] += lampsKwh;
            totals[1] += meterKwh;
        }
        return root;
    }
}
