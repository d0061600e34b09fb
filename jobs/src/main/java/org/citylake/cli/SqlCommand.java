package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;
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
            "Example: citylake sql \"SELECT reason, count(*) FROM ops.dead_letter GROUP BY reason\""
        },
        mixinStandardHelpOptions = true)
public final class SqlCommand implements Callable<Integer> {

    /** `raw` is a type keyword in Flink SQL; quote it when used as a namespace. */
    private static final Pattern RAW_NAMESPACE = Pattern.compile("(?i)(?<![`\\w.])raw\\.");

    @Mixin LakeArgs lakeArgs;

    @Parameters(paramLabel = "QUERY", description = "The SQL statement.")
    String query;

    @Option(names = "--format", defaultValue = "table", description = "table (aligned) or csv")
    String format;

    @Override
    public Integer call() throws Exception {
        LakeConfig config = lakeArgs.load();
        if (config.profile() == Profile.STACK) {
            throw new IllegalArgumentException(
                    "SQL on the stack profile goes through Trino, which `citylake stack up` provides;"
                            + " use --profile embedded for the local lake");
        }
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        run(config, query, header, rows);
        TextTable.print(System.out, header, rows, "csv".equalsIgnoreCase(format));
        if (!"csv".equalsIgnoreCase(format)) {
            System.out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
        }
        return 0;
    }

    /** Runs {@code sql} with Flink SQL in batch mode; fills header and rows as text. */
    public static void run(
            LakeConfig config, String sql, List<String> header, List<List<String>> rows)
            throws Exception {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tables.executeSql(createCatalog(config));
        tables.useCatalog(config.catalogName());
        TableResult result = tables.executeSql(RAW_NAMESPACE.matcher(sql).replaceAll("`raw`."));
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
