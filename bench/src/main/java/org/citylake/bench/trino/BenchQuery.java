package org.citylake.bench.trino;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One analyst query, written once in SQL both engines read: table names {@code <namespace>.<table>}
 * are resolved by Trino in its Iceberg catalog and, for DuckDB, replaced by {@code
 * read_parquet([...])} over the table's current data files.
 *
 * @param name short name in the results
 * @param trino the query as an analyst types it in Trino (may use the views)
 * @param portable the same query on the base tables, for DuckDB
 */
public record BenchQuery(String name, String trino, String portable) {

    private static final Pattern TABLE =
            Pattern.compile("\\b(clean|raw|ref|gold|ops)\\.([a-z_]+)\\b");

    /** Tables the portable query reads. */
    public List<String> tables() {
        Matcher m = TABLE.matcher(portable);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        while (m.find()) {
            out.add(m.group(1) + "." + m.group(2));
        }
        return List.copyOf(out);
    }

    /** The portable query with every table replaced by the given DuckDB table expression. */
    public String forDuckDb(Map<String, String> tableExpressions) {
        Matcher m = TABLE.matcher(portable);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String table = m.group(1) + "." + m.group(2);
            String expr = tableExpressions.get(table);
            if (expr == null) {
                throw new IllegalArgumentException(
                        "no data files given for " + table + " in " + name);
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(expr));
        }
        m.appendTail(sql);
        return sql.toString();
    }
}
