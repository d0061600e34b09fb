package org.citylake.testdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.citylake.model.LocalTimes;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.ColumnType;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;
import org.citylake.model.feed.ObservedSpec;
import org.citylake.model.feed.SensorSpec;
import org.citylake.model.feed.UnitConversion;

/**
 * A small, deterministic feed for one city, generated from a feed's descriptor alone: what it reads
 * (entity types, sensor attributes, observation time, columns with their types, ranges, units and
 * allowed values) is all it knows, so it works for any feed a descriptor defines.
 *
 * <pre>
 *   &lt;out&gt;/&lt;city&gt;/&lt;feed&gt;.jsonl           valid readings in observation-time order (keyValues; every
 *                                     few an NGSI-v2 normalized one), bad lines seeded among them
 *   &lt;out&gt;/&lt;city&gt;/ref/&lt;ref table&gt;.jsonl  the sensors, with the ref table's columns
 *   &lt;out&gt;/&lt;city&gt;/ref/cities.jsonl      the city's registration (unless there is one)
 *   &lt;out&gt;/&lt;unregistered&gt;/&lt;feed&gt;.jsonl   valid readings of a city nobody registers (UNKNOWN_CITY)
 *   &lt;out&gt;/&lt;city&gt;/&lt;feed&gt;.expected.json   the oracle ({@link GeneratedFeed})
 * </pre>
 *
 * <p>Per entity type: {@code readings} valid readings, round-robin over {@code sensors} sensors,
 * one step apart per sensor from {@code start} (local time of the city); numbers within each
 * column's range (inside its inner 90%, and for a column bounded by another attribute, below that
 * value); each optional attribute left out of one reading in ten. Then, {@code badPerReason} times
 * for each {@link SeededReason} the descriptor allows, a line broken in that one way is inserted
 * after a random reading. Everything follows from {@code seed}: the same settings write the same
 * bytes.
 */
public final class FeedGenerator {

    /** The default city of {@code citylake testdata generate}. */
    public static final City WUHAN =
            City.of("wuhan", "Wuhan", "CN", "Asia/Shanghai", 114.3055, 30.5928, null, null);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** NaN is written as the bare literal, as a broken sensor would send it. */
    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .build();

    /**
     * How much to generate.
     *
     * @param readings valid readings per entity type
     * @param seed the random seed
     * @param sensors sensors per ref table (or entity type without one)
     * @param start local time (in the city's zone) of the first observation
     * @param step time between two readings of a sensor; also the length of interval observations
     * @param badPerReason bad lines per reason and entity type; 0 writes valid readings only (and
     *     no unregistered city)
     * @param unregisteredCity the city folder of the UNKNOWN_CITY lines
     * @param normalizedEvery every n-th reading is NGSI-v2 normalized (0: none)
     */
    public record Settings(
            int readings,
            long seed,
            int sensors,
            LocalDateTime start,
            Duration step,
            int badPerReason,
            String unregisteredCity,
            int normalizedEvery) {

        public static final LocalDateTime DEFAULT_START = LocalDateTime.parse("2024-06-03T00:00");

        public Settings {
            if (readings < 1 || sensors < 1 || badPerReason < 0 || normalizedEvery < 0) {
                throw new IllegalArgumentException(
                        "readings and sensors must be 1 or more; bad lines per reason and"
                                + " normalized-every 0 or more");
            }
            if (step == null || step.isNegative() || step.isZero() || step.toSeconds() < 1) {
                throw new IllegalArgumentException("step must be a second or more, got " + step);
            }
            if (start == null) {
                throw new IllegalArgumentException("no start time given");
            }
            if (badPerReason > 0) {
                City.requireId(unregisteredCity);
            }
        }

        /** 200 readings, seed 1, 4 sensors, from 2024-06-03 00:00 every 15 minutes, 1 bad line. */
        public static Settings defaults() {
            return new Settings(200, 1, 4, DEFAULT_START, Duration.ofMinutes(15), 1, "nowhere", 5);
        }

        public Settings withReadings(int n) {
            return new Settings(
                    n, seed, sensors, start, step, badPerReason, unregisteredCity, normalizedEvery);
        }

        public Settings withSeed(long s) {
            return new Settings(
                    readings,
                    s,
                    sensors,
                    start,
                    step,
                    badPerReason,
                    unregisteredCity,
                    normalizedEvery);
        }

        public Settings withSensors(int n) {
            return new Settings(
                    readings,
                    seed,
                    n,
                    start,
                    step,
                    badPerReason,
                    unregisteredCity,
                    normalizedEvery);
        }

        public Settings withStart(LocalDateTime t) {
            return new Settings(
                    readings,
                    seed,
                    sensors,
                    t,
                    step,
                    badPerReason,
                    unregisteredCity,
                    normalizedEvery);
        }

        public Settings withStep(Duration d) {
            return new Settings(
                    readings,
                    seed,
                    sensors,
                    start,
                    d,
                    badPerReason,
                    unregisteredCity,
                    normalizedEvery);
        }

        public Settings withBadPerReason(int n) {
            return new Settings(
                    readings, seed, sensors, start, step, n, unregisteredCity, normalizedEvery);
        }

        public Settings withUnregisteredCity(String city) {
            return new Settings(
                    readings, seed, sensors, start, step, badPerReason, city, normalizedEvery);
        }

        public Settings withNormalizedEvery(int n) {
            return new Settings(
                    readings, seed, sensors, start, step, badPerReason, unregisteredCity, n);
        }
    }

