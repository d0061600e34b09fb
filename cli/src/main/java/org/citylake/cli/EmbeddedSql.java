package org.citylake.cli;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.geo.sql.SpatialFunctions;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;

/**
 * SQL on the embedded lake, one warm engine per process (a one-shot {@code citylake sql} or the
 * whole {@code --shell}). Reads go to DuckDB over the Iceberg tables' current Parquet data files;
 * anything DuckDB cannot answer exactly goes to Flink SQL (batch) on the Iceberg catalog.
 *
 * <pre>
 *  statement ──▶ table names checked against the catalog (unknown → nearest name)
 *      │
 *      ├─ a read (SELECT, WITH, VALUES, ...) of tables whose current snapshot has no
 *      │  row-level deletes, plain column types, no ST_ function
 *      │        ──▶ DuckDB: one view per table over read_parquet(data files of the current
 *      │             snapshot, columns by Iceberg field id) ──▶ rows
 *      └─ anything else (writes, DDL, spatial SQL, deletes present)
 *               ──▶ Flink SQL batch TableEnvironment (started on first use) ──▶ rows
 * </pre>
 *
 * <p>Each statement resolves the current snapshot of every table it names: a commit between two
 * statements of the shell is seen by the next one. A view is rebuilt only when its table's snapshot
 * or schema changed. Columns are mapped by Iceberg field id, so renamed and added columns read as
 * Flink reads them.
 */
public final class EmbeddedSql implements AutoCloseable {

    /** Which engine answers. */
    public enum Engine {
        auto,
        duckdb,
        flink
    }

    /** A statement's answer as text, and the engine that gave it. */
    public record Result(List<String> header, List<List<String>> rows, String engine) {}

    /** First words of the statements DuckDB may answer: reads only, never a write to the lake. */
    private static final Set<String> READS =
            Set.of("select", "with", "values", "from", "table", "(", "summarize", "explain");

    private final LakeConfig config;
    private final Lake lake;
    private Engine engine;
    private Connection duck;
    private final Map<String, String> views = new HashMap<>();
    private TableEnvironment flink;

    private EmbeddedSql(LakeConfig config, Lake lake, Engine engine) {
        this.config = config;
        this.lake = lake;
        this.engine = engine;
    }

    /** Opens the lake of {@code config}; an error that says what to do when there is none. */
    public static EmbeddedSql open(LakeConfig config, Engine engine) {
        return new EmbeddedSql(config, Lake.openExisting(config), engine);
    }

    Lake lake() {
        return lake;
    }

    Engine engine() {
        return engine;
    }

    void engine(Engine engine) {
        this.engine = engine;
    }

    /** Runs one statement; an analyst's error is an {@link IllegalArgumentException}. */
    public Result execute(String statement) throws Exception {
        LakeTables known = LakeTables.of(lake.catalog());
        checkTableNames(statement, known);
        Optional<String> notForDuckDb = Optional.empty();
        if (engine != Engine.flink) {
            notForDuckDb = whyNotDuckDb(statement, known);
            if (notForDuckDb.isPresent() && engine == Engine.duckdb) {
                throw new IllegalArgumentException(
                        "DuckDB cannot answer this exactly: "
                                + notForDuckDb.get()
                                + "; run it with --engine flink (or auto)");
            }
        }
        if (engine != Engine.flink && notForDuckDb.isEmpty()) {
            try {
                return duckDb(statement);
            } catch (SQLException e) {
                throw SqlErrors.duckDb(e, statement, known);
            }
        }
        try {
            return flink(statement);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw SqlErrors.flink(e, statement, known);
        }
    }

    /**
     * The names after FROM and JOIN that cannot be a table: {@code clean.trafic_flow} (a lake
     * namespace, no such table) and {@code traffic_flow} (a lake table without its namespace).
     */
    static void checkTableNames(String statement, LakeTables known) {
        Set<String> namespaces = namespaces(known);
        for (String name : SqlText.tablesAfterFromOrJoin(statement)) {
            String[] parts = name.split("\\.");
            boolean inLake =
                    parts.length == 2
                            ? namespaces.contains(parts[0])
                            : parts.length == 1 && !known.qualified(name).isEmpty();
            if (inLake) {
                known.problem(name)
                        .ifPresent(
                                p -> {
                                    throw new IllegalArgumentException(p);
                                });
            }
        }
    }

    static Set<String> namespaces(LakeTables known) {
        Set<String> out = new TreeSet<>();
        for (String n : known.names()) {
            out.add(n.substring(0, n.indexOf('.')));
        }
        return out;
    }

