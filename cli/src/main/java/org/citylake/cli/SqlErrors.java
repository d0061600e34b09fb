package org.citylake.cli;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine's error as one line an analyst can act on: a reserved word gets the hint to quote it,
 * an unknown table the nearest name, an unqualified one its namespace. No "Was expecting one of"
 * lists, no catalog dumps.
 */
final class SqlErrors {

    /** DuckDB's reserved words ({@code duckdb_keywords()}, category reserved) in DuckDB 1.5. */
    static final Set<String> DUCKDB_RESERVED =
            Set.of(
                    "all",
                    "analyse",
                    "analyze",
                    "and",
                    "any",
                    "array",
                    "as",
                    "asc",
                    "asymmetric",
                    "both",
                    "case",
                    "cast",
                    "check",
                    "collate",
                    "column",
                    "constraint",
                    "create",
                    "default",
                    "deferrable",
                    "desc",
                    "describe",
                    "distinct",
                    "do",
                    "else",
                    "end",
                    "except",
                    "false",
                    "fetch",
                    "for",
                    "foreign",
                    "from",
                    "group",
                    "having",
                    "in",
                    "initially",
                    "intersect",
                    "into",
                    "lambda",
                    "lateral",
                    "leading",
                    "limit",
                    "not",
                    "null",
                    "offset",
                    "on",
                    "only",
                    "or",
                    "order",
                    "pivot",
                    "pivot_longer",
                    "pivot_wider",
                    "placing",
                    "primary",
                    "qualify",
                    "references",
                    "returning",
                    "select",
                    "show",
                    "some",
                    "summarize",
                    "symmetric",
                    "table",
                    "then",
                    "to",
                    "trailing",
                    "true",
                    "union",
                    "unique",
                    "unpivot",
                    "using",
                    "variadic",
                    "when",
                    "where",
                    "window",
                    "with");

    private static final Pattern DUCK_TABLE =
            Pattern.compile("Table with name \"?([^\"\\s!]+)\"? does not exist");
    private static final Pattern DUCK_LINE = Pattern.compile("LINE (\\d+): (.*)\\R( *)\\^");
    private static final Pattern DUCK_NEAR = Pattern.compile("at or near \"([^\"]*)\"");
    private static final Pattern FLINK_ENCOUNTERED =
            Pattern.compile("Encountered \"(.*?)\" at line (\\d+), column (\\d+)");
    private static final Pattern FLINK_OBJECT =
            Pattern.compile("Object '([^']+)' not found(?: within '([^']+)')?");

    private SqlErrors() {}

