package org.citylake.testdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * The rows of one ref table for one city, as JSON objects whose keys are the table's column names;
 * an absent optional value is an absent key. A key that is not a column of the table is a bug and
 * fails at once.
 */
public final class RefRows {

    private final String table;
    private final String city;
    private final Schema schema;
    private final JsonLines lines = JsonLines.inOrder();

    /**
     * @param table fully qualified ref table, e.g. {@code ref.road_segments}
     */
    public RefRows(String table, String city) {
        this.table = table;
        this.city = city;
        this.schema = TableRegistry.get().table(table).schema();
    }

    /** A new row with {@code city} and {@code id} set; fill it, then {@link #add} it. */
    public ObjectNode row(String id) {
        ObjectNode row = NgsiJson.object();
        row.put(TableRegistry.CITY, city);
        row.put("id", id);
        return row;
    }

    /** A new row with only {@code city} set, for tables not keyed by {@code id}. */
    public ObjectNode cityRow() {
        ObjectNode row = NgsiJson.object();
        row.put(TableRegistry.CITY, city);
        return row;
    }

    public void add(ObjectNode row) {
        List<String> unknown = new ArrayList<>();
        row.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (schema.findField(name) == null) {
                                unknown.add(name);
                            }
                        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(
                    table + " has no column " + unknown + "; columns: " + schema.columns());
        }
        lines.add(row);
    }

    /**
     * Sets a numeric column from a cell, as written in the source; leaves it out if not a number.
     */
    static void putNumber(ObjectNode row, String column, String cell) {
        NgsiJson.decimal(cell).ifPresent(v -> row.set(column, NgsiJson.number(v)));
    }

    public ConvertedFile write(Path outDir) throws IOException {
        return lines.write(
                city, ConvertedFile.REF, table, FeedConverter.refPath(outDir, city, table));
    }
}
