package org.citylake.serving;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * A JDBC client of the stack's Trino for {@code citylake sql --profile stack}: connects as one user
 * over HTTPS and returns results as strings.
 */
public final class TrinoClient {

    /** A result: column names and rows, every value as a string ({@code null} stays null). */
    public record Result(List<String> header, List<List<String>> rows) {}

    private final String url;
    private final String user;
    private final String password;

    public TrinoClient(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** From {@code citylake.trino.url/user/password} (written by {@code citylake stack up}). */
    public static TrinoClient fromConfig(LakeConfig config) {
        return new TrinoClient(
                require(config, LakeOptions.TRINO_URL),
                require(config, LakeOptions.TRINO_USER),
                require(config, LakeOptions.TRINO_PASSWORD));
    }

    /** The same server as another user. */
    public TrinoClient as(String otherUser, String otherPassword) {
        return new TrinoClient(url, otherUser, otherPassword);
    }

    public String user() {
        return user;
    }

    /** For handing to the Trino CLI through its environment. */
    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(url, props);
    }

    /**
     * How long a statement is retried while Trino has no node for its catalog. Right after a start,
     * Trino answers queries of system tables but fails a catalog's scan with "No nodes available to
     * run query" until its node manager next rebuilds the per-catalog node map, which it does every
     * 5 seconds. Nothing ran when that error comes, so the statement is safe to send again.
     */
    static final Duration NO_NODES_PATIENCE = Duration.ofSeconds(20);

    /**
     * Runs one statement. A query gives its columns and rows; other statements give one column
     * {@code rows} with the update count.
     */
    public Result query(String sql) throws SQLException {
        return retryingWhileNoNodes(() -> once(sql), NO_NODES_PATIENCE, Duration.ofSeconds(1));
    }

    /** A call to Trino that may throw {@link SQLException}. */
    @FunctionalInterface
    interface TrinoCall<T> {
        T call() throws SQLException;
    }

    /**
     * Runs {@code call}, and again every {@code pause} while it fails because Trino has no node for
     * the catalog yet, for at most {@code patience}; any other failure, and the last one, is
     * thrown.
     */
    static <T> T retryingWhileNoNodes(TrinoCall<T> call, Duration patience, Duration pause)
            throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (SQLException e) {
                if (!noNodesYet(e) || System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a Trino node", interrupted);
            }
        }
    }

    /** Trino's NO_NODES_AVAILABLE, as its JDBC driver reports it. */
    static boolean noNodesYet(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("No nodes available to run query");
    }

    private Result once(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return new Result(
                        List.of("rows"),
                        List.of(
                                List.of(
                                        Long.toString(
                                                Math.max(0, statement.getLargeUpdateCount())))));
            }
            try (ResultSet rs = statement.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> header = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    header.add(meta.getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(header.size());
                    for (int i = 1; i <= header.size(); i++) {
                        Object value = rs.getObject(i);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
                return new Result(List.copyOf(header), rows);
            }
        }
    }

    private static String require(LakeConfig config, LakeOptions.Option option) {
        String value = config.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "no Trino connection: "
                            + option.key()
                            + " is not set (environment "
                            + option.envVar()
                            + "); run `citylake stack up` (it writes the stack profile's settings)"
                            + " or set it for --profile stack");
        }
        return value;
    }
}
