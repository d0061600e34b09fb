package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.citylake.analytics.job.TextTable;
import org.citylake.geo.sql.SpatialFunctions;
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
            "Embedded profile: Flink SQL (batch) on the same Iceberg catalog; tables are"
                    + " <namespace>.<table>, e.g. clean.traffic_flow, ops.dead_letter.",
            "Stack profile: Trino over HTTPS with a password (catalog iceberg); --user picks the"
                    + " Trino user (admin, analyst, planner, buyer_test on the local stack; the"
                    + " password comes from TRINO_PASSWORD or the stack's generated secrets), and"
                    + " Trino's access rules apply. --shell opens the Trino CLI instead.",
            "Spatial functions (embedded): ST_GeomFromWKT, ST_Point, ST_Contains, ST_Intersects,"
                    + " ST_Distance(Meters), ST_Length(Meters), ST_Area, ST_Transform, ...;"
                    + " geometries are WKT strings (see README, Geo).",
            "Example: citylake sql \"SELECT reason, count(*) FROM ops.dead_letter GROUP BY reason\""
        },
        mixinStandardHelpOptions = true)
public final class SqlCommand implements Callable<Integer> {

    /** `raw` and `ref` are keywords in Flink SQL; quote them when used as a namespace. */
    private static final Pattern RESERVED_NAMESPACE =
            Pattern.compile("(?i)(?<![`\\w.])(raw|ref)\\.");

    @Mixin LakeArgs lakeArgs;

    @Parameters(paramLabel = "QUERY", arity = "0..1", description = "The SQL statement.")
    String query;

    @Option(names = "--user", paramLabel = "USER", description = "Stack profile: Trino user.")
    String user;

    @Option(names = "--shell", description = "Stack profile: open the Trino CLI.")
    boolean shell;

    @Option(names = "--format", defaultValue = "table", description = "table (aligned) or csv")
    String format;

    @Override
    public Integer call() throws Exception {
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
        if (shell || user != null) {
            throw new IllegalArgumentException(
                    "--shell and --user apply to the stack profile (Trino); the embedded profile"
                            + " runs Flink SQL in this process");
        }
        requireQuery();
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        run(config, query, header, rows);
        print(header, rows);
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
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tables.executeSql(createCatalog(config));
        tables.useCatalog(config.catalogName());
        SpatialFunctions.registerAll(tables);
        TableResult result = tables.executeSql(quoteReservedNamespaces(sql));
        header.addAll(result.getResolvedSchema().getColumnNames());
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>(row.getArity());
                for (int i = 0; i < row.getArity(); i++) {
                    Object v = row.getField(i);
                    cells.add(v == null ? null : v.toString());
                }
                rows.add(cells);
            }
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
