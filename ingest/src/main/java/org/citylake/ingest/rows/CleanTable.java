package org.citylake.ingest.rows;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
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
        String[] names = columnNames();
        GenericRowData row = new GenericRowData(names.length);
        Map<String, Object> values = reading.values();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            Object value =
                    switch (name) {
                        case TableRegistry.CITY -> message.city;
                        case TableRegistry.ENTITY_ID -> reading.entityId();
                        case TableRegistry.OBSERVED_AT -> reading.observedAt();
                        case TableRegistry.IS_LATE -> Boolean.FALSE;
                        case TableRegistry.SOURCE_POSITION -> message.sourcePosition;
                        case TableRegistry.INGESTED_AT ->
                                java.time.Instant.ofEpochMilli(ingestedAt);
                        default -> values.get(name);
                    };
            row.setField(i, LakeRows.internal(value));
        }
        return row;
    }

    private String[] columnNames() {
        return schema.columns().stream().map(NestedField::name).toArray(String[]::new);
    }
}
