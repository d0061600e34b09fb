package org.citylake.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The tables a lake's catalog holds, by {@code namespace.table} name, and what an analyst most
 * likely meant by a name that is not one of them.
 */
record LakeTables(List<String> names) {

    LakeTables {
        names = names.stream().sorted().toList();
    }

    static LakeTables of(Catalog catalog) {
        List<String> names = new ArrayList<>();
        if (catalog instanceof SupportsNamespaces namespaces) {
            for (Namespace ns : namespaces.listNamespaces()) {
                for (TableIdentifier id : catalog.listTables(ns)) {
                    names.add(id.toString());
                }
            }
        }
        return new LakeTables(names);
    }

    boolean contains(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The tables named {@code table} in any namespace, e.g. traffic_flow → clean.traffic_flow. */
    List<String> qualified(String table) {
        String suffix = "." + table.toLowerCase(Locale.ROOT);
        return names.stream().filter(n -> n.endsWith(suffix)).toList();
    }

    /** The table nearest {@code name} by edit distance, when it is near enough to be a typo. */
    Optional<String> nearest(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return names.stream()
                .min(
                        Comparator.comparingInt((String n) -> distance(wanted, n))
                                .thenComparing(n -> n))
                .filter(n -> distance(wanted, n) <= Math.max(2, wanted.length() / 3));
    }

    /**
     * What to say about a name that is not a table of the lake: qualify it, or the nearest name;
     * empty when the name is a table.
     */
    Optional<String> problem(String name) {
        String plain = name.replace("`", "").replace("\"", "");
        if (contains(plain)) {
            return Optional.empty();
        }
        if (!plain.contains(".")) {
            List<String> candidates = qualified(plain);
            if (!candidates.isEmpty()) {
                return Optional.of(
                        "table '"
                                + plain
                                + "' needs its namespace: write "
                                + String.join(" or ", candidates));
            }
        }
        return Optional.of(
                "unknown table '"
                        + plain
                        + "'"
                        + nearest(plain).map(n -> "; did you mean " + n + "?").orElse("")
                        + " (`citylake tables` lists them)");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
