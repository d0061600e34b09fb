package org.citylake.ingest.rows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.citylake.ingest.FeedMessage;
import org.citylake.ingest.parse.ParseOutcome;
import org.citylake.ingest.parse.RejectReason;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * Builds Flink rows of the {@code raw} and {@code ops.dead_letter} tables, whose schemas are the
 * same for every feed; clean rows are built by {@link CleanTable}. Payloads are stored as the bytes
 * received (UTF-8), never decoded.
 */
public final class LakeRows {

    private static final String ANY_RAW = "raw.traffic";

    private LakeRows() {}

    public static Schema schema(String table) {
        return TableRegistry.get().table(table).schema();
    }

    public static RowType rowType(String table) {
        return FlinkSchemaUtil.convert(schema(table));
    }

    public static InternalTypeInfo<RowData> typeInfo(String table) {
        return InternalTypeInfo.of(rowType(table));
    }

    /** The row type of every {@code raw.<feed>} table. */
    public static InternalTypeInfo<RowData> rawTypeInfo() {
        return typeInfo(ANY_RAW);
    }

    /** A raw-table row: the message as received. */
    public static RowData raw(FeedMessage message) {
        return GenericRowData.of(
                string(message.city),
                bytes(message.payload),
                string(message.sourcePosition),
                TimestampData.fromEpochMillis(message.receivedAt));
    }

    /** A dead-letter row for a message refused while parsing or validating. */
    public static RowData rejected(
            String feed, FeedMessage message, ParseOutcome.Rejected rejected) {
        return deadLetter(
                message.city,
                feed,
                rejected.reason(),
                rejected.detail(),
                message.payload,
                message.sourcePosition,
                message.receivedAt,
                rejected.entityType(),
                rejected.entityId(),
                rejected.observedAt());
    }

    public static RowData deadLetter(
            String city,
            String feed,
            RejectReason reason,
            String detail,
            byte[] payload,
            String sourcePosition,
            long receivedAt,
            String entityType,
            String entityId,
            Instant observedAt) {
        return GenericRowData.of(
                StringData.fromString(city),
                StringData.fromString(feed),
                StringData.fromString(reason.name()),
                StringData.fromString(detail),
                bytes(payload),
                StringData.fromString(sourcePosition),
                TimestampData.fromEpochMillis(receivedAt),
                entityType == null ? null : StringData.fromString(entityType),
                entityId == null ? null : StringData.fromString(entityId),
                observedAt == null ? null : TimestampData.fromInstant(observedAt));
    }

    /** The payload as a string column, from its bytes (empty when there were none). */
    static StringData bytes(byte[] payload) {
        return StringData.fromBytes(payload == null ? new byte[0] : payload);
    }

    /**
     * A string column value from its UTF-8 bytes: {@code String.getBytes} is a JDK intrinsic, where
     * Flink's own encoder looks a buffer up in a thread-local for every string (seen in the ingest
     * bench's profile).
     */
    public static StringData string(String s) {
        return s == null ? null : StringData.fromBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static Object internal(Object value) {
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Instant instant) {
            return TimestampData.fromInstant(instant);
        }
        return value;
    }
}