    /** DuckDB's {@code e} on {@code statement} as an analyst's error. */
    static IllegalArgumentException duckDb(SQLException e, String statement, LakeTables known) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int stacked = message.lastIndexOf("\nError: ");
        if (stacked >= 0) {
            message = message.substring(stacked + "\nError: ".length());
        }
        Matcher table = DUCK_TABLE.matcher(message);
        if (message.startsWith("Catalog Error") && table.find()) {
            return new IllegalArgumentException(unknownTable(table.group(1), statement, known));
        }
        int[] at = duckPosition(message, statement);
        String position = at == null ? "" : " (line " + at[0] + ", column " + at[1] + ")";
        String first = firstParagraph(message);
        if (message.startsWith("Parser Error")) {
            String text = first.replaceFirst("^Parser Error: ", "");
            Matcher near = DUCK_NEAR.matcher(text);
            String hint = null;
            if (at != null) {
                hint = reservedHint(statement, offset(statement, at[0], at[1]), DUCKDB_RESERVED);
            } else if (near.find()) {
                int i = statement.toLowerCase(Locale.ROOT).indexOf(near.group(1).toLowerCase());
                hint = i < 0 ? null : reservedHint(statement, i, DUCKDB_RESERVED);
            }
            return new IllegalArgumentException(
                    text + position + (hint == null ? "" : ": " + hint));
        }
        return new IllegalArgumentException(first + position);
    }

    /** Flink SQL's {@code e} on {@code statement} as an analyst's error. */
    static IllegalArgumentException flink(Throwable e, String statement, LakeTables known) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            Matcher encountered = FLINK_ENCOUNTERED.matcher(m);
            if (encountered.find()) {
                String token = encountered.group(1);
                int line = Integer.parseInt(encountered.group(2));
                int column = Integer.parseInt(encountered.group(3));
                String where = " (line " + line + ", column " + column + ")";
                boolean word = token.matches("[A-Za-z_][A-Za-z_0-9]*");
                return new IllegalArgumentException(
                        "syntax error at \""
                                + token
                                + "\""
                                + where
                                + (word
                                        ? ": "
                                                + token.toUpperCase(Locale.ROOT)
                                                + " is a reserved word of Flink SQL; quote it"
                                                + " with backticks, `"
                                                + token.toLowerCase(Locale.ROOT)
                                                + "`, where it names a column or table"
                                        : ""));
            }
            Matcher object = FLINK_OBJECT.matcher(m);
            if (object.find()) {
                String name = object.group(1);
                String within = object.group(2);
                if (within != null && within.contains(".")) {
                    name = within.substring(within.indexOf('.') + 1) + "." + name;
                } else if ("default".equals(name) || within != null) {
                    List<String> unqualified =
                            SqlText.tablesAfterFromOrJoin(statement).stream()
                                    .filter(n -> !n.contains("."))
                                    .toList();
                    name = unqualified.isEmpty() ? name : unqualified.get(0);
                }
                return new IllegalArgumentException(unknownTable(name, statement, known));
            }
        }
        return new IllegalArgumentException(
                firstParagraph(CityLakeCli.message(e))
                        .replaceFirst("^SQL validation failed\\. ", ""));
    }

    /** What to say about a table {@code name} the engine did not find. */
    static String unknownTable(String name, String statement, LakeTables known) {
        String plain = name.toLowerCase(Locale.ROOT);
        if (!plain.contains(".")) {
            for (String q : SqlText.qualifiedNames(statement)) {
                if (q.endsWith("." + plain)) {
                    plain = q;
                    break;
                }
            }
        }
        if (!plain.contains(".") && known.qualified(plain).isEmpty()) {
            String nearest =
                    known.names().stream()
                            .min(
                                    java.util.Comparator.comparingInt(
                                            n ->
                                                    LakeTables.distance(
                                                            n.substring(n.indexOf('.') + 1),
                                                            name.toLowerCase(Locale.ROOT))))
                            .filter(
                                    n ->
                                            LakeTables.distance(
                                                            n.substring(n.indexOf('.') + 1),
                                                            name.toLowerCase(Locale.ROOT))
                                                    <= Math.max(2, name.length() / 3))
                            .orElse(null);
            return "unknown table '"
                    + name
                    + "': tables are namespace.table ("
                    + String.join(", ", EmbeddedSql.namespaces(known))
                    + ")"
                    + (nearest == null ? "" : "; did you mean " + nearest + "?")
                    + " (`citylake tables` lists them)";
        }
        return known.problem(plain).orElse("unknown table '" + name + "'");
    }

    /**
     * The hint for a syntax error at {@code offset}: the word there or just before it is a reserved
     * word; null when neither is.
     */
    static String reservedHint(String statement, int offset, Set<String> reserved) {
        List<SqlText.Token> tokens = SqlText.tokens(statement);
        int at = SqlText.tokenAt(tokens, offset);
        if (at < 0) {
            at = tokens.size();
        }
        for (int i : new int[] {at - 1, at}) {
            if (i < 0 || i >= tokens.size()) {
                continue;
            }
            SqlText.Token t = tokens.get(i);
            String word = t.text().toLowerCase(Locale.ROOT);
            if (t.kind() == SqlText.Kind.WORD && reserved.contains(word)) {
                return word.toUpperCase(Locale.ROOT)
                        + " is a reserved word; quote it with backticks, `"
                        + word
                        + "`, where it names a column or table";
            }
        }
        return null;
    }

    /** Line and column (from 1) of the caret under DuckDB's "LINE n:" excerpt; null if none. */
    private static int[] duckPosition(String message, String statement) {
        Matcher m = DUCK_LINE.matcher(message);
        if (!m.find()) {
            return null;
        }
        int line = Integer.parseInt(m.group(1));
        String shown = m.group(2);
        int caret = m.group(3).length() - ("LINE " + m.group(1) + ": ").length();
        String[] lines = statement.split("\\R", -1);
        if (line < 1 || line > lines.length) {
            return null;
        }
        // a long line is shown as a window with "..." at either end
        String core = shown.replaceFirst("^\\.\\.\\.", "").replaceFirst("\\.\\.\\.$", "");
        int shift = shown.startsWith("...") ? 3 : 0;
        int found = lines[line - 1].indexOf(core);
        int column = (found < 0 ? 0 : found) + caret - shift + 1;
        return new int[] {line, Math.max(1, column)};
    }

    /** The character offset of a line and column (from 1) in {@code statement}. */
    private static int offset(String statement, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int eol = statement.indexOf('\n', at);
            if (eol < 0) {
                break;
            }
            at = eol + 1;
        }
        return Math.min(statement.length(), at + column - 1);
    }

    /** The message up to its first blank line (or "Was expecting"), on one line. */
    private static String firstParagraph(String message) {
        String cut = message.split("\\R\\s*\\R", 2)[0];
        int expecting = cut.indexOf("Was expecting");
        if (expecting >= 0) {
            cut = cut.substring(0, expecting);
        }
        return cut.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
