package org.citylake.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.tables.DataDictionary;
import org.citylake.lakehouse.tables.TableDef;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code citylake sql --shell} on the embedded lake: one warm {@link EmbeddedSql} behind a JLine
 * prompt with line editing and a history file. A statement may span lines and ends with {@code ;};
 * backslash commands take one line. An error prints one line and the shell goes on.
 */
final class SqlShell {

    static final String HELP =
            String.join(
                    "\n",
                    "SQL on the lake: end a statement with ; (it may span lines). Tables are"
                            + " namespace.table, e.g. clean.traffic_flow.",
                    "  \\d               the lake's tables with their rows",
                    "  \\d TABLE         a table's columns: type, unit, meaning",
                    "  \\timing [on|off] print each statement's time and engine",
                    "  \\format csv|table  how results print",
                    "  \\engine auto|duckdb|flink  who answers (auto: DuckDB for reads, Flink SQL"
                            + " otherwise)",
                    "  \\? or help       this help",
                    "  \\q               quit (or Ctrl-D); Ctrl-C drops the statement being typed");

    private final EmbeddedSql sql;
    private final PrintStream out;
    private boolean timing;
    private boolean csv;

    SqlShell(EmbeddedSql sql, PrintStream out, boolean csv) {
        this.sql = sql;
        this.out = out;
        this.csv = csv;
    }

    /** Reads statements until {@code \q} or end of input; the exit code. */
    int run(Path history) throws Exception {
        if (history.getParent() != null) {
            Files.createDirectories(history.getParent());
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader =
                    LineReaderBuilder.builder()
                            .terminal(terminal)
                            .appName("citylake")
                            .parser(new StatementParser())
                            .variable(LineReader.HISTORY_FILE, history)
                            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P      -> ")
                            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                            .build();
            out.println("citylake SQL on " + sql.lake().config().dataDir() + "; \\? for help");
            while (true) {
                String line;
                try {
                    line = reader.readLine("citylake> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (!handle(line.trim())) {
                    return 0;
                }
            }
        }
    }

    /** One input: a command or statements; false to quit. */
    boolean handle(String input) {
        if (input.isEmpty()) {
            return true;
        }
        if (input.equalsIgnoreCase("help") || input.startsWith("\\")) {
            return command(input);
        }
        for (String statement : SqlText.statements(input)) {
            long start = System.nanoTime();
            try {
                EmbeddedSql.Result result = sql.execute(statement);
                TextTable.print(out, result.header(), result.rows(), csv);
                if (!csv) {
                    out.printf(
                            "(%d row%s)%n",
                            result.rows().size(), result.rows().size() == 1 ? "" : "s");
                }
                if (timing) {
                    out.printf(
                            Locale.ROOT,
                            "Time: %.3f s (%s)%n",
                            (System.nanoTime() - start) / 1e9,
                            result.engine());
                }
            } catch (Exception e) {
                out.println("error: " + CityLakeCli.message(e));
            }
        }
        return true;
    }

    private boolean command(String input) {
        String[] words = input.split("\\s+");
        String arg = words.length > 1 ? words[1].replaceAll(";$", "") : null;
        try {
            switch (words[0].replaceAll(";$", "")) {
                case "\\q", "\\quit" -> {
                    return false;
                }
                case "\\?", "help", "\\h", "\\help" -> out.println(HELP);
                case "\\d" -> {
                    if (arg == null) {
                        listTables();
                    } else {
                        describe(arg);
                    }
                }
                case "\\timing" -> {
                    timing = arg == null ? !timing : arg.equalsIgnoreCase("on");
                    out.println("Timing is " + (timing ? "on." : "off."));
                }
                case "\\format" -> {
                    if (arg == null || !List.of("csv", "table").contains(arg.toLowerCase())) {
                        out.println("error: \\format csv or \\format table");
                    } else {
                        csv = arg.equalsIgnoreCase("csv");
                        out.println("Output format is " + arg.toLowerCase(Locale.ROOT) + ".");
                    }
                }
                case "\\engine" -> {
                    try {
                        sql.engine(EmbeddedSql.Engine.valueOf(String.valueOf(arg)));
                        out.println("Engine is " + sql.engine() + ".");
                    } catch (IllegalArgumentException e) {
                        out.println("error: \\engine auto, duckdb or flink");
                    }
                }
                default ->
                        out.println(
                                "error: unknown command " + words[0] + "; \\? lists the commands");
            }
        } catch (Exception e) {
            out.println("error: " + CityLakeCli.message(e));
        }
        return true;
    }

    private void listTables() {
        List<List<String>> rows = new ArrayList<>();
        for (TableDef def : sql.lake().registry().all()) {
            LakeStatus.TableStatus t = LakeStatus.table(sql.lake(), def.name());
            String holds = def.description();
            rows.add(
                    List.of(
                            def.name(),
                            t.exists() ? String.valueOf(t.rows()) : "missing",
                            csv || holds.length() <= 60 ? holds : holds.substring(0, 59) + "…"));
        }
        TextTable.print(out, List.of("table", "rows", "holds"), rows, csv);
    }

    private void describe(String table) {
        String name = table.toLowerCase(Locale.ROOT).replace("`", "").replace("\"", "");
        LakeTables known = LakeTables.of(sql.lake().catalog());
        known.problem(name)
                .ifPresent(
                        p -> {
                            throw new IllegalArgumentException(p);
                        });
        Table iceberg = sql.lake().catalog().loadTable(TableIdentifier.parse(name));
        List<List<String>> rows = new ArrayList<>();
        for (DataDictionary.Column c : DataDictionary.columns(iceberg.schema())) {
            rows.add(
                    List.of(
                            c.name(),
                            c.type() + (c.required() ? " not null" : ""),
                            c.unit(),
                            c.doc()));
        }
        if (!csv) {
            String comment = iceberg.properties().get("comment");
            out.println(name + (comment == null ? "" : ": " + comment));
        }
        TextTable.print(out, List.of("column", "type", "unit", "meaning and source"), rows, csv);
    }

    /**
     * JLine's parser that asks for another line until the statement ends with {@code ;}; a
     * backslash command or {@code help} is complete on its line.
     */
    static final class StatementParser implements Parser {

        private final DefaultParser words = new DefaultParser();

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            String trimmed = line.trim();
            if (context == ParseContext.ACCEPT_LINE
                    && !trimmed.isEmpty()
                    && !trimmed.startsWith("\\")
                    && !trimmed.equalsIgnoreCase("help")
                    && !SqlText.tokens(line).isEmpty()
                    && !SqlText.complete(line)) {
                throw new EOFError(-1, cursor, "the statement goes on until ;");
            }
            return words.parse(line, cursor, context);
        }
    }
}
