package org.citylake.ingest.rows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.ingest.FeedMessage;
import org.citylake.ingest.parse.ParseOutcome;
import org.citylake.ingest.parse.ParsedReading;
import org.citylake.ingest.parse.RejectReason;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;

/** Builds Flink rows in the exact column order of the registry's Iceberg schemas. */
public final class LakeRows {

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

    /** A raw-table row: the message as received. */
    public static RowData raw(FeedMessage message) {
        return GenericRowData.of(
                StringData.fromString(message.city),
                StringData.fromString(message.payload),
                StringData.fromString(message.sourcePosition),
                TimestampData.fromEpochMillis(message.receivedAt));
    }

    /** A clean-table row, {@code is_late} false until the deduplicator knows better. */
    public static GenericRowData clean(
            ParsedReading reading, FeedMessage message, long ingestedAt) {
        List<NestedField> columns = schema(reading.type().cleanTable()).columns();
        GenericRowData row = new GenericRowData(columns.size());
        Map<String, Object> values = reading.values();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            Object value =
                    switch (name) {
                        case TableRegistry.CITY -> message.city;
                        case TableRegistry.ENTITY_ID -> reading.entityId();
                        case TableRegistry.OBSERVED_AT -> reading.observedAt();
                        case TableRegistry.IS_LATE -> Boolean.FALSE;
                        case TableRegistry.SOURCE_POSITION -> message.sourcePosition;
                        case TableRegistry.INGESTED_AT -> Instant.ofEpochMilli(ingestedAt);
                        default -> values.get(name);
                    };
            row.setField(i, internal(value));
        }
        return row;
    }

    /** A dead-letter row for a message refused while parsing or validating. */
    public static RowData rejected(Feed feed, FeedMessage message, ParseOutcome.Rejected rejected) {
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
            Feed feed,
            RejectReason reason,
            String detail,
            String payload,
            String sourcePosition,
            long receivedAt,
            String entityType,
            String entityId,
            Instant observedAt) {
        return GenericRowData.of(
                StringData.fromString(city),
                StringData.fromString(feed.id()),
                StringData.fromString(reason.name()),
                StringData.fromString(detail),
                StringData.fromString(payload),
                StringData.fromString(sourcePosition),
                TimestampData.fromEpochMillis(receivedAt),
                entityType == null ? null : StringData.fromString(entityType),
                entityId == null ? null : StringData.fromString(entityId),
                observedAt == null ? null : TimestampData.fromInstant(observedAt));
    }

    /** Column index of {@code name} in the clean table of {@code type}. */
    public static int index(EntityType type, String name) {
        List<NestedField> columns = schema(type.cleanTable()).columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.cleanTable() + " has no column " + name);
    }

    static Object internal(Object value) {
        if (value instanceof String s) {
            return StringData.fromString(s);
        }
        if (value instanceof Instant instant) {
            return TimestampData.fromInstant(instant);
        }
        return value;
    }
}
