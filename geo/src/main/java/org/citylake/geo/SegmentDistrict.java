package org.citylake.geo;

/**
 * The district a road segment is assigned to (one row of {@code ref.segment_districts}; each
 * component is the column of the same name in snake case).
 *
 * @param segmentId the segment
 * @param districtId the district holding the largest share of the segment's length, or {@link
 *     DistrictAssigner#OUTSIDE}
 * @param districtName its name; {@link DistrictAssigner#OUTSIDE} when outside
 * @param shareInDistrict the share of the segment's length inside that district, 0..1 (0 when
 *     outside)
 * @param assignmentMethod how the district was chosen: {@link DistrictAssigner#LENGTH_OVERLAP} or
 *     {@link DistrictAssigner#OUTSIDE}
 */
public record SegmentDistrict(
        String segmentId,
        String districtId,
        String districtName,
        double shareInDistrict,
        String assignmentMethod) {

    public boolean isOutside() {
        return DistrictAssigner.OUTSIDE.equals(assignmentMethod);
    }
}
