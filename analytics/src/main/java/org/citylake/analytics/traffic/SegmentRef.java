package org.citylake.analytics.traffic;

import java.io.Serializable;

/**
 * What the index needs to know of a road segment: its length, its reference free-flow time (when
 * the network gives one) and the district it is assigned to.
 *
 * @param lengthM length along the segment, m, or null when unknown
 * @param freeFlowTimeS reference free-flow travel time, s, or null
 * @param districtId district id, or {@code outside}
 */
public record SegmentRef(
        String id,
        String name,
        Double lengthM,
        Double freeFlowTimeS,
        String districtId,
        String districtName)
        implements Serializable {

    public static final String OUTSIDE = "outside";

    /** Length in km for weighting; 0 when unknown (the segment then weighs nothing). */
    public double lengthKm() {
        return lengthM == null || lengthM <= 0 ? 0 : lengthM / 1000.0;
    }
}
