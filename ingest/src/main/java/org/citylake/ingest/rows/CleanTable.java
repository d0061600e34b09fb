package org.citylake.ingest.rows;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.ingest.FeedMessage;
import org.citylake.ingest.parse.ParsedReading;
import org.citylake.ingest.parse.ValueSlots;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;

/**
 * The clean table of one entity type as it is in the lake: its descriptor and the table's current
 * schema. Rows are built in that schema's column order, by name, so a table evolved in place (a
 * column added at the end) is written right. Serializable: it travels in the job graph.
 *
 * @param feed the id of the feed carrying the type
 */
public record CleanTable(String feed, EntityDescriptor entity, Schema schema)
        implements Serializable {

    /**
     * The table as the catalog has it now.
     *
     * @throws IllegalStateException saying to run {@code lakehouse init} when it is missing
     */
    public static CleanTable load(Catalog catalog, String feed, EntityDescriptor entity) {
        try {
            return new CleanTable(
                    feed,
                    entity,
                    catalog.loadTable(TableIdentifier.parse(entity.cleanTable())).schema());
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(
                    "table "
                            + entity.cleanTable()
                            + " of feed "
                            + feed
                            + " does not exist; run `citylake lakehouse init` first",
                    e);
        }
    }

    /** The table as {@code catalog}'s registry defines it (a new lake; tests). */
    public static CleanTable defined(FeedCatalog catalog, String ngsiType) {
        FeedDescriptor feed =
                catalog.feedOf(ngsiType)
                        .orElseThrow(
                                () -> new IllegalArgumentException("no feed carries " + ngsiType));
        EntityDescriptor entity = feed.entity(ngsiType).orElseThrow();
        return new CleanTable(
                feed.id(), entity, TableRegistry.of(catalog).table(entity.cleanTable()).schema());
    }

    /** The built-in type's table as defined (tests). */
    public static CleanTable defined(String ngsiType) {
        return defined(FeedCatalog.builtIn(), ngsiType);
    }

    public String name() {
        return entity.cleanTable();
    }

    public RowType rowType() {
        return FlinkSchemaUtil.convert(schema);
    }

    public InternalTypeInfo<RowData> typeInfo() {
        return InternalTypeInfo.of(rowType());
    }

    /** Column index of {@code column}. */
    public int index(String column) {
        List<NestedField> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name() + " has no column " + column);
    }

    /** A clean row, {@code is_late} false until the deduplicator knows better. */
    public GenericRowData row(ParsedReading reading, FeedMessage message, long ingestedAt) {
        Layout layout = layout();
        int[] roles = layout.roles;
        int[] slots = layout.slots;
        GenericRowData row = new GenericRowData(roles.length);
        for (int i = 0; i < roles.length; i++) {
            Object value =
                    switch (roles[i]) {
                        case CITY -> LakeRows.string(message.city);
                        case ENTITY -> LakeRows.string(reading.entityId());
                        case OBSERVED -> TimestampData.fromInstant(reading.observedAt());
                        case LATE -> Boolean.FALSE;
                        case POSITION -> LakeRows.string(message.sourcePosition);
                        case INGESTED -> TimestampData.fromEpochMillis(ingestedAt);
                        default -> slots[i] < 0 ? null : LakeRows.internal(reading.slot(slots[i]));
                    };
            row.setField(i, value);
        }
        return row;
    }

    private static final int MEASURE = 0;
    private static final int CITY = 1;
    private static final int ENTITY = 2;
    private static final int OBSERVED = 3;
    private static final int LATE = 4;
    private static final int POSITION = 5;
    private static final int INGESTED = 6;

    /**
     * What fills each column, and for a measure the reading's slot holding it (-1: a column the
     * descriptor no longer fills), worked out once per table.
     */
    private record Layout(int[] roles, int[] slots) {}

    private static final java.util.Map<Schema, Layout> LAYOUTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Layout layout() {
        return LAYOUTS.computeIfAbsent(
                schema,
                s -> {
                    List<NestedField> columns = s.columns();
                    ValueSlots valueSlots = ValueSlots.of(entity);
                    int[] roles = new int[columns.size()];
                    int[] slots = new int[columns.size()];
                    for (int i = 0; i < roles.length; i++) {
                        String name = columns.get(i).name();
                        slots[i] = valueSlots.slotOf(name);
                        roles[i] =
                                switch (name) {
                                    case TableRegistry.CITY -> CITY;
                                    case TableRegistry.ENTITY_ID -> ENTITY;
                                    case TableRegistry.OBSERVED_AT -> OBSERVED;
                                    case TableRegistry.IS_LATE -> LATE;
                                    case TableRegistry.SOURCE_POSITION -> POSITION;
                                    case TableRegistry.INGESTED_AT -> INGESTED;
                                    default -> MEASURE;
                                };
                    }
                    return new Layout(roles, slots);
                });
    }
}
