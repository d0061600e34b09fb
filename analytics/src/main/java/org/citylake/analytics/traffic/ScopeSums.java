package org.citylake.analytics.traffic;

import java.util.List;

/**
 * Peak-hour sums of one scope (a segment, a district or a city) over one period. A segment's TTI is
 * weighted by its vehicles; a district's or city's by vehicles × segment length (vehicle-km), so a
 * long busy road counts more than a short quiet one. A Flink POJO.
 */
public final class ScopeSums {

    public static final String SEGMENT = "segment";
    public static final String DISTRICT = "district";
    public static final String CITY = "city";

    /** The segment these sums came from, until sums of several segments are added up. */
    public String segmentId;

    public String period;
    public int periodStartEpochDay;
    public String scope;
    public String scopeId;
    public String scopeName;

    /** Σ weight × flow × TTI. */
    public double weightedTti;

    /** Σ weight × flow. */
    public double weight;

    public long vehicles;
    public double vehicleKm;
    public double delayVehicleSeconds;
    public double lengthKm;
    public int segments;
    public int peakReadings;
    public int outlierReadings;
    public int daysMask;

    public ScopeSums() {}

    /**
     * The scopes one segment's period sums count in: itself, its district (unless it lies outside
     * every district), its city.
     */
    public static List<ScopeSums> of(PeriodSums sums, SegmentRef segment, String city) {
        String district = segment.districtId() == null ? SegmentRef.OUTSIDE : segment.districtId();
        String districtName = segment.districtName() == null ? district : segment.districtName();
        ScopeSums own = from(sums, segment, SEGMENT, segment.id(), segment.name(), 1.0);
        ScopeSums whole = from(sums, segment, CITY, city, city, segment.lengthKm());
        // a segment outside every district counts for the city but ranks in no district
        return SegmentRef.OUTSIDE.equals(district)
                ? List.of(own, whole)
                : List.of(
                        own,
                        from(sums, segment, DISTRICT, district, districtName, segment.lengthKm()),
                        whole);
    }

    private static ScopeSums from(
            PeriodSums p,
            SegmentRef segment,
            String scope,
            String scopeId,
            String scopeName,
            double weight) {
        ScopeSums s = new ScopeSums();
        s.segmentId = p.segmentId;
        s.period = p.period;
        s.periodStartEpochDay = p.periodStartEpochDay;
        s.scope = scope;
        s.scopeId = scopeId;
        s.scopeName = scopeName;
        s.weightedTti = weight * p.flowTti;
        s.weight = weight * p.flow;
        s.vehicles = p.flow;
        s.vehicleKm = p.flow * segment.lengthKm();
        s.delayVehicleSeconds = p.delayVehicleSeconds;
        s.lengthKm = p.flow > 0 ? segment.lengthKm() : 0;
        s.segments = p.flow > 0 ? 1 : 0;
        s.peakReadings = p.peakReadings;
        s.outlierReadings = p.outlierReadings;
        s.daysMask = p.daysMask;
        return s;
    }

    /** Rows ranked against each other: same period and scope. */
    public String group() {
        return period + "|" + periodStartEpochDay + "|" + scope;
    }

    public static ScopeSums plus(ScopeSums a, ScopeSums b) {
        ScopeSums s = new ScopeSums();
        s.period = a.period;
        s.periodStartEpochDay = a.periodStartEpochDay;
        s.scope = a.scope;
        s.scopeId = a.scopeId;
        s.scopeName = a.scopeName != null ? a.scopeName : b.scopeName;
        s.weightedTti = a.weightedTti + b.weightedTti;
        s.weight = a.weight + b.weight;
        s.vehicles = a.vehicles + b.vehicles;
        s.vehicleKm = a.vehicleKm + b.vehicleKm;
        s.delayVehicleSeconds = a.delayVehicleSeconds + b.delayVehicleSeconds;
        s.lengthKm = a.lengthKm + b.lengthKm;
        s.segments = a.segments + b.segments;
        s.peakReadings = a.peakReadings + b.peakReadings;
        s.outlierReadings = a.outlierReadings + b.outlierReadings;
        s.daysMask = a.daysMask | b.daysMask;
        return s;
    }

    /** Peak TTI, or NaN when nothing in the scope had a usable reading. */
    public double peakTti() {
        return weight > 0 ? weightedTti / weight : Double.NaN;
    }
}
