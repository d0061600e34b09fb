package org.citylake.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lexical view of SQL text that {@code citylake sql} needs without a parser: statements split
 * at {@code ;}, the table names a statement reads, the functions it calls, and its identifiers
 * quoted the way DuckDB wants. Strings ({@code '...'} with {@code ''}), quoted identifiers ({@code
 * `...`} and {@code "..."}), {@code --} line comments and {@code /* *}{@code /} block comments are
 * respected: a {@code ;} or a name inside them is not one.
 */
final class SqlText {

    /** A token's kind. */
    enum Kind {
        WORD,
        QUOTED,
        STRING,
        NUMBER,
        SYMBOL
    }

    /**
     * One token: {@code text} is the identifier without its quotes for {@link Kind#QUOTED}, {@code
     * start..end} its place in the source.
     */
    record Token(Kind kind, String text, int start, int end) {

        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD)
                    && text.equalsIgnoreCase(symbolOrWord);
        }

        boolean identifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    private SqlText() {}

    /**
     * The tokens of {@code sql}; comments and white space dropped. An open quote runs to the end.
     */
    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '`' || c == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            text.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                int end = Math.min(j + 1, n);
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString(), i, end));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n
                        && (Character.isLetterOrDigit(sql.charAt(j))
                                || sql.charAt(j) == '_'
                                || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, sql.substring(i, j), i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n
                        && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, j), i, j));
                i = j;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return out;
    }

    /**
     * The statements of a script, split at each {@code ;} outside strings, quoted names and
     * comments, trimmed, without the {@code ;}; statements holding only comments are dropped.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        int from = 0;
        boolean content = false;
        for (Token t : tokens(script)) {
            if (t.is(";")) {
                if (content) {
                    out.add(script.substring(from, t.start()).trim());
                }
                from = t.end();
                content = false;
            } else {
                content = true;
            }
        }
        if (content) {
            out.add(script.substring(from).trim());
        }
        return out;
    }

    /**
     * Whether {@code buffer} ends a statement: its last token is a {@code ;} outside strings,
     * quoted names and comments (the shell reads more lines until then).
     */
    static boolean complete(String buffer) {
        List<Token> tokens = tokens(buffer);
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        if (!last.is(";")) {
            return false;
        }
        // an unterminated block comment or quote swallows the rest: not complete
        return !openAtEnd(buffer);
    }

    /** Whether a quote or block comment is still open at the end of {@code sql}. */
    private static boolean openAtEnd(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                if (eol < 0) {
                    return false;
                }
                i = eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    return true;
                }
                i = close + 2;
            } else if (c == '\'' || c == '`' || c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return true;
                    }
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return false;
    }

    /**
     * The two-part names {@code a.b} of a statement (quotes removed, lower case) that are not
     * followed by {@code (} or another {@code .}: the candidates for {@code namespace.table}. A
     * three-part {@code catalog.a.b} gives {@code a.b}.
     */
    static Set<String> qualifiedNames(String sql) {
        List<Token> t = tokens(sql);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 2 < t.size(); i++) {
            if (!t.get(i).identifier() || !t.get(i + 1).is(".") || !t.get(i + 2).identifier()) {
                continue;
            }
            if (i > 0 && t.get(i - 1).is(".")) {
                continue; // the middle of a longer name: handled from its first part
            }
            int last = i + 2;
            List<Token> parts = new ArrayList<>(List.of(t.get(i), t.get(i + 2)));
            while (last + 2 < t.size() && t.get(last + 1).is(".") && t.get(last + 2).identifier()) {
                parts.add(t.get(last + 2));
                last += 2;
            }
            if (last + 1 < t.size() && t.get(last + 1).is("(")) {
                continue; // a function call
            }
            if (parts.size() > 3) {
                continue;
            }
            List<Token> two = parts.subList(parts.size() - 2, parts.size());
            if (parts.size() == 3) {
                // catalog.namespace.table or namespace.table.column: keep both readings
                out.add(lower(parts.get(0)) + "." + lower(parts.get(1)));
            }
            out.add(lower(two.get(0)) + "." + lower(two.get(1)));
        }
        return out;
    }

    /**
     * The names right after FROM or JOIN (quotes removed, lower case, qualified or not): the tables
     * a statement surely names. A {@code (} there is a subquery or a table function: skipped.
     */
    static List<String> tablesAfterFromOrJoin(String sql) {
        List<Token> t = tokens(sql);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!(t.get(i).is("from") || t.get(i).is("join")) || !t.get(i + 1).identifier()) {
                continue;
            }
            StringBuilder name = new StringBuilder(lower(t.get(i + 1)));
            int j = i + 1;
            while (j + 2 < t.size() && t.get(j + 1).is(".") && t.get(j + 2).identifier()) {
                name.append('.').append(lower(t.get(j + 2)));
                j += 2;
            }
            if (j + 1 < t.size() && t.get(j + 1).is("(")) {
                continue;
            }
            out.add(name.toString());
        }
        return out;
    }

    /** The names of the functions a statement calls (lower case): a word followed by {@code (}. */
    static Set<String> functionsCalled(String sql) {
        List<Token> t = tokens(sql);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).kind() == Kind.WORD && t.get(i + 1).is("(")) {
                out.add(t.get(i).text().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * {@code sql} with each {@code `name`} written {@code "name"} (DuckDB quotes identifiers with
     * double quotes, Flink SQL with backticks); strings and comments are left as they are.
     */
    static String backticksToDoubleQuotes(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int at = 0;
        for (Token t : tokens(sql)) {
            if (t.kind() == Kind.QUOTED && sql.charAt(t.start()) == '`') {
                out.append(sql, at, t.start());
                out.append('"').append(t.text().replace("\"", "\"\"")).append('"');
                at = t.end();
            }
        }
        return out.append(sql.substring(at)).toString();
    }

    /** The token at character {@code offset}, or the first one after it; -1 when none. */
    static int tokenAt(List<Token> tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).end() > offset) {
                return i;
            }
        }
        return -1;
    }

    private static String lower(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }
}
