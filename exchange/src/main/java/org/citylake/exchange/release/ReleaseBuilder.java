package org.citylake.exchange.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.exchange.Pseudonyms;
import org.citylake.exchange.product.Product;

/**
 * Runs a {@link Product} on its source table at one snapshot: the rows of the release, in a fixed
 * order. Reads with Iceberg's generic reader pinned to the snapshot (the same rows whatever was
 * committed since) and aggregates in the driver; gold tables and hourly aggregates of clean tables
 * are small enough for that.
 *
 * <pre>
 *   IcebergGenerics.read(table).useSnapshot(id).where(source.where)
 *     │ each row: dimensions (timestamps truncated to the hour/day in UTC, ids → keyed pseudonyms)
 *     ▼
 *   group → measures (sum, mean, weighted_mean, min, max, count, count_distinct) + contributors
 *     │ contributors &lt; k → suppressed (counted, never written)
 *     ▼
 *   rows sorted by the dimensions (nulls first) → ReleaseRows
 * </pre>
 */
public final class ReleaseBuilder {

    private ReleaseBuilder() {}

    /** The release's columns (no release_id), with the product's docs; every column optional. */
    public static Schema schema(Product product) {
        List<NestedField> fields = new ArrayList<>();
        int id = 1;
        for (Product.Dimension d : product.dimensions()) {
            fields.add(Types.NestedField.optional(id++, d.name(), type(d.type()), d.doc()));
        }
        for (Product.Measure m : product.measures()) {
            fields.add(Types.NestedField.optional(id++, m.name(), type(m.type()), m.doc()));
        }
        return new Schema(fields);
    }

    /** The Iceberg type of a product file's type name. */
    public static Type type(String name) {
        return switch (name) {
            case "string" -> Types.StringType.get();
            case "int" -> Types.IntegerType.get();
            case "long" -> Types.LongType.get();
            case "double" -> Types.DoubleType.get();
            case "boolean" -> Types.BooleanType.get();
            case "date" -> Types.DateType.get();
            case "timestamptz" -> Types.TimestampType.withZone();
            default -> throw new IllegalArgumentException("unknown type " + name);
        };
    }

    /**
     * Every problem of {@code product} against its source table's schema (columns missing, types
     * that do not fit); empty when it can run.
     */
    public static List<String> check(Product product, Schema source) {
        List<String> errors = new ArrayList<>();
        String table = product.source().table();
        for (String column : product.source().where().keySet()) {
            if (source.findField(column) == null) {
                errors.add(
                        "source.where: "
                                + table
                                + " has no column "
                                + column
                                + columnsHint(source));
            }
        }
        for (Product.Dimension d : product.dimensions()) {
            NestedField from = source.findField(d.from());
            String at = "dimension '" + d.name() + "'";
            if (from == null) {
                errors.add(at + ": " + table + " has no column " + d.from() + columnsHint(source));
            } else if (d.pseudonymise()) {
                if (!from.type().isPrimitiveType()) {
                    errors.add(at + ": only a primitive column can be pseudonymised");
                }
            } else if (!from.type().equals(type(d.type()))) {
                errors.add(at + ": " + d.from() + " is " + from.type() + ", not " + d.type());
            }
        }
        for (Product.Measure m : product.measures()) {
            String at = "measure '" + m.name() + "'";
            if (m.agg().equals("count")) {
                continue;
            }
            NestedField from = source.findField(m.from());
            if (from == null) {
                errors.add(at + ": " + table + " has no column " + m.from() + columnsHint(source));
                continue;
            }
            boolean numeric = isNumeric(from.type());
            switch (m.agg()) {
                case "sum", "mean", "weighted_mean" -> {
                    if (!numeric) {
                        errors.add(
                                at
                                        + ": "
                                        + m.agg()
                                        + " of "
                                        + m.from()
                                        + ", which is "
                                        + from.type()
                                        + ", not a number");
                    } else if (m.agg().equals("sum")
                            && m.type().equals("long")
                            && !(from.type() instanceof Types.IntegerType
                                    || from.type() instanceof Types.LongType)) {
                        errors.add(
                                at
                                        + ": the sum of "
                                        + m.from()
                                        + " ("
                                        + from.type()
                                        + ") is a double, not a long");
                    }
                }
                case "min", "max" -> {
                    if (!from.type().equals(type(m.type()))) {
                        errors.add(
                                at
                                        + ": "
                                        + m.agg()
                                        + " of "
                                        + m.from()
                                        + " is "
                                        + from.type()
                                        + ", not "
                                        + m.type());
                    }
                }
                default -> {}
            }
            if (m.weight() != null) {
                NestedField weight = source.findField(m.weight());
                if (weight == null || !isNumeric(weight.type())) {
                    errors.add(at + ": weight " + m.weight() + " is no numeric column of " + table);
                }
            }
        }
        Product.Contributors c = product.anonymisation().contributors();
        if (product.anonymisation().k() > 1 && c != null && !c.agg().equals("count")) {
            NestedField from = source.findField(c.from());
            if (from == null) {
                errors.add(
                        "anonymisation.contributors: "
                                + table
                                + " has no column "
                                + c.from()
                                + columnsHint(source));
            } else if (!c.agg().equals("count_distinct") && !isNumeric(from.type())) {
                errors.add(
                        "anonymisation.contributors: "
                                + c.agg()
                                + " of "
                                + c.from()
                                + ", which is not a number");
            }
        }
        for (String dropped : product.anonymisation().dropped()) {
            if (source.findField(dropped) == null) {
                errors.add("anonymisation.dropped: " + table + " has no column " + dropped);
            }
        }
        return errors;
    }

