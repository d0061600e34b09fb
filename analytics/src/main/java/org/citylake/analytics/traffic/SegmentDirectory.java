package org.citylake.analytics.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * A city's road segments from {@code ref.road_segments}, with the district each is assigned to in
 * {@code ref.segment_districts} (segments without one are {@code outside}).
 */
public final class SegmentDirectory {

    public static final String ROAD_SEGMENTS = "ref.road_segments";
    public static final String SEGMENT_DISTRICTS = "ref.segment_districts";

    private SegmentDirectory() {}

    public static Map<String, SegmentRef> load(Lake lake, String city) {
        Map<String, String[]> districts = new LinkedHashMap<>();
        if (lake.catalog().tableExists(TableIdentifier.parse(SEGMENT_DISTRICTS))) {
            for (Record r : rows(lake.table(SEGMENT_DISTRICTS), city)) {
                districts.put(
                        (String) r.getField("segment_id"),
                        new String[] {
                            (String) r.getField("district_id"), (String) r.getField("district_name")
                        });
            }
        }
        Map<String, SegmentRef> segments = new LinkedHashMap<>();
        for (Record r : rows(lake.table(ROAD_SEGMENTS), city)) {
            String id = (String) r.getField("id");
            String[] district =
                    districts.getOrDefault(id, new String[] {SegmentRef.OUTSIDE, "outside"});
            segments.put(
                    id,
                    new SegmentRef(
                            id,
                            (String) r.getField("name"),
                            (Double) r.getField("length_m"),
                            (Double) r.getField("free_flow_time_s"),
                            district[0],
                            district[1]));
        }
        if (segments.isEmpty()) {
            throw new IllegalStateException(
                    ROAD_SEGMENTS
                            + " has no segments for city '"
                            + city
                            + "': load the reference data first (citylake ref load)");
        }
        return segments;
    }

    private static Iterable<Record> rows(Table table, String city) {
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .build()) {
            java.util.List<Record> copy = new java.util.ArrayList<>();
            rows.forEach(r -> copy.add(r.copy()));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.name(), e);
        }
    }
}