    /** A sensor: its id and where it stands. */
    private record Sensor(String id, int number, double lon, double lat) {}

    /** One line to write, and the reason it must be refused (null: a valid reading). */
    private record Line(String json, SeededReason reason) {}

    /** A valid reading, the bad lines inserted after it, and what its clean row holds. */
    private record Reading(
            OffsetDateTime at,
            String json,
            Map<String, Double> numbers,
            Map<String, Boolean> present,
            List<Line> after) {}

    private final FeedCatalog catalog;
    private final FeedDescriptor feed;
    private final City city;
    private final Settings settings;
    private final Random random;
    private final Map<String, List<Sensor>> sensors = new LinkedHashMap<>();

    private FeedGenerator(FeedCatalog catalog, FeedDescriptor feed, City city, Settings settings) {
        this.catalog = catalog;
        this.feed = feed;
        this.city = city;
        this.settings = settings;
        this.random = new Random(settings.seed());
        if (settings.badPerReason() > 0 && settings.unregisteredCity().equals(city.id())) {
            throw new IllegalArgumentException(
                    "the unregistered city must not be " + city.id() + ", the city generated for");
        }
    }

    /**
     * Generates feed {@code feedId} of {@code catalog} for {@code city} into {@code out}; returns
     * (and writes beside the feed) what ingesting it must give.
     */
    public static GeneratedFeed generate(
            FeedCatalog catalog, String feedId, City city, Settings settings, Path out)
            throws IOException {
        return new FeedGenerator(catalog, catalog.feed(feedId), city, settings).write(out);
    }

    /**
     * The feed and ref files {@link #generate} writes (besides the oracle, and the city's {@code
     * cities.jsonl}, which it writes only when there is none), for a caller that will not replace
     * files it did not write.
     */
    public static List<Path> targets(
            FeedCatalog catalog, String feedId, City city, Settings settings, Path out) {
        FeedDescriptor feed = catalog.feed(feedId);
        List<Path> files = new ArrayList<>();
        files.add(out.resolve(city.id()).resolve(feed.id() + ".jsonl"));
        if (settings.badPerReason() > 0) {
            files.add(out.resolve(settings.unregisteredCity()).resolve(feed.id() + ".jsonl"));
        }
        feed.entities().stream()
                .map(EntityDescriptor::refTable)
                .flatMap(Optional::stream)
                .distinct()
                .forEach(ref -> files.add(FeedConverter.refPath(out, city.id(), ref)));
        return files;
    }

