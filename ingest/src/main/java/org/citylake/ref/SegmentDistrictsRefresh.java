package org.citylake.ref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.geo.District;
import org.citylake.geo.DistrictAssigner;
import org.citylake.geo.Reprojection;
import org.citylake.geo.RoadSegment;
import org.citylake.geo.SegmentDistrict;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes one city's {@code ref.segment_districts} from its {@code ref.road_segments} and {@code
 * ref.districts} as they are in the lake, and replaces that city's rows atomically.
 *
 * <p>Every road segment gets exactly one row, by the rule of {@link DistrictAssigner}: the district
 * holding the largest share of its length (measured in the city's metric CRS from {@code
 * ref.cities}), else {@value DistrictAssigner#OUTSIDE}. A segment without a geometry cannot be
 * placed and is also {@value DistrictAssigner#OUTSIDE} (logged). A city with segments but no
 * districts gets no rows (logged).
 */
public final class SegmentDistrictsRefresh {

    public static final String TABLE = "ref.segment_districts";
    static final String SEGMENTS = "ref.road_segments";
    static final String DISTRICTS = "ref.districts";

    private static final Logger LOG = LoggerFactory.getLogger(SegmentDistrictsRefresh.class);

    private SegmentDistrictsRefresh() {}

    /**
     * @return rows written, or empty when the city has no road segments (nothing is written then)
     */
    public static OptionalInt refresh(Lake lake, City registered) {
        String city = registered.id();
        List<Record> segmentRows = read(lake.table(SEGMENTS), city);
        if (segmentRows.isEmpty()) {
            return OptionalInt.empty();
        }
        List<District> districts = new ArrayList<>();
        for (Record r : read(lake.table(DISTRICTS), city)) {
            String id = (String) r.getField("district_id");
            String wkt = (String) r.getField("geometry_wkt");
            if (wkt == null) {
                LOG.warn("{} {} district {} has no geometry: left out", DISTRICTS, city, id);
                continue;
            }
            try {
                districts.add(District.fromWkt(id, (String) r.getField("name"), wkt));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        DISTRICTS + " (" + city + "): " + e.getMessage(), e);
            }
        }
        Table table = lake.table(TABLE);
        if (districts.isEmpty()) {
            LOG.warn(
                    "{} has no districts for {}: {} left empty for {}",
                    DISTRICTS,
                    city,
                    TABLE,
                    city);
            return OptionalInt.of(RefTableWriter.replaceCity(table, city, List.of()));
        }
        DistrictAssigner assigner =
                new DistrictAssigner(
                        districts, Reprojection.between(Reprojection.WGS84, registered.crs()));
        List<SegmentDistrict> assigned = new ArrayList<>(segmentRows.size());
        List<String> unplaced = new ArrayList<>();
        for (Record r : segmentRows) {
            String id = (String) r.getField("id");
            String wkt = (String) r.getField("geometry_wkt");
            if (wkt == null) {
                unplaced.add(id);
                assigned.add(
                        new SegmentDistrict(
                                id,
                                DistrictAssigner.OUTSIDE,
                                DistrictAssigner.OUTSIDE,
                                0.0,
                                DistrictAssigner.OUTSIDE));
            } else {
                assigned.add(assigner.assign(segment(city, id, wkt)));
            }
        }
        if (!unplaced.isEmpty()) {
            LOG.warn("{} {} segments without geometry, set outside: {}", city, SEGMENTS, unplaced);
        }
        Schema schema = TableRegistry.get().table(TABLE).schema();
        List<Record> records = new ArrayList<>(assigned.size());
        for (SegmentDistrict a : assigned) {
            GenericRecord record = GenericRecord.create(schema);
            record.setField(TableRegistry.CITY, city);
            record.setField("segment_id", a.segmentId());
            record.setField("district_id", a.districtId());
            record.setField("district_name", a.districtName());
            record.setField("share_in_district", a.shareInDistrict());
            record.setField(TableRegistry.ASSIGNMENT_METHOD, a.assignmentMethod());
            records.add(record);
        }
        return OptionalInt.of(RefTableWriter.replaceCity(table, city, records));
    }

    private static RoadSegment segment(String city, String id, String wkt) {
        try {
            return RoadSegment.fromWkt(id, wkt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SEGMENTS + " (" + city + "): " + e.getMessage(), e);
        }
    }

    private static List<Record> read(Table table, String city) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(table)
                        .where(Expressions.equal(TableRegistry.CITY, city))
                        .build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.name() + " for " + city, e);
        }
        return rows;
    }
}
