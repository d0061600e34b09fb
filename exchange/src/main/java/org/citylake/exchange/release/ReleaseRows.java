package org.citylake.exchange.release;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;

/**
 * The rows of a release in their fixed order.
 *
 * @param schema the release's columns
 * @param rows the released groups, sorted by the dimensions
 * @param sourceRows source rows read (after source.where)
 * @param groups groups formed, released or not
 * @param suppressed groups withheld for having fewer than k contributors
 */
public record ReleaseRows(
        Schema schema, List<Record> rows, long sourceRows, long groups, long suppressed) {
    public ReleaseRows {
        rows = List.copyOf(rows);
    }
}