    /** The city {@code id} stands for when no registration is given: Wuhan or a bundled city. */
    public static Optional<City> knownCity(String id) {
        if (id.equals(WUHAN.id())) {
            return Optional.of(WUHAN);
        }
        return BundledCities.all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private GeneratedFeed write(Path out) throws IOException {
        TableRegistry registry = TableRegistry.of(catalog);
        List<Reading> all = new ArrayList<>();
        List<String> unregistered = new ArrayList<>();
        Map<String, Long> clean = new LinkedHashMap<>();
        Map<String, Map<String, GeneratedFeed.ColumnOracle>> columns = new LinkedHashMap<>();
        for (EntityDescriptor entity : feed.entities()) {
            List<Sensor> known = sensorsOf(entity);
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < settings.readings(); i++) {
                Sensor sensor = known.get(i % known.size());
                OffsetDateTime at = at(i / known.size());
                boolean normalized =
                        settings.normalizedEvery() > 0
                                && i % settings.normalizedEvery() == settings.normalizedEvery() - 1;
                readings.add(reading(entity, sensor, at, normalized, i));
            }
            if (settings.badPerReason() > 0) {
                seedBadLines(entity, readings);
                for (int j = 0; j < settings.badPerReason(); j++) {
                    unregistered.add(readings.get(j % readings.size()).json());
                }
            }
            clean.put(entity.cleanTable(), (long) readings.size());
            columns.put(entity.cleanTable(), columnOracle(entity, readings));
            all.addAll(readings);
        }
        // As a live feed delivers them: by observation time; ties keep the entity-type order.
        all.sort(Comparator.comparing(Reading::at));

        Map<String, Long> files = new LinkedHashMap<>();
        Map<String, Long> deadLetters = new TreeMap<>();
        Map<String, String> badLines = new LinkedHashMap<>();
        String label = city.id() + "/" + feed.id() + ".jsonl";
        List<String> lines = new ArrayList<>();
        for (Reading reading : all) {
            lines.add(reading.json());
            for (Line bad : reading.after()) {
                lines.add(bad.json());
                badLines.put(label + ":" + lines.size(), bad.reason().name());
                deadLetters.merge(bad.reason().name(), 1L, Long::sum);
            }
        }
        writeLines(out.resolve(city.id()).resolve(feed.id() + ".jsonl"), lines);
        files.put(label, (long) lines.size());
        if (!unregistered.isEmpty()) {
            String other = settings.unregisteredCity() + "/" + feed.id() + ".jsonl";
            writeLines(
                    out.resolve(settings.unregisteredCity()).resolve(feed.id() + ".jsonl"),
                    unregistered);
            files.put(other, (long) unregistered.size());
            for (int n = 1; n <= unregistered.size(); n++) {
                badLines.put(other + ":" + n, SeededReason.UNKNOWN_CITY.name());
            }
            deadLetters.put(SeededReason.UNKNOWN_CITY.name(), (long) unregistered.size());
        }

        Map<String, Long> ref = new LinkedHashMap<>();
        if (!Files.exists(FeedConverter.refPath(out, city.id(), TableRegistry.CITIES))) {
            BundledCities.write(city, out); // a registration already there is left as it is
        }
        ref.put(TableRegistry.CITIES, 1L);
        for (Map.Entry<String, List<Sensor>> entry : sensors.entrySet()) {
            if (entry.getKey().startsWith("ref.")) {
                ref.put(entry.getKey(), (long) entry.getValue().size());
                writeRef(out, entry.getKey(), registry.table(entry.getKey()).schema(), entry);
            }
        }

        long total = files.values().stream().mapToLong(Long::longValue).sum();
        GeneratedFeed generated =
                new GeneratedFeed(
                        feed.id(),
                        feed.version(),
                        city.id(),
                        unregistered.isEmpty() ? null : settings.unregisteredCity(),
                        settings.seed(),
                        settings.readings(),
                        files,
                        Map.of(feed.rawTable(), total),
                        clean,
                        columns,
                        deadLetters,
                        badLines,
                        ref);
        generated.write(GeneratedFeed.path(out, city.id(), feed.id()));
        return generated;
    }