    /** Why DuckDB cannot answer {@code statement} exactly; empty when it can. */
    private Optional<String> whyNotDuckDb(String statement, LakeTables known) {
        List<SqlText.Token> tokens = SqlText.tokens(statement);
        if (tokens.isEmpty()) {
            return Optional.of("an empty statement");
        }
        String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
        if (!READS.contains(first)) {
            return Optional.of(first.toUpperCase(Locale.ROOT) + " is not a read");
        }
        for (String f : SqlText.functionsCalled(statement)) {
            if (f.startsWith("st_")) {
                return Optional.of(f + " is a spatial function of Flink SQL");
            }
        }
        for (String name : SqlText.qualifiedNames(statement)) {
            if (known.contains(name)) {
                Optional<String> why = prepareView(name);
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Makes DuckDB's view {@code name} read the current snapshot; why it cannot, when the snapshot
     * has row-level deletes, data files other than Parquet, or a nested column type.
     */
    private Optional<String> prepareView(String name) {
        Table table = lake.catalog().loadTable(TableIdentifier.parse(name));
        Snapshot snapshot = table.currentSnapshot();
        String version =
                (snapshot == null ? "none" : String.valueOf(snapshot.snapshotId()))
                        + "/"
                        + table.schema().schemaId();
        if (version.equals(views.get(name))) {
            return Optional.empty();
        }
        StringBuilder columns = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        for (Types.NestedField field : table.schema().columns()) {
            Optional<String> type = duckDbType(field.type());
            if (type.isEmpty()) {
                return Optional.of(name + "." + field.name() + " has the type " + field.type());
            }
            String column = "\"" + field.name().replace("\"", "\"\"") + "\"";
            columns.append(columns.length() == 0 ? "" : ", ")
                    .append(field.fieldId())
                    .append(": {name: '")
                    .append(field.name().replace("'", "''"))
                    .append("', type: '")
                    .append(type.get())
                    .append("', default_value: NULL}");
            nulls.append(nulls.length() == 0 ? "" : ", ")
                    .append("CAST(NULL AS ")
                    .append(type.get())
                    .append(") AS ")
                    .append(column);
        }
        List<String> files = new ArrayList<>();
        if (snapshot != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    if (!task.deletes().isEmpty()) {
                        return Optional.of(
                                name
                                        + " has row-level deletes in snapshot "
                                        + snapshot.snapshotId());
                    }
                    if (task.file().format() != FileFormat.PARQUET) {
                        return Optional.of(name + " has " + task.file().format() + " data files");
                    }
                    files.add(localPath(task.file().location()));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String[] parts = name.split("\\.");
        String view = "\"" + parts[0] + "\".\"" + parts[1] + "\"";
        String body =
                files.isEmpty()
                        ? "SELECT " + nulls + " WHERE false"
                        : "SELECT * FROM read_parquet(["
                                + String.join(
                                        ", ",
                                        files.stream()
                                                .map(f -> "'" + f.replace("'", "''") + "'")
                                                .toList())
                                + "], schema = MAP {"
                                + columns
                                + "})";
        try (Statement s = duck().createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + parts[0] + "\"");
            s.execute("CREATE OR REPLACE VIEW " + view + " AS " + body);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB view of " + name + ": " + e.getMessage(), e);
        }
        views.put(name, version);
        return Optional.empty();
    }

    /** A data file's location as a local path (the embedded warehouse is on local disk). */
    private static String localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
    }

    /** DuckDB's type for an Iceberg primitive; empty for nested types. */
    static Optional<String> duckDbType(Type type) {
        return Optional.ofNullable(
                switch (type.typeId()) {
                    case BOOLEAN -> "BOOLEAN";
                    case INTEGER -> "INTEGER";
                    case LONG -> "BIGINT";
                    case FLOAT -> "FLOAT";
                    case DOUBLE -> "DOUBLE";
                    case DATE -> "DATE";
                    case TIME -> "TIME";
                    case TIMESTAMP ->
                            ((Types.TimestampType) type).shouldAdjustToUTC()
                                    ? "TIMESTAMPTZ"
                                    : "TIMESTAMP";
                    case STRING -> "VARCHAR";
                    case UUID -> "UUID";
                    case BINARY, FIXED -> "BLOB";
                    case DECIMAL -> {
                        Types.DecimalType d = (Types.DecimalType) type;
                        yield "DECIMAL(" + d.precision() + ", " + d.scale() + ")";
                    }
                    default -> null;
                });
    }

    private Connection duck() throws SQLException {
        if (duck == null) {
            duck = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = duck.createStatement()) {
                // TIMESTAMPTZ values print in UTC, as the lake stores them
                s.execute("SET TimeZone = 'UTC'");
                for (String ns : namespaces(LakeTables.of(lake.catalog()))) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS \"" + ns + "\"");
                }
            }
        }
        return duck;
    }

    private Result duckDb(String statement) throws SQLException {
        try (Statement s = duck().createStatement();
                ResultSet rs = s.executeQuery(SqlText.backticksToDoubleQuotes(statement))) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> cells = new ArrayList<>(header.size());
                for (int i = 1; i <= header.size(); i++) {
                    cells.add(text(rs.getObject(i)));
                }
                rows.add(cells);
            }
            return new Result(header, rows, "duckdb");
        }
    }

    /** A value as Flink SQL prints it: timestamps in ISO-8601, with a zone as an instant in UTC. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime().toString();
        }
        return v.toString();
    }

    private Result flink(String statement) throws Exception {
        if (flink == null) {
            flink = TableEnvironment.create(EnvironmentSettings.inBatchMode());
            flink.executeSql(SqlCommand.createCatalog(config));
            flink.useCatalog(config.catalogName());
            SpatialFunctions.registerAll(flink);
        }
        TableResult result = flink.executeSql(SqlCommand.quoteReservedNamespaces(statement));
        List<String> header = new ArrayList<>(result.getResolvedSchema().getColumnNames());
        List<List<String>> rows = new ArrayList<>();
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
        return new Result(header, rows, "flink");
    }

    @Override
    public void close() throws Exception {
        try {
            if (duck != null) {
                duck.close();
            }
        } finally {
            lake.close();
        }
    }
}
