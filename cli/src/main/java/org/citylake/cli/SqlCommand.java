package org.citylake.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.StackSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code citylake sql "<query>"}: SQL over the lake. */
@Command(
        name = "sql",
        description = {
            "Run SQL against the lake and print the result.",
            "Embedded profile: tables are <namespace>.<table>, e.g. clean.traffic_flow,"
                    + " ops.dead_letter. --engine auto (default) answers reads (SELECT, WITH,"
                    + " VALUES) with DuckDB over the Iceberg tables' current Parquet files, in DuckDB's"
                    + " SQL dialect; writes, DDL, spatial functions and tables with row-level deletes"
                    + " go to Flink SQL (batch) on the same Iceberg catalog. --engine flink always uses"
                    + " Flink SQL; --engine duckdb refuses what DuckDB cannot answer exactly.",
            "Several statements separated by ; run one after the other; without a QUERY the"
                    + " statements are read from standard input: citylake sql < queries.sql",
            "--shell opens an interactive shell on one warm engine: line editing, history,"
                    + " statements over several lines ending with ;, \\d, \\d TABLE, \\timing,"
                    + " \\format csv|table, \\q (\\? lists them).",
            "Stack profile: Trino over HTTPS with a password (catalog iceberg); --user picks the"
                    + " Trino user (admin, analyst, planner, buyer_test on the local stack; the"
                    + " password comes from TRINO_PASSWORD or the stack's generated secrets), and"
                    + " Trino's access rules apply. --shell opens the Trino CLI instead.",
            "Spatial functions (Flink SQL): ST_GeomFromWKT, ST_Point, ST_Contains, ST_Intersects,"
                    + " ST_Distance(Meters), ST_Length(Meters), ST_Area, ST_Transform, ...;"
                    + " geometries are WKT strings (see README, Geo).",
            "Examples: citylake sql \"SELECT reason, count(*) FROM ops.dead_letter GROUP BY reason\"",
            "          citylake sql --shell",
            "          citylake sql --format csv < queries.sql"
        },
        mixinStandardHelpOptions = true)
public final class SqlCommand implements Callable<Integer> {

    /** `raw` and `ref` are keywords in Flink SQL; quote them when used as a namespace. */
    private static final Pattern RESERVED_NAMESPACE =
            Pattern.compile("(?i)(?<![`\\w.])(raw|ref)\\.");

    @Mixin LakeArgs lakeArgs;