    // ---- sensors and times

    /** The sensors of the entity's ref table (shared by the feed's types with the same ref). */
    private List<Sensor> sensorsOf(EntityDescriptor entity) {
        String key = entity.refTable().orElse("entity." + entity.type());
        return sensors.computeIfAbsent(
                key,
                k -> {
                    String prefix = city.id() + "-" + entity.sensor().ref();
                    if (entity.sensor().ref() == null) {
                        prefix = city.id() + "-" + entity.table();
                    }
                    List<Sensor> list = new ArrayList<>();
                    for (int n = 1; n <= settings.sensors(); n++) {
                        list.add(
                                new Sensor(
                                        String.format(Locale.ROOT, "%s-%02d", prefix, n),
                                        n,
                                        round(city.lon() + (random.nextDouble() - 0.5) * 0.1, 5),
                                        round(city.lat() + (random.nextDouble() - 0.5) * 0.1, 5)));
                    }
                    return list;
                });
    }

    /** A sensor the ref file does not list. */
    private Sensor unlisted(EntityDescriptor entity, int j) {
        List<Sensor> known = sensorsOf(entity);
        Sensor first = known.get(0);
        int n = known.size() + 1 + j;
        String id = first.id().substring(0, first.id().lastIndexOf('-'));
        return new Sensor(
                String.format(Locale.ROOT, "%s-%02d", id, n), n, first.lon(), first.lat());
    }

    /** The {@code step}-th observation time of a sensor, in the city's zone. */
    private OffsetDateTime at(long step) {
        return settings.start()
                .plus(settings.step().multipliedBy(step))
                .atZone(city.zone())
                .toOffsetDateTime();
    }

    private static String time(OffsetDateTime t) {
        return LocalTimes.format(t);
    }

    // ---- one reading

    /** The attribute holding the asset, or null when the asset is the entity id. */
    private static String sensorAttribute(SensorSpec sensor) {
        String first = sensor.attributes().get(0);
        return first.equals(SensorSpec.ENTITY_ID) ? null : first;
    }

    private String entityId(EntityDescriptor entity, Sensor sensor) {
        return sensorAttribute(entity.sensor()) == null
                ? sensor.id()
                : "urn:ngsi-ld:" + entity.type() + ":" + city.id() + ":" + sensor.id();
    }

