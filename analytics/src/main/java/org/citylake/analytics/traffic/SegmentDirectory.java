package org.citylake.analytics.traffic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.job.JobContext;

/**
 * A city's road segments from {@code ref.road_segments}, with the district each is assigned to in
 * {@code ref.segment_districts} (segments without one are {@code outside}).
 */
public final class SegmentDirectory {

    public static final String ROAD_SEGMENTS = "ref.road_segments";
    public static final String SEGMENT_DISTRICTS = "ref.segment_districts";

    private SegmentDirectory() {}

    /** The city's segments, read through the job's reader. */
    public static Map<String, SegmentRef> of(JobContext context) {
        Map<String, String[]> districts = new LinkedHashMap<>();
        for (Record r : context.ref(SEGMENT_DISTRICTS)) {
            districts.put(
                    (String) r.getField("segment_id"),
                    new String[] {
                        (String) r.getField("district_id"), (String) r.getField("district_name")
                    });
        }
        String city = context.city();
        Map<String, SegmentRef> segments = new LinkedHashMap<>();
        for (Record r : context.ref(ROAD_SEGMENTS)) {
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
}
