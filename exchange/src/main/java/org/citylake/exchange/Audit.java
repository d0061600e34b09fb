package org.citylake.exchange;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;

/** Appends rows to {@code exchange.audit}; one commit per event. */
public final class Audit {

    /**
     * One audited event.
     *
     * @param action publish, grant, revoke, key_issued, catalogue or download
     * @param outcome ok, unauthorised, denied, rate_limited, not_found or noop
     * @param channel cli or http
     */
    public record Event(
            String action,
            String outcome,
            String channel,
            String buyer,
            String product,
            String releaseId,
            String fileName,
            String client,
            String detail) {

        public static Event cli(
                String action,
                String outcome,
                String buyer,
                String product,
                String releaseId,
                String detail) {
            return new Event(action, outcome, "cli", buyer, product, releaseId, null, null, detail);
        }
    }

    private Audit() {}

    public static void record(Lake lake, Event event) {
        var table = lake.table(ExchangeTables.AUDIT);
        GenericRecord row = GenericRecord.create(table.schema());
        row.setField("at", OffsetDateTime.now(ZoneOffset.UTC));
        row.setField("action", event.action());
        row.setField("outcome", event.outcome());
        row.setField("channel", event.channel());
        row.setField("buyer", event.buyer());
        row.setField("product", event.product());
        row.setField(ExchangeTables.RELEASE_ID, event.releaseId());
        row.setField("file_name", event.fileName());
        row.setField("client", event.client());
        row.setField("detail", event.detail());
        RefTableWriter.append(table, List.of(row));
    }
}