    /**
     * A valid reading of {@code sensor} at {@code at}. {@code variant} picks, for an interval that
     * can be sent either way, its {@code a/b} form (every fourth) or its two ends.
     */
    private Reading reading(
            EntityDescriptor entity,
            Sensor sensor,
            OffsetDateTime at,
            boolean normalized,
            int variant) {
        ObjectNode json = NODES.objectNode();
        json.put("id", entityId(entity, sensor));
        json.put("type", entity.type());
        String sensorAttribute = sensorAttribute(entity.sensor());
        if (sensorAttribute != null) {
            json.set(
                    sensorAttribute,
                    normalized ? v2("Relationship", TextNode.valueOf(sensor.id())) : text(sensor));
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, Boolean> present = new LinkedHashMap<>();
        observation(entity, json, at, normalized, variant, numbers, present);

        // Values first for the columns no other attribute bounds, then for those bounded.
        Map<String, JsonNode> sent = new HashMap<>();
        Map<String, Double> byAttribute = new HashMap<>();
        List<ColumnSpec> order = new ArrayList<>();
        entity.columns().stream().filter(c -> c.atMost() == null).forEach(order::add);
        entity.columns().stream().filter(c -> c.atMost() != null).forEach(order::add);
        for (ColumnSpec column : order) {
            if (column.attribute() == null || (!column.required() && random.nextInt(10) == 0)) {
                continue;
            }
            JsonNode value = value(column, at, normalized, byAttribute, numbers);
            sent.put(column.name(), value);
            present.put(column.name(), true);
        }
        for (ColumnSpec column : entity.columns()) {
            JsonNode value = sent.get(column.name());
            if (value != null) {
                json.set(column.attribute(), value);
            }
        }
        derive(entity, numbers, present);
        if (entity.columns().stream().noneMatch(c -> "location".equals(c.attribute()))) {
            ObjectNode point = NODES.objectNode();
            point.put("type", "Point");
            point.putArray("coordinates").add(sensor.lon()).add(sensor.lat());
            json.set("location", normalized ? v2("geo:json", point) : point);
        }
        return new Reading(at, serialize(json), numbers, present, new ArrayList<>());
    }

    private static JsonNode text(Sensor sensor) {
        return TextNode.valueOf(sensor.id());
    }

    /** Puts the observation time as the descriptor reads it; notes an interval's length. */
    private void observation(
            EntityDescriptor entity,
            ObjectNode json,
            OffsetDateTime at,
            boolean normalized,
            int variant,
            Map<String, Double> numbers,
            Map<String, Boolean> present) {
        ObservedSpec spec = entity.observedAt();
        if (!spec.isInterval()) {
            json.set(spec.attributes().get(0), dateTime(time(at), normalized));
            return;
        }
        OffsetDateTime end = at.plus(settings.step());
        boolean asText = spec.interval() != null && (spec.to() == null || variant % 4 == 3);
        boolean ended = asText || spec.to() != null;
        if (asText) {
            json.set(spec.interval(), dateTime(time(at) + "/" + time(end), normalized));
        } else {
            json.set(spec.from(), dateTime(time(at), normalized));
            if (spec.to() != null) {
                json.set(spec.to(), dateTime(time(end), normalized));
            }
        }
        if (spec.lengthColumn() != null && ended) {
            numbers.put(spec.lengthColumn(), (double) settings.step().toSeconds());
            present.put(spec.lengthColumn(), true);
        }
    }

    private static JsonNode dateTime(String text, boolean normalized) {
        return normalized ? v2("DateTime", TextNode.valueOf(text)) : TextNode.valueOf(text);
    }

    /** A valid value of {@code column}; its canonical value goes to {@code numbers}. */
    private JsonNode value(
            ColumnSpec column,
            OffsetDateTime at,
            boolean normalized,
            Map<String, Double> byAttribute,
            Map<String, Double> numbers) {
        switch (column.type()) {
            case TEXT -> {
                if (!column.values().isEmpty()) {
                    String text = column.values().get(random.nextInt(column.values().size()));
                    return normalized ? v2("Text", TextNode.valueOf(text)) : TextNode.valueOf(text);
                }
                if (column.list()) {
                    ArrayNode items = NODES.arrayNode();
                    int n = 1 + random.nextInt(2);
                    for (int k = 0; k < n; k++) {
                        items.add(column.attribute() + " " + (1 + random.nextInt(5)));
                    }
                    return normalized ? v2("StructuredValue", items) : items;
                }
                String text = column.attribute() + "-" + (1 + random.nextInt(9));
                return normalized ? v2("Text", TextNode.valueOf(text)) : TextNode.valueOf(text);
            }
            case BOOLEAN -> {
                BooleanNode flag = BooleanNode.valueOf(random.nextBoolean());
                return normalized ? v2("Boolean", flag) : flag;
            }
            case TIMESTAMP -> {
                String text = time(at.minusMinutes(random.nextInt(24 * 60)));
                return dateTime(text, normalized);
            }
            default -> {
                return number(column, normalized, byAttribute, numbers);
            }
        }
    }

    private JsonNode number(
            ColumnSpec column,
            boolean normalized,
            Map<String, Double> byAttribute,
            Map<String, Double> numbers) {
        double[] range = range(column);
        double lo = range[0];
        double hi = range[1];
        if (column.atMost() != null && byAttribute.containsKey(column.atMost())) {
            hi = Math.max(lo, Math.min(hi, byAttribute.get(column.atMost())));
        }
        double raw = lo + (hi - lo) * (0.05 + 0.9 * random.nextDouble());
        JsonNode value;
        double canonical;
        String unit = column.unit();
        if (column.type() == ColumnType.DOUBLE) {
            BigDecimal decimal =
                    BigDecimal.valueOf(raw).setScale(scale(hi - lo), RoundingMode.HALF_UP);
            canonical = decimal.doubleValue();
            value = DecimalNode.valueOf(decimal.stripTrailingZeros());
            if (normalized && !column.convert().isEmpty() && random.nextBoolean()) {
                // sent in another unit the column converts from
                String other =
                        column.convert().keySet().stream().sorted().findFirst().orElseThrow();
                UnitConversion conversion = column.convert().get(other);
                BigDecimal sent =
                        BigDecimal.valueOf((canonical - conversion.offset()) / conversion.factor())
                                .setScale(6, RoundingMode.HALF_UP)
                                .stripTrailingZeros();
                value = DecimalNode.valueOf(sent);
                canonical = conversion.apply(sent.doubleValue());
                unit = other;
            }
        } else {
            long whole =
                    Math.max(
                            (long) Math.ceil(lo), Math.min((long) Math.floor(hi), Math.round(raw)));
            canonical = whole;
            value = LongNode.valueOf(whole);
        }
        byAttribute.put(column.attribute(), canonical);
        numbers.put(column.name(), canonical);
        if (!normalized) {
            return value;
        }
        ObjectNode attribute = v2("Number", value);
        if (unit != null) {
            attribute.putObject("metadata").set("unitCode", v2("Text", TextNode.valueOf(unit)));
        }
        return attribute;
    }

    /**
     * The range values are drawn from: the column's, else 0..100 from its one bound; below the
     * threshold above which a value sent without a unit is read in another unit.
     */
    private static double[] range(ColumnSpec column) {
        double lo;
        double hi;
        if (column.min() != null) {
            lo = column.min();
            hi = column.max() != null ? column.max() : lo + 100;
        } else if (column.max() != null) {
            hi = column.max();
            lo = Math.min(0, hi - 100);
        } else {
            lo = 0;
            hi = 100;
        }
        if (column.assumeUnit() != null) {
            hi = Math.max(lo, Math.min(hi, column.assumeUnit().above()));
        }
        return new double[] {lo, hi};
    }

    /** Decimals enough to stay inside a range of this span. */
    private static int scale(double span) {
        return Math.max(1, 2 - (int) Math.floor(Math.log10(Math.max(span, 1e-9))));
    }

    /** The derived columns ingest computes, in column order, as it does. */
    private static void derive(
            EntityDescriptor entity, Map<String, Double> numbers, Map<String, Boolean> present) {
        for (ColumnSpec column : entity.columns()) {
            ColumnSpec.Derivation derivation = column.derivation();
            if (derivation == null || present.containsKey(column.name())) {
                continue;
            }
            Double a = numbers.get(derivation.left());
            Double b = numbers.get(derivation.right());
            if (a == null || b == null) {
                continue;
            }
            Double result = derivation.apply(a, b);
            if (result == null) {
                continue;
            }
            double typed =
                    switch (column.type()) {
                        case INT, LONG -> Math.round(result);
                        default -> result;
                    };
            numbers.put(column.name(), typed);
            present.put(column.name(), true);
        }
    }

    private Map<String, GeneratedFeed.ColumnOracle> columnOracle(
            EntityDescriptor entity, List<Reading> readings) {
        List<String> names = new ArrayList<>();
        if (entity.observedAt().lengthColumn() != null) {
            names.add(entity.observedAt().lengthColumn());
        }
        entity.columns().forEach(c -> names.add(c.name()));
        Map<String, GeneratedFeed.ColumnOracle> oracle = new LinkedHashMap<>();
        for (String name : names) {
            boolean numeric =
                    entity.column(name).map(c -> c.type().numeric()).orElse(true); // the length
            long values = 0;
            double sum = 0;
            for (Reading reading : readings) {
                if (reading.present().containsKey(name)) {
                    values++;
                    if (numeric) {
                        sum += reading.numbers().get(name);
                    }
                }
            }
            oracle.put(name, new GeneratedFeed.ColumnOracle(values, numeric ? sum : null));
        }
        return oracle;
    }

    // ---- bad lines

    private void seedBadLines(EntityDescriptor entity, List<Reading> readings) {
        for (SeededReason reason : SeededReason.values()) {
            if (reason == SeededReason.UNKNOWN_CITY) {
                continue; // lines of another city folder, written by the caller
            }
            for (int j = 0; j < settings.badPerReason(); j++) {
                int anchor = random.nextInt(readings.size());
                Reading after = readings.get(anchor);
                Optional<String> line = badLine(reason, entity, after, anchor, j);
                line.ifPresent(json -> after.after().add(new Line(json, reason)));
            }
        }
    }

    /**
     * A line refused for {@code reason}: a keyValues reading of the anchor's sensor a minute after
     * it, broken in that one way; empty when the descriptor gives no way to break it so.
     */
    private Optional<String> badLine(
            SeededReason reason, EntityDescriptor entity, Reading anchor, int anchorIndex, int j) {
        List<Sensor> known = sensorsOf(entity);
        Sensor sensor = known.get(anchorIndex % known.size());
        OffsetDateTime at = anchor.at().plusMinutes(1);
        return switch (reason) {
            case DUPLICATE -> Optional.of(anchor.json());
            case UNKNOWN_ENTITY ->
                    entity.refTable().isEmpty()
                            ? Optional.empty()
                            : Optional.of(
                                    reading(entity, unlisted(entity, j), at, false, 0).json());
            case FUTURE_TIMESTAMP ->
                    Optional.of(reading(entity, sensor, at.withYear(2099), false, 0).json());
            case MALFORMED_JSON -> {
                String json = reading(entity, sensor, at, false, 0).json();
                yield Optional.of(json.substring(0, json.length() / 2));
            }
            default -> {
                ObjectNode json = tree(reading(entity, sensor, at, false, 0).json());
                yield breakIt(reason, entity, json)
                        ? Optional.of(serialize(json))
                        : Optional.empty();
            }
        };
    }

    /** Breaks a valid keyValues reading for {@code reason}; false when it cannot be done. */
    private boolean breakIt(SeededReason reason, EntityDescriptor entity, ObjectNode json) {
        ObservedSpec observed = entity.observedAt();
        String timeAttribute =
                observed.isInterval()
                        ? (json.has(observed.from()) ? observed.from() : observed.interval())
                        : observed.attributes().get(0);
        Optional<ColumnSpec> numeric =
                entity.columns().stream()
                        .filter(c -> c.type().numeric() && c.attribute() != null)
                        .filter(c -> c.fallback() == null)
                        .findFirst();
        switch (reason) {
            case UNKNOWN_TYPE -> {
                String type = entity.type() + "Legacy";
                while (catalog.entity(type).isPresent()) {
                    type = type + "X";
                }
                json.put("type", type);
                return true;
            }
            case MISSING_FIELD -> {
                observed.allAttributes().forEach(json::remove);
                return true;
            }
            case WRONG_TYPE -> {
                if (numeric.isPresent()) {
                    json.put(numeric.get().attribute(), "n/a");
                } else {
                    json.set(timeAttribute, IntNode.valueOf(20240603));
                }
                return true;
            }
            case NOT_A_NUMBER -> {
                numeric.ifPresent(c -> json.set(c.attribute(), DoubleNode.valueOf(Double.NaN)));
                return numeric.isPresent();
            }
            case OUT_OF_RANGE -> {
                return outOfRange(entity, json, timeAttribute);
            }
            case BAD_TIMESTAMP -> {
                json.put(timeAttribute, "yesterday");
                return true;
            }
            default -> throw new IllegalArgumentException("not a payload fault: " + reason);
        }
    }

    /**
     * Below a column's minimum, else above its maximum (a column that reads big values in another
     * unit excepted), else a text not among the allowed ones, else an interval that ends before it
     * starts.
     */
    private boolean outOfRange(EntityDescriptor entity, ObjectNode json, String timeAttribute) {
        for (ColumnSpec c : entity.columns()) {
            if (c.type().numeric() && c.attribute() != null && c.min() != null) {
                double below = c.min() - 1 - random.nextInt(10);
                json.set(c.attribute(), numberNode(c, below));
                return true;
            }
        }
        for (ColumnSpec c : entity.columns()) {
            if (c.type().numeric()
                    && c.attribute() != null
                    && c.max() != null
                    && c.assumeUnit() == null) {
                double above = c.max() + 1 + random.nextInt(10);
                json.set(c.attribute(), numberNode(c, above));
                return true;
            }
        }
        for (ColumnSpec c : entity.columns()) {
            if (c.attribute() != null && !c.values().isEmpty()) {
                json.put(c.attribute(), "not-" + String.join("-", c.values()));
                return true;
            }
        }
        ObservedSpec observed = entity.observedAt();
        if (observed.isInterval() && observed.to() != null && json.has(observed.from())) {
            json.set(observed.to(), json.get(observed.from()));
            return true;
        }
        return false;
    }

    private static JsonNode numberNode(ColumnSpec column, double value) {
        return column.type() == ColumnType.DOUBLE
                ? DecimalNode.valueOf(BigDecimal.valueOf(value))
                : LongNode.valueOf((long) value);
    }

    // ---- files

    private void writeRef(
            Path out, String table, Schema schema, Map.Entry<String, List<Sensor>> entry)
            throws IOException {
        List<String> rows = new ArrayList<>();
        String title = table.substring("ref.".length()).replace('_', ' ');
        for (Sensor sensor : entry.getValue()) {
            ObjectNode row = NODES.objectNode();
            row.put(TableRegistry.CITY, city.id());
            row.put("id", sensor.id());
            for (NestedField field : schema.columns()) {
                String name = field.name();
                if (name.equals(TableRegistry.CITY) || name.equals("id")) {
                    continue;
                }
                switch (field.type().typeId()) {
                    case STRING ->
                            row.put(
                                    name,
                                    name.equals("name")
                                            ? city.name() + " " + title + " " + sensor.number()
                                            : name.replace('_', ' ') + " " + sensor.number());
                    case DOUBLE -> {
                        if (name.equals("lon")) {
                            row.put(name, sensor.lon());
                        } else if (name.equals("lat")) {
                            row.put(name, sensor.lat());
                        } else {
                            row.put(name, round(1 + random.nextDouble() * 99, 2));
                        }
                    }
                    case INTEGER -> row.put(name, 1 + random.nextInt(100));
                    case LONG -> row.put(name, 1L + random.nextInt(100));
                    case BOOLEAN -> row.put(name, random.nextBoolean());
                    default -> {
                        // a ref loader cannot read it either: left out
                    }
                }
            }
            rows.add(serialize(row));
        }
        writeLines(FeedConverter.refPath(out, city.id(), table), rows);
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }

    private static ObjectNode v2(String type, JsonNode value) {
        ObjectNode attribute = NODES.objectNode();
        attribute.put("type", type);
        attribute.set("value", value);
        return attribute;
    }

    private static String serialize(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
