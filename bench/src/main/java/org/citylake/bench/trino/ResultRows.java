package org.citylake.bench.trino;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A query result in a form two engines can be compared on: timestamps as instants, numbers as
 * doubles (compared with a relative tolerance, since engines sum floating point in different
 * orders), rows sorted.
 */
public final class ResultRows {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final List<List<Object>> rows;

    private ResultRows(List<List<Object>> rows) {
        this.rows = rows;
    }

    public static ResultRows read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(normalize(rs.getObject(i)));
            }
            rows.add(row);
        }
        rows.sort(Comparator.comparing(ResultRows::sortKey));
        return new ResultRows(rows);
    }

    public int size() {
        return rows.size();
    }

    static Object normalize(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof Instant) {
            return v;
        }
        return v.toString();
    }

    private static String sortKey(List<Object> row) {
        StringBuilder key = new StringBuilder();
        for (Object v : row) {
            if (v instanceof Double d) {
                // Coarse enough that engines' last-bit differences sort alike.
                key.append(new BigDecimal(d).round(new MathContext(6)).toPlainString());
            } else {
                key.append(v);
            }
            key.append('\u0001');
        }
        return key.toString();
    }

    /** Null when equal, else a description of the first difference. */
    public String differenceFrom(ResultRows other) {
        if (rows.size() != other.rows.size()) {
            return rows.size() + " rows vs " + other.rows.size();
        }
        for (int r = 0; r < rows.size(); r++) {
            List<Object> a = rows.get(r);
            List<Object> b = other.rows.get(r);
            if (a.size() != b.size()) {
                return "row " + r + ": " + a.size() + " columns vs " + b.size();
            }
            for (int c = 0; c < a.size(); c++) {
                if (!same(a.get(c), b.get(c))) {
                    return "row " + r + " column " + (c + 1) + ": " + a + " vs " + b;
                }
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            double scale = Math.max(Math.abs(x), Math.abs(y));
            return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(scale, 1e-300) || x.equals(y);
        }
        return Objects.equals(a, b);
    }
}