    @Parameters(
            paramLabel = "QUERY",
            arity = "0..1",
            description =
                    "The SQL statement(s), separated by ;. Without it (and without --shell) they"
                            + " are read from standard input.")
    String query;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "Stack profile: Trino user, e.g. --user analyst.")
    String user;

    @Option(
            names = "--shell",
            description =
                    "An interactive shell: on the embedded lake (DuckDB and Flink SQL, warm), or"
                            + " the Trino CLI with --profile stack.")
    boolean shell;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table (aligned, default) or csv, e.g. --format csv")
    String format;

    @Option(
            names = "--engine",
            defaultValue = "auto",
            paramLabel = "ENGINE",
            description =
                    "Embedded profile: auto (default: DuckDB for reads, Flink SQL for the rest),"
                            + " duckdb or flink, e.g. --engine flink")
    EmbeddedSql.Engine engine;

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description =
                    "The embedded shell's history file (default ~/.citylake/sql_history), e.g."
                            + " --history /tmp/h")
    Path history;

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "csv").contains(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--format " + format + ": give table or csv");
        }
        LakeConfig config = lakeArgs.load();
        if (config.profile() == Profile.STACK) {
            TrinoClient trino = trino(config, user);
            if (shell) {
                return TrinoShell.open(config, trino);
            }
            requireQuery();
            TrinoClient.Result result = trino.query(query);
            print(result.header(), result.rows());
            return 0;
        }
        if (user != null) {
            throw new IllegalArgumentException(
                    "--user applies to the stack profile (Trino); the embedded profile reads the"
                            + " lake in this process");
        }
        if (shell && query != null) {
            throw new IllegalArgumentException(
                    "give a QUERY or --shell, not both: citylake sql --shell");
        }
        String script = query;
        if (!shell && script == null) {
            if (System.console() != null) {
                throw new IllegalArgumentException(
                        "no query given: citylake sql \"SELECT ...\", citylake sql < queries.sql,"
                                + " or citylake sql --shell");
            }
            script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = shell ? List.of() : SqlText.statements(script);
        if (!shell && statements.isEmpty()) {
            throw new IllegalArgumentException(
                    "no statement given"
                            + (query == null ? " on standard input" : "")
                            + ": citylake sql \"SELECT ...\"");
        }
        try (EmbeddedSql sql = EmbeddedSql.open(config, engine)) {
            if (shell) {
                Path file =
                        history != null
                                ? history
                                : Path.of(
                                        System.getProperty("user.home"),
                                        ".citylake",
                                        "sql_history");
                return new SqlShell(sql, System.out, "csv".equalsIgnoreCase(format)).run(file);
            }
            for (int i = 0; i < statements.size(); i++) {
                EmbeddedSql.Result result;
                try {
                    result = sql.execute(statements.get(i));
                } catch (IllegalArgumentException e) {
                    throw statements.size() == 1
                            ? e
                            : new IllegalArgumentException(
                                    "statement "
                                            + (i + 1)
                                            + " of "
                                            + statements.size()
                                            + ": "
                                            + e.getMessage(),
                                    e);
                }
                if (i > 0 && !"csv".equalsIgnoreCase(format)) {
                    System.out.println();
                }
                print(result.header(), result.rows());
            }
        }
        return 0;
    }

    private void requireQuery() {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("no query given: citylake sql \"SELECT ...\"");
        }
    }

    private void print(List<String> header, List<List<String>> rows) {
        TextTable.print(System.out, header, rows, "csv".equalsIgnoreCase(format));
        if (!"csv".equalsIgnoreCase(format)) {
            System.out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
        }
    }

    /** Trino as the configured user, or as {@code user} with TRINO_PASSWORD or the stack secret. */
    static TrinoClient trino(LakeConfig config, String user) throws java.io.IOException {
        TrinoClient admin = TrinoClient.fromConfig(config);
        if (user == null || user.equals(admin.user())) {
            return admin;
        }
        String password = System.getenv("TRINO_PASSWORD");
        if (password == null) {
            password =
                    StackSecrets.loadOrCreate(config.stackDir())
                            .find("trino." + user + ".password")
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no password for Trino user "
                                                            + user
                                                            + ": set TRINO_PASSWORD"));
        }
        return admin.as(user, password);
    }

    /** Runs {@code sql} with Flink SQL in batch mode; fills header and rows as text. */
    public static void run(
            LakeConfig config, String sql, List<String> header, List<List<String>> rows)
            throws Exception {
        try (EmbeddedSql engine = EmbeddedSql.open(config, EmbeddedSql.Engine.flink)) {
            EmbeddedSql.Result result = engine.execute(sql);
            header.addAll(result.header());
            rows.addAll(result.rows());
        }
    }

    /** {@code ref.x} → {@code `ref`.x}, {@code raw.x} → {@code `raw`.x}. */
    static String quoteReservedNamespaces(String sql) {
        return RESERVED_NAMESPACE
                .matcher(sql)
                .replaceAll(m -> "`" + m.group(1).toLowerCase(Locale.ROOT) + "`.");
    }

    static String createCatalog(LakeConfig config) {
        Map<String, String> props = config.catalogProperties();
        String options =
                props.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "'='" + e.getValue().replace("'", "''") + "'")
                        .collect(Collectors.joining(", "));
        return "CREATE CATALOG `"
                + config.catalogName()
                + "` WITH ('type'='iceberg', "
                + options
                + ")";
    }
}
