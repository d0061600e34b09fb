package org.citylake.exchange.product;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates product files ({@code <id>.product.json}). The built-in products are
 * resources under {@code exchange/products/} (listed in {@code exchange/products/index}); an
 * installation adds its own in {@code <data-dir>/exchange/products.d/}, where a file with a
 * built-in id replaces the built-in product. Every error names the file, the field and what to do.
 */
public final class ProductFiles {

    public static final String SUFFIX = ".product.json";
    static final String RESOURCES = "exchange/products/";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern DURATION = Pattern.compile("P(T\\d+[HMS]|\\d+[DWMY])");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final Set<String> TYPES =
            Set.of("string", "int", "long", "double", "boolean", "date", "timestamptz");
    static final Set<String> AGGREGATIONS =
            Set.of("sum", "mean", "weighted_mean", "min", "max", "count", "count_distinct");
    static final Set<String> TRUNCATIONS = Set.of("hour", "day");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProductFiles() {}

    /** The built-in products, in id order. */
    public static List<Product> builtIn() {
        List<Product> products = new ArrayList<>();
        for (String name : resourceIndex()) {
            String resource = RESOURCES + name;
            try (InputStream in =
                    ProductFiles.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "product " + resource + " is listed in the index but not packaged");
                }
                products.add(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return sorted(products);
    }

    /**
     * The built-in products, overridden and extended by the files of {@code folder} (when it
     * exists).
     */
    public static List<Product> load(Path folder) {
        Map<String, Product> byId = new LinkedHashMap<>();
        builtIn().forEach(p -> byId.put(p.id(), p));
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).toList()) {
                    Product product = read(file);
                    byId.put(product.id(), product);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list product files in " + folder, e);
            }
        }
        return sorted(new ArrayList<>(byId.values()));
    }

    /** One product file, validated. */
    public static Product read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read product file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates the text of a product file; {@code where} names it in errors. */
    public static Product parse(String json, String where) {
        Product product;
        try {
            product = JSON.readValue(json, Product.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(
                    "product file "
                            + where
                            + ": unknown field '"
                            + e.getPropertyName()
                            + "' at "
                            + path(e)
                            + "; the fields there are "
                            + e.getKnownPropertyIds(),
                    e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(
                    "product file "
                            + where
                            + ": "
                            + e.getOriginalMessage()
                            + (path(e).isEmpty() ? "" : " at " + path(e))
                            + "; see exchange/README.md for the fields of a product file",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "product file " + where + " is not valid JSON: " + e.getMessage(), e);
        }
        List<String> errors = validate(product);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "product file " + where + " is invalid:\n  - " + String.join("\n  - ", errors));
        }
        String expected = product.id() + SUFFIX;
        String fileName = where.substring(where.lastIndexOf('/') + 1);
        if (fileName.endsWith(SUFFIX) && !fileName.equals(expected)) {
            throw new IllegalArgumentException(
                    "product file "
                            + where
                            + " declares id '"
                            + product.id()
                            + "': name it "
                            + expected);
        }
        return product;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Every problem of a parsed product that needs no lake to find; empty when valid. */
    public static List<String> validate(Product p) {
        List<String> errors = new ArrayList<>();
        if (!ID.matcher(p.id()).matches()) {
            errors.add(
                    "id '"
                            + p.id()
                            + "': use lower-case letters, digits and dashes, e.g. congestion-hourly");
        }
        if (!VERSION.matcher(p.version()).matches()) {
            errors.add("version '" + p.version() + "': use major.minor.patch, e.g. 1.0.0");
        }
        if (p.title().isBlank() || p.description().isBlank()) {
            errors.add("title and description must not be blank");
        }
        String table = p.source().table();
        if (!table.startsWith("clean.") && !table.startsWith("gold.")) {
            errors.add(
                    "source.table '"
                            + table
                            + "': a product reads a clean or gold table, e.g. gold.segment_congestion");
        }
        if (!DURATION.matcher(p.granularity().temporalResolution()).matches()) {
            errors.add(
                    "granularity.temporalResolution '"
                            + p.granularity().temporalResolution()
                            + "': an ISO 8601 duration such as PT1H or P1D");
        }
        if (p.dimensions().isEmpty()) {
            errors.add("dimensions: at least one (e.g. the city and the hour)");
        }
        if (p.measures().isEmpty()) {
            errors.add("measures: at least one");
        }
        Set<String> names = new HashSet<>();
        for (Product.Dimension d : p.dimensions()) {
            String at = "dimension '" + d.name() + "'";
            column(errors, at, d.name(), names);
            if (!TYPES.contains(d.type())) {
                errors.add(at + ": type '" + d.type() + "' is none of " + sortedList(TYPES));
            }
            if (d.truncate() != null) {
                if (!TRUNCATIONS.contains(d.truncate())) {
                    errors.add(
                            at
                                    + ": truncate '"
                                    + d.truncate()
                                    + "' is none of "
                                    + sortedList(TRUNCATIONS));
                }
                if (!d.type().equals("timestamptz") && !d.type().equals("date")) {
                    errors.add(at + ": only a timestamptz or date column can be truncated");
                }
            }
            if (d.pseudonymise() && !d.type().equals("string")) {
                errors.add(at + ": a pseudonymised column is a string (its keyed hash)");
            }
            if (p.anonymisation().dropped().contains(d.from())) {
                errors.add(
                        at
                                + ": reads "
                                + d.from()
                                + ", which anonymisation.dropped never releases");
            }
            doc(errors, at, d.doc());
        }
        for (Product.Measure m : p.measures()) {
            String at = "measure '" + m.name() + "'";
            column(errors, at, m.name(), names);
            aggregation(errors, at, m.agg(), m.from());
            if (!TYPES.contains(m.type())) {
                errors.add(at + ": type '" + m.type() + "' is none of " + sortedList(TYPES));
            } else if (Set.of("count", "count_distinct").contains(m.agg())
                    && !m.type().equals("long")) {
                errors.add(at + ": a " + m.agg() + " is a long");
            } else if (Set.of("mean", "weighted_mean").contains(m.agg())
                    && !m.type().equals("double")) {
                errors.add(at + ": a " + m.agg() + " is a double");
            } else if (m.agg().equals("sum") && !Set.of("long", "double").contains(m.type())) {
                errors.add(at + ": a sum is a long or a double");
            }
            if (m.agg().equals("weighted_mean") && m.weight() == null) {
                errors.add(at + ": weighted_mean needs \"weight\", the weight column");
            }
            if (m.weight() != null && !m.agg().equals("weighted_mean")) {
                errors.add(at + ": \"weight\" is only for weighted_mean");
            }
            if (m.round() != null
                    && (!m.type().equals("double") || m.round() < 0 || m.round() > 12)) {
                errors.add(at + ": round is 0..12 decimal places of a double");
            }
            if (m.from() != null && p.anonymisation().dropped().contains(m.from())) {
                errors.add(
                        at
                                + ": reads "
                                + m.from()
                                + ", which anonymisation.dropped never releases");
            }
            doc(errors, at, m.doc());
        }
        Product.Anonymisation a = p.anonymisation();
        if (a.k() < 1) {
            errors.add(
                    "anonymisation.k "
                            + a.k()
                            + ": at least 1 (10 for data about people or vehicles)");
        }
        if (a.k() > 1) {
            if (a.contributors() == null) {
                errors.add(
                        "anonymisation.contributors: how a group's contributors are counted, e.g. {\"agg\": \"sum\", \"from\": \"flow\"}");
            } else {
                aggregation(
                        errors,
                        "anonymisation.contributors",
                        a.contributors().agg(),
                        a.contributors().from());
                if (Set.of("mean", "weighted_mean").contains(a.contributors().agg())) {
                    errors.add(
                            "anonymisation.contributors: count with sum, min, max, count or count_distinct, not a mean");
                }
            }
            if (a.contributorsAre() == null || a.contributorsAre().isBlank()) {
                errors.add(
                        "anonymisation.contributorsAre: what a contributor is, e.g. \"vehicles counted\"");
            }
        }
        if (a.reason().isBlank()) {
            errors.add("anonymisation.reason: why this rule protects the people in the data");
        }
        iri(errors, "licence", p.licence());
        iri(errors, "updateFrequency", p.updateFrequency());
        if (p.theme() != null) {
            iri(errors, "theme", p.theme());
        }
        Product.Offer o = p.offer();
        if (o.price().signum() < 0) {
            errors.add("offer.price " + o.price() + ": not negative (0 for free)");
        }
        if (!CURRENCY.matcher(o.currency()).matches()) {
            errors.add("offer.currency '" + o.currency() + "': an ISO 4217 code such as EUR");
        }
        if (o.terms().isBlank()) {
            errors.add("offer.terms: the terms in words");
        }
        return errors;
    }

    private static void column(List<String> errors, String at, String name, Set<String> names) {
        if (!COLUMN.matcher(name).matches()) {
            errors.add(at + ": a column name of lower-case letters, digits and underscores");
        }
        if (name.equals("release_id")) {
            errors.add(at + ": release_id is the release table's own column");
        }
        if (!names.add(name)) {
            errors.add(at + ": the name is used twice");
        }
    }

    private static void aggregation(List<String> errors, String at, String agg, String from) {
        if (!AGGREGATIONS.contains(agg)) {
            errors.add(at + ": agg '" + agg + "' is none of " + sortedList(AGGREGATIONS));
        } else if (!agg.equals("count") && (from == null || from.isBlank())) {
            errors.add(at + ": " + agg + " needs \"from\", the source column");
        }
    }

    private static void doc(List<String> errors, String at, String doc) {
        if (doc == null || doc.isBlank()) {
            errors.add(at + ": \"doc\" says what the column holds (\"meaning, unit\")");
        }
    }

    private static void iri(List<String> errors, String field, String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                errors.add(field + " '" + value + "': an absolute http(s) IRI");
            }
        } catch (Exception e) {
            errors.add(field + " '" + value + "': an absolute http(s) IRI");
        }
    }

    private static List<String> sortedList(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static List<Product> sorted(List<Product> products) {
        products.sort(java.util.Comparator.comparing(Product::id));
        return List.copyOf(products);
    }

    private static List<String> resourceIndex() {
        String index = RESOURCES + "index";
        try (InputStream in = ProductFiles.class.getClassLoader().getResourceAsStream(index)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
    }
}
