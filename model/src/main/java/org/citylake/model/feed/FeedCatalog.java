package org.citylake.model.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The feeds a lake ingests, read from descriptor files: the built-in ones (in this jar), then every
 * {@code *.feed.json} of the project's feed folder ({@code <citylake.home>/feeds}), then of the
 * lake's {@code <data-dir>/feeds.d/}. A later descriptor of the same feed replaces an earlier one.
 * Immutable and serializable: it travels with a job's plan to a Flink cluster.
 *
 * <p>Every descriptor is checked when it is read; an error names the file, the entity type and the
 * column, and says what to change.
 */
public final class FeedCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Suffix of a descriptor file in a feed folder. */
    public static final String SUFFIX = ".feed.json";

    /** The folder of a lake's own descriptors, under its data dir. */
    public static final String LAKE_FOLDER = "feeds.d";

    /** Columns every clean table has; a descriptor may not define them. */
    public static final Set<String> COMMON_COLUMNS =
            Set.of("city", "entity_id", "observed_at", "is_late", "source_position", "ingested_at");

    private static final String BUILT_IN_INDEX = "/org/citylake/model/feeds/index";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern NGSI_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,255}");

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final LinkedHashMap<String, FeedDescriptor> feeds;

    private FeedCatalog(LinkedHashMap<String, FeedDescriptor> feeds) {
        this.feeds = feeds;
        checkAcrossFeeds();
    }

    /** The built-in feeds only. */
    public static FeedCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /**
     * The built-in feeds, then the descriptors of each existing folder in order (missing folders
     * are skipped).
     */
    public static FeedCatalog load(List<Path> folders) {
        LinkedHashMap<String, FeedDescriptor> feeds = new LinkedHashMap<>(builtIn().feeds);
        for (Path folder : folders) {
            if (folder == null || !Files.isDirectory(folder)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files =
                        list.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                                .sorted()
                                .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list feed descriptors in " + folder, e);
            }
            for (Path file : files) {
                FeedDescriptor feed;
                try {
                    feed = parse(Files.readString(file), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read feed descriptor " + file, e);
                }
                String expected = feed.id() + SUFFIX;
                if (!file.getFileName().toString().equals(expected)) {
                    throw new FeedDescriptorException(
                            file
                                    + ": the descriptor of feed '"
                                    + feed.id()
                                    + "' must be named "
                                    + expected);
                }
                feeds.put(feed.id(), feed);
            }
        }
        return new FeedCatalog(feeds);
    }

    /**
     * The catalog of a lake: built-in, the project's folder ({@code citylake.home} system property,
     * when set), the lake's {@code feeds.d}.
     */
    public static FeedCatalog forDataDir(Path dataDir) {
        List<Path> folders = new ArrayList<>();
        projectFolder().ifPresent(folders::add);
        if (dataDir != null) {
            folders.add(dataDir.resolve(LAKE_FOLDER));
        }
        return load(folders);
    }

    /** {@code <citylake.home>/feeds}, when the launcher set the home. */
    public static Optional<Path> projectFolder() {
        String home = System.getProperty("citylake.home");
        return home == null || home.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(home, "feeds"));
    }

    /** Reads and checks one descriptor; {@code source} names it in errors. */
    public static FeedDescriptor parse(String json, String source) {
        FeedDescriptor feed;
        try {
            feed = JSON.readValue(json, FeedDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new FeedDescriptorException(
                    source
                            + ": not a valid feed descriptor"
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line "
                                            + e.getLocation().getLineNr()
                                            + ", column "
                                            + e.getLocation().getColumnNr()
                                            + ")")
                            + ": "
                            + e.getOriginalMessage()
                            + "; the format is in the ingest module's README");
        }
        if (feed == null) {
            throw new FeedDescriptorException(source + ": empty feed descriptor");
        }
        feed = feed.withSource(source);
        check(feed);
        return feed;
    }

    public Collection<FeedDescriptor> feeds() {
        return feeds.values();
    }

    public List<String> ids() {
        return List.copyOf(feeds.keySet());
    }

    public Optional<FeedDescriptor> find(String id) {
        return Optional.ofNullable(feeds.get(id));
    }

    /**
     * @throws IllegalArgumentException naming the feeds known and where a new one is added
     */
    public FeedDescriptor feed(String id) {
        FeedDescriptor feed = feeds.get(id);
        if (feed == null) {
            throw new IllegalArgumentException(
                    "unknown feed '"
                            + id
                            + "'; known: "
                            + String.join(", ", feeds.keySet())
                            + ". A feed is added by a descriptor <feed>"
                            + SUFFIX
                            + " in <data-dir>/"
                            + LAKE_FOLDER
                            + "/ (see citylake feeds --help)");
        }
        return feed;
    }

    /** Every entity type of every feed. */
    public List<EntityDescriptor> entities() {
        return feeds.values().stream().flatMap(f -> f.entities().stream()).toList();
    }

    /** The feed carrying {@code ngsiType}. */
    public Optional<FeedDescriptor> feedOf(String ngsiType) {
        return feeds.values().stream().filter(f -> f.entity(ngsiType).isPresent()).findFirst();
    }

    public Optional<EntityDescriptor> entity(String ngsiType) {
        return feedOf(ngsiType).flatMap(f -> f.entity(ngsiType));
    }

    private void checkAcrossFeeds() {
        Map<String, String> typeOwner = new HashMap<>();
        Map<String, String> tableOwner = new HashMap<>();
        for (FeedDescriptor feed : feeds.values()) {
            for (EntityDescriptor entity : feed.entities()) {
                String other = typeOwner.put(entity.type(), feed.id());
                if (other != null) {
                    throw new FeedDescriptorException(
                            feed.source()
                                    + ": entity type "
                                    + entity.type()
                                    + " is already carried by feed '"
                                    + other
                                    + "' ("
                                    + feeds.get(other).source()
                                    + "); an entity type belongs to one feed");
                }
                String owner = tableOwner.put(entity.table(), feed.id() + "/" + entity.type());
                if (owner != null) {
                    throw new FeedDescriptorException(
                            feed.source()
                                    + ": table clean."
                                    + entity.table()
                                    + " is already the table of "
                                    + owner
                                    + "; give "
                                    + entity.type()
                                    + " its own table");
                }
            }
        }
    }

    // ---- checks of one descriptor

    private static void check(FeedDescriptor feed) {
        String where = feed.source();
        if (feed.id() == null || !NAME.matcher(feed.id()).matches()) {
            throw new FeedDescriptorException(
                    where
                            + ": \"feed\" must be a lower-case name ([a-z][a-z0-9_]*), got "
                            + quoted(feed.id()));
        }
        where = where + " (feed " + feed.id() + ")";
        if (feed.version() < 1) {
            throw new FeedDescriptorException(
                    where + ": \"version\" must be 1 or more, got " + feed.version());
        }
        if (feed.entities().isEmpty()) {
            throw new FeedDescriptorException(where + ": \"entities\" lists no entity type");
        }
        for (EntityDescriptor entity : feed.entities()) {
            checkEntity(entity, where);
        }
    }

    private static void checkEntity(EntityDescriptor entity, String feedWhere) {
        if (entity.type() == null || !NGSI_TYPE.matcher(entity.type()).matches()) {
            throw new FeedDescriptorException(
                    feedWhere
                            + ": an entity's \"type\" must be an NGSI type name, got "
                            + quoted(entity.type()));
        }
        String where = feedWhere + ", entity " + entity.type();
        name(entity.table(), where + ": \"table\"");
        if (!entity.partition().equals(EntityDescriptor.DAY)
                && !entity.partition().equals(EntityDescriptor.MONTH)) {
            throw new FeedDescriptorException(
                    where
                            + ": \"partition\" must be day or month, got "
                            + quoted(entity.partition()));
        }
        SensorSpec sensor = entity.sensor();
        if (sensor == null) {
            throw new FeedDescriptorException(
                    where + ": \"sensor\" is missing: name the column and attributes of the asset");
        }
        name(sensor.column(), where + ": sensor \"column\"");
        if (sensor.attributes().isEmpty()) {
            throw new FeedDescriptorException(where + ": sensor \"attributes\" is empty");
        }
        if (sensor.ref() != null) {
            name(sensor.ref(), where + ": sensor \"ref\"");
        }
        Set<String> refNames = new HashSet<>(Set.of("city", "id"));
        for (ColumnSpec column : sensor.refColumns()) {
            name(column.name(), where + ": a sensor \"refColumns\" name");
            if (!refNames.add(column.name())) {
                throw new FeedDescriptorException(
                        where + ": ref column " + column.name() + " is defined twice");
            }
            if (column.type() == null) {
                throw new FeedDescriptorException(
                        where + ": ref column " + column.name() + " has no \"type\"");
            }
        }
        ObservedSpec observed = entity.observedAt();
        if (observed == null || (!observed.isInterval() && observed.attributes().isEmpty())) {
            throw new FeedDescriptorException(
                    where
                            + ": \"observedAt\" must list \"attributes\" (an instant) or give"
                            + " \"from\"/\"to\" (an interval)");
        }
        if (observed.isInterval() && observed.from() == null) {
            throw new FeedDescriptorException(
                    where + ": an interval \"observedAt\" needs \"from\"");
        }
        Set<String> columns = new HashSet<>(FeedCatalog.COMMON_COLUMNS);
        add(columns, sensor.column(), where);
        if (observed.lengthColumn() != null) {
            name(observed.lengthColumn(), where + ": observedAt \"lengthColumn\"");
            add(columns, observed.lengthColumn(), where);
        }
        Set<String> attributes = new HashSet<>();
        for (ColumnSpec column : entity.columns()) {
            if (column.name() != null && column.name().equals(observed.lengthColumn())) {
                // the interval length placed among the columns: no attribute of its own
                if (column.type() != ColumnType.INT
                        || column.attribute() != null
                        || column.derive() != null) {
                    throw new FeedDescriptorException(
                            where
                                    + ", column "
                                    + column.name()
                                    + ": the observedAt length column is an int without"
                                    + " \"attribute\" or \"derive\" (listed among the columns"
                                    + " only to place it)");
                }
                continue;
            }
            checkColumn(column, where);
            add(columns, column.name(), where);
            if (column.attribute() != null) {
                attributes.add(column.attribute());
            }
        }
        for (ColumnSpec column : entity.columns()) {
            String at = where + ", column " + column.name();
            if (column.atMost() != null && !attributes.contains(column.atMost())) {
                throw new FeedDescriptorException(
                        at
                                + ": \"atMost\" names attribute "
                                + column.atMost()
                                + ", which no column of "
                                + entity.type()
                                + " reads");
            }
            ColumnSpec.Derivation derivation;
            try {
                derivation = column.derivation();
            } catch (IllegalArgumentException e) {
                throw new FeedDescriptorException(where + ": " + e.getMessage());
            }
            if (derivation != null) {
                for (String operand : List.of(derivation.left(), derivation.right())) {
                    ColumnSpec other = entity.column(operand).orElse(null);
                    if (other == null || !other.type().numeric()) {
                        throw new FeedDescriptorException(
                                at
                                        + ": \"derive\" uses "
                                        + operand
                                        + ", which is not a numeric column of "
                                        + entity.type());
                    }
                }
                if (!column.type().numeric()) {
                    throw new FeedDescriptorException(
                            at + ": only a numeric column can be derived");
                }
            }
        }
        for (String key : entity.dedup()) {
            if (entity.dedup().size() != 1
                    || (!key.equals("entity_id") && !key.equals(sensor.column()))) {
                throw new FeedDescriptorException(
                        where
                                + ": \"dedup\" may name entity_id or the sensor column "
                                + sensor.column()
                                + ", got "
                                + quoted(key));
            }
        }
    }

    private static void checkColumn(ColumnSpec column, String entityWhere) {
        name(column.name(), entityWhere + ": a column \"name\"");
        String where = entityWhere + ", column " + column.name();
        if (column.type() == null) {
            throw new FeedDescriptorException(
                    where + ": \"type\" is missing (text, int, long, double, boolean, timestamp)");
        }
        if (column.attribute() == null && column.derive() == null) {
            throw new FeedDescriptorException(
                    where + ": give the \"attribute\" it is read from, or how to \"derive\" it");
        }
        if (column.required() && column.attribute() == null) {
            throw new FeedDescriptorException(where + ": a derived column cannot be required");
        }
        boolean numeric = column.type().numeric();
        if (!numeric
                && (column.min() != null
                        || column.max() != null
                        || column.unit() != null
                        || !column.convert().isEmpty()
                        || column.assumeUnit() != null
                        || column.atMost() != null)) {
            throw new FeedDescriptorException(
                    where
                            + ": min, max, unit, convert, assumeUnit and atMost apply to numeric"
                            + " columns only; this one is "
                            + column.type().id());
        }
        if (column.min() != null && column.max() != null && column.min() > column.max()) {
            throw new FeedDescriptorException(
                    where + ": \"min\" " + column.min() + " is above \"max\" " + column.max());
        }
        if ((!column.values().isEmpty() || column.list()) && column.type() != ColumnType.TEXT) {
            throw new FeedDescriptorException(
                    where + ": \"values\" and \"list\" apply to text columns only");
        }
        if ((!column.convert().isEmpty() || column.assumeUnit() != null) && column.unit() == null) {
            throw new FeedDescriptorException(
                    where + ": \"convert\" and \"assumeUnit\" need the canonical \"unit\"");
        }
        if (column.assumeUnit() != null
                && !column.convert().containsKey(column.assumeUnit().unit())) {
            throw new FeedDescriptorException(
                    where
                            + ": \"assumeUnit\" names "
                            + column.assumeUnit().unit()
                            + ", which \"convert\" does not list");
        }
    }

    private static void name(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FeedDescriptorException(
                    what + " must be a lower-case name ([a-z][a-z0-9_]*), got " + quoted(name));
        }
    }

    private static void add(Set<String> columns, String name, String where) {
        if (!columns.add(name)) {
            throw new FeedDescriptorException(
                    where
                            + ": column "
                            + name
                            + (COMMON_COLUMNS.contains(name)
                                    ? " is a column every clean table has; choose another name"
                                    : " is defined twice"));
        }
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }

    private static final class BuiltIn {
        static final FeedCatalog CATALOG = readBuiltIn();

        private static FeedCatalog readBuiltIn() {
            LinkedHashMap<String, FeedDescriptor> feeds = new LinkedHashMap<>();
            for (String file : resource(BUILT_IN_INDEX).lines().map(String::strip).toList()) {
                if (file.isEmpty() || file.startsWith("#")) {
                    continue;
                }
                String path = "/org/citylake/model/feeds/" + file;
                FeedDescriptor feed = parse(resource(path), "built-in " + file);
                feeds.put(feed.id(), feed);
            }
            return new FeedCatalog(feeds);
        }

        private static String resource(String path) {
            try (InputStream in = FeedCatalog.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource " + path + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