    private static String columnsHint(Schema source) {
        return " (its columns: " + source.columns().stream().map(NestedField::name).toList() + ")";
    }

    private static boolean isNumeric(Type type) {
        return type instanceof Types.IntegerType
                || type instanceof Types.LongType
                || type instanceof Types.DoubleType
                || type instanceof Types.FloatType;
    }

    /** Builds the release rows of {@code product} from {@code table} at {@code snapshotId}. */
    public static ReleaseRows build(
            Product product, Table table, long snapshotId, Pseudonyms pseudonyms) {
        List<String> errors = check(product, table.schema());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "product "
                            + product.id()
                            + " does not fit "
                            + product.source().table()
                            + ":\n  - "
                            + String.join("\n  - ", errors)
                            + "\nfix its product file");
        }
        Expression filter = Expressions.alwaysTrue();
        for (Map.Entry<String, Object> e : product.source().where().entrySet()) {
            filter =
                    Expressions.and(
                            filter, Expressions.equal(e.getKey(), literal(table.schema(), e)));
        }
        List<String> columns = new ArrayList<>(columnsRead(product));
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .useSnapshot(snapshotId)
                        .where(filter)
                        .select(columns)
                        .build()) {
            return aggregate(product, rows, pseudonyms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + product.source().table(), e);
        }
    }

    private static Object literal(Schema schema, Map.Entry<String, Object> e) {
        Type type = schema.findField(e.getKey()).type();
        Object v = e.getValue();
        if (v instanceof Number n) {
            if (type instanceof Types.IntegerType) {
                return n.intValue();
            }
            if (type instanceof Types.LongType) {
                return n.longValue();
            }
            return n.doubleValue();
        }
        return v;
    }

    private static Set<String> columnsRead(Product product) {
        Set<String> columns = new LinkedHashSet<>(product.source().where().keySet());
        product.dimensions().forEach(d -> columns.add(d.from()));
        for (Product.Measure m : product.measures()) {
            if (m.from() != null) {
                columns.add(m.from());
            }
            if (m.weight() != null) {
                columns.add(m.weight());
            }
        }
        Product.Contributors c = product.anonymisation().contributors();
        if (c != null && c.from() != null) {
            columns.add(c.from());
        }
        return columns;
    }

    /**
     * Aggregates {@code rows} (records holding the product's source columns) into the release; rows
     * not matching {@code source.where} are skipped.
     */
    public static ReleaseRows aggregate(
            Product product, Iterable<Record> rows, Pseudonyms pseudonyms) {
        int k = product.anonymisation().k();
        Product.Contributors contributors = product.anonymisation().contributors();
        TreeMap<List<Object>, Group> groups = new TreeMap<>(KEY_ORDER);
        long read = 0;
        for (Record row : rows) {
            if (!matches(product.source().where(), row)) {
                continue;
            }
            read++;
            List<Object> key = new ArrayList<>(product.dimensions().size());
            for (Product.Dimension d : product.dimensions()) {
                key.add(dimension(product, d, row.getField(d.from()), pseudonyms));
            }
            Group group = groups.computeIfAbsent(key, ignored -> new Group(product));
            for (int i = 0; i < product.measures().size(); i++) {
                Product.Measure m = product.measures().get(i);
                group.measures[i].add(
                        m.from() == null ? null : row.getField(m.from()),
                        m.weight() == null ? null : row.getField(m.weight()));
            }
            if (group.contributors != null) {
                group.contributors.add(
                        contributors.from() == null ? null : row.getField(contributors.from()),
                        null);
            }
        }
        Schema schema = schema(product);
        List<Record> out = new ArrayList<>();
        long suppressed = 0;
        for (Map.Entry<List<Object>, Group> e : groups.entrySet()) {
            Group group = e.getValue();
            if (k > 1) {
                Object count = group.contributors.result("double");
                if (count == null || ((Number) count).doubleValue() < k) {
                    suppressed++;
                    continue;
                }
            }
            GenericRecord record = GenericRecord.create(schema);
            int pos = 0;
            for (Object value : e.getKey()) {
                record.set(pos++, value);
            }
            for (int i = 0; i < product.measures().size(); i++) {
                Product.Measure m = product.measures().get(i);
                record.set(pos++, round(group.measures[i].result(m.type()), m.round()));
            }
            out.add(record);
        }
        return new ReleaseRows(schema, out, read, groups.size(), suppressed);
    }

    private static boolean matches(Map<String, Object> where, Record row) {
        for (Map.Entry<String, Object> e : where.entrySet()) {
            Object actual = row.getField(e.getKey());
            Object wanted = e.getValue();
            if (actual instanceof Number a && wanted instanceof Number w) {
                if (Double.compare(a.doubleValue(), w.doubleValue()) != 0) {
                    return false;
                }
            } else if (actual == null || !actual.toString().equals(String.valueOf(wanted))) {
                return false;
            }
        }
        return true;
    }

    private static Object dimension(
            Product product, Product.Dimension d, Object value, Pseudonyms pseudonyms) {
        if (value == null) {
            return null;
        }
        if (d.pseudonymise()) {
            return pseudonyms.of(product.id(), value.toString());
        }
        if (d.truncate() != null) {
            ChronoUnit unit = d.truncate().equals("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            if (value instanceof OffsetDateTime t) {
                return t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(unit);
            }
            if (value instanceof LocalDate) {
                return value;
            }
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        return value;
    }

    private static Object round(Object value, Integer places) {
        if (places == null || !(value instanceof Double d) || d.isNaN() || d.isInfinite()) {
            return value;
        }
        return BigDecimal.valueOf(d).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> KEY_ORDER =
            (a, b) -> {
                for (int i = 0; i < a.size(); i++) {
                    Object x = a.get(i);
                    Object y = b.get(i);
                    if (x == y) {
                        continue;
                    }
                    if (x == null) {
                        return -1;
                    }
                    if (y == null) {
                        return 1;
                    }
                    int c = ((Comparable) x).compareTo(y);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };

    /** The accumulators of one group. */
    private static final class Group {
        final Accumulator[] measures;
        final Accumulator contributors;

        Group(Product product) {
            measures = new Accumulator[product.measures().size()];
            for (int i = 0; i < measures.length; i++) {
                measures[i] = new Accumulator(product.measures().get(i).agg());
            }
            Product.Contributors c = product.anonymisation().contributors();
            contributors =
                    product.anonymisation().k() > 1 && c != null ? new Accumulator(c.agg()) : null;
        }
    }

    /** One aggregation over a group's values; nulls are skipped (count counts rows). */
    private static final class Accumulator {
        private final String agg;
        private long rows;
        private long n;
        private long longSum;
        private double doubleSum;
        private double weightSum;
        private boolean anyDouble;
        private Comparable<Object> extreme;
        private Set<Object> distinct;

        Accumulator(String agg) {
            this.agg = agg;
            if (agg.equals("count_distinct")) {
                distinct = new HashSet<>();
            }
        }

        @SuppressWarnings("unchecked")
        void add(Object value, Object weight) {
            rows++;
            if (value == null) {
                return;
            }
            switch (agg) {
                case "sum", "mean" -> {
                    n++;
                    if (value instanceof Integer || value instanceof Long) {
                        longSum += ((Number) value).longValue();
                    } else {
                        anyDouble = true;
                    }
                    doubleSum += ((Number) value).doubleValue();
                }
                case "weighted_mean" -> {
                    if (weight != null) {
                        double w = ((Number) weight).doubleValue();
                        n++;
                        doubleSum += w * ((Number) value).doubleValue();
                        weightSum += w;
                    }
                }
                case "min" -> {
                    if (extreme == null || ((Comparable<Object>) value).compareTo(extreme) < 0) {
                        extreme = (Comparable<Object>) value;
                    }
                    n++;
                }
                case "max" -> {
                    if (extreme == null || ((Comparable<Object>) value).compareTo(extreme) > 0) {
                        extreme = (Comparable<Object>) value;
                    }
                    n++;
                }
                case "count_distinct" -> distinct.add(value);
                default -> {}
            }
        }

        /** The result as the release type {@code type} ("double" for the k test). */
        Object result(String type) {
            switch (agg) {
                case "count":
                    return type.equals("double") ? (Object) (double) rows : (Object) rows;
                case "count_distinct":
                    return type.equals("double")
                            ? (Object) (double) distinct.size()
                            : (Object) (long) distinct.size();
                case "sum":
                    if (n == 0) {
                        return null;
                    }
                    if (type.equals("long") && !anyDouble) {
                        return longSum;
                    }
                    return anyDouble ? doubleSum : (double) longSum;
                case "mean":
                    return n == 0 ? null : (anyDouble ? doubleSum : (double) longSum) / n;
                case "weighted_mean":
                    return weightSum > 0 ? doubleSum / weightSum : null;
                case "min":
                case "max":
                    if (extreme == null) {
                        return null;
                    }
                    if (type.equals("double") && extreme instanceof Number num) {
                        return num.doubleValue();
                    }
                    return extreme;
                default:
                    throw new IllegalStateException("unknown aggregation " + agg);
            }
        }
    }
}
