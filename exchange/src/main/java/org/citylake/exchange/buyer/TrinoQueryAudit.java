package org.citylake.exchange.buyer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.exchange.ExchangeTables;
import org.citylake.exchange.product.Product;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.serving.TrinoClient;

/**
 * Buyers' Trino queries into {@code exchange.audit}: Trino keeps every query it ran in {@code
 * system.runtime.queries} (user, text, state, error code); this copies the finished and failed
 * queries of {@code buyer_*} users that are not in the audit yet, one row each.
 *
 * <pre>
 *  system.runtime.queries (as admin) ─► user ~ buyer_*, state FINISHED|FAILED
 *        ─► not yet audited (client = "trino query &lt;query_id&gt;")
 *        ─► exchange.audit: action query, channel trino, outcome ok | denied | failed,
 *           product = the first product whose release table the text names
 * </pre>
 *
 * Only admin sees other users' queries: the stack's rules let every other user view their own
 * queries only ({@code queries} section of {@link org.citylake.serving.TrinoAccessRules}). Trino
 * keeps at most {@code query.max-history} finished queries (the stack sets 2,000), so the sync runs
 * often: {@code citylake serve} every 30 s on the stack profile, and {@code citylake exchange audit
 * --from-trino} on demand.
 */
public final class TrinoQueryAudit {

    /** The audit's {@code client} value of a Trino query: its query id, which makes rows unique. */
    static final String CLIENT_PREFIX = "trino query ";

    private static final int MAX_TEXT = 2000;
    private static final Pattern TABLE =
            Pattern.compile("\"?exchange\"?\\s*\\.\\s*\"?([a-z0-9_]+)\"?");

    private TrinoQueryAudit() {}

    /** One query of a buyer, as Trino recorded it. */
    public record BuyerQuery(
            String queryId,
            String user,
            String state,
            String text,
            String errorCode,
            OffsetDateTime created) {

        /** ok (finished), denied (Trino's PERMISSION_DENIED) or failed (any other error). */
        public String outcome() {
            if (state.equals("FINISHED")) {
                return "ok";
            }
            return "PERMISSION_DENIED".equals(errorCode) ? "denied" : "failed";
        }
    }

    /**
     * Records the buyers' queries Trino knows and the audit does not; returns those recorded, in
     * the order Trino created them.
     */
    public static List<BuyerQuery> sync(Lake lake, TrinoClient admin, List<Product> products)
            throws SQLException {
        List<BuyerQuery> queries = buyerQueries(admin);
        if (queries.isEmpty()) {
            return List.of();
        }
        Table audit = lake.table(ExchangeTables.AUDIT);
        audit.refresh();
        Set<String> known = auditedQueryIds(audit);
        List<BuyerQuery> fresh = new ArrayList<>();
        List<Record> rows = new ArrayList<>();
        for (BuyerQuery q : queries) {
            if (!known.add(q.queryId())) {
                continue;
            }
            fresh.add(q);
            GenericRecord row = GenericRecord.create(audit.schema());
            row.setField("at", q.created());
            row.setField("action", "query");
            row.setField("outcome", q.outcome());
            row.setField("channel", "trino");
            row.setField("buyer", q.user());
            row.setField("product", productOf(q.text(), products));
            row.setField("client", CLIENT_PREFIX + q.queryId());
            String text = q.text().strip();
            row.setField(
                    "detail",
                    (q.errorCode() == null ? "" : q.errorCode() + ": ")
                            + (text.length() > MAX_TEXT
                                    ? text.substring(0, MAX_TEXT) + "…"
                                    : text));
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            RefTableWriter.append(audit, rows);
        }
        return fresh;
    }

    /** The finished and failed queries of buyer users that Trino still remembers, oldest first. */
    static List<BuyerQuery> buyerQueries(TrinoClient admin) throws SQLException {
        List<BuyerQuery> queries = new ArrayList<>();
        try (Connection c = admin.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT query_id, \"user\", state, query, error_code, created"
                                        + " FROM system.runtime.queries"
                                        + " WHERE regexp_like(\"user\", '^buyer_[a-z0-9_]+$')"
                                        + " AND state IN ('FINISHED', 'FAILED')"
                                        + " ORDER BY created, query_id")) {
            while (rs.next()) {
                Timestamp created = rs.getTimestamp(6);
                queries.add(
                        new BuyerQuery(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                created == null
                                        ? OffsetDateTime.now(ZoneOffset.UTC)
                                        : created.toInstant().atOffset(ZoneOffset.UTC)));
            }
        }
        return queries;
    }

    /** The product whose release table a query names first; null when it names none. */
    static String productOf(String text, List<Product> products) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            tables.add("exchange." + m.group(1));
        }
        for (String table : tables) {
            for (Product p : products) {
                if (p.releaseTable().equals(table)) {
                    return p.id();
                }
            }
        }
        return null;
    }

    private static Set<String> auditedQueryIds(Table audit) {
        Set<String> ids = new HashSet<>();
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(audit)
                        .where(Expressions.equal("channel", "trino"))
                        .select("client")
                        .build()) {
            for (Record r : rows) {
                Object client = r.getField("client");
                if (client != null && client.toString().startsWith(CLIENT_PREFIX)) {
                    ids.add(client.toString().substring(CLIENT_PREFIX.length()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }
}
