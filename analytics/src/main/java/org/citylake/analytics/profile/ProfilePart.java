package org.citylake.analytics.profile;

/**
 * One piece of a segment's day, from one domain, before the pieces are put together ({@link
 * StreetProfiles}). A Flink POJO. What {@code a}, {@code b}, {@code c} and {@code flag} hold
 * depends on the kind, as the factories say.
 */
public final class ProfilePart {

    /** The domain and grain of a part. */
    public enum Kind {
        /** The segment exists that day: every segment gets a row. */
        SEGMENT,
        /** An hour of gold.segment_congestion: a = flow, b = TTI, c = free-flow time s. */
        TRAFFIC_HOUR,
        /** A garage's day of gold.parking_daily: a = capacity, b = peak occupancy. */
        PARKING_LOT,
        /**
         * A lit segment's night of gold.lighting_energy: a = kWh (reported + estimated), b = lit
         * km, c = lamps.
         */
        LIGHTING_SEGMENT,
        /** A lamp fault of gold.lighting_faults. */
        LIGHTING_FAULT,
        /** A pickup of clean.waste_collection: a = kg, flag = overflow. */
        WASTE_PICKUP,
        /** A station's day of clean.air_quality: a = PM2.5 mean, b = readings, c = distance m. */
        AIR_DAY
    }

    public String segmentId;
    public int epochDay;
    public Kind kind;

    /** The asset or source row: lot, lit segment, fault, bin, station. */
    public String sourceId;

    public Double a;
    public Double b;
    public Double c;
    public boolean flag;

    public ProfilePart() {}

    private static ProfilePart of(Kind kind, String segmentId, int epochDay, String sourceId) {
        ProfilePart p = new ProfilePart();
        p.kind = kind;
        p.segmentId = segmentId;
        p.epochDay = epochDay;
        p.sourceId = sourceId;
        return p;
    }

    static ProfilePart segment(String segmentId, int epochDay) {
        return of(Kind.SEGMENT, segmentId, epochDay, segmentId);
    }

    static ProfilePart trafficHour(
            String segmentId, int epochDay, long flow, Double tti, Double freeFlowS, boolean peak) {
        ProfilePart p = of(Kind.TRAFFIC_HOUR, segmentId, epochDay, segmentId);
        p.a = (double) flow;
        p.b = tti;
        p.c = freeFlowS;
        p.flag = peak;
        return p;
    }

    static ProfilePart parkingLot(
            String segmentId, int epochDay, String lotId, Integer capacity, Double peak) {
        ProfilePart p = of(Kind.PARKING_LOT, segmentId, epochDay, lotId);
        p.a = capacity == null ? null : capacity.doubleValue();
        p.b = peak;
        return p;
    }

    static ProfilePart lightingSegment(
            String segmentId, int epochDay, String litId, double kwh, double litKm, int lamps) {
        ProfilePart p = of(Kind.LIGHTING_SEGMENT, segmentId, epochDay, litId);
        p.a = kwh;
        p.b = litKm;
        p.c = (double) lamps;
        return p;
    }

    static ProfilePart lightingFault(String segmentId, int epochDay, String faultId) {
        return of(Kind.LIGHTING_FAULT, segmentId, epochDay, faultId);
    }

    static ProfilePart wastePickup(
            String segmentId, int epochDay, String binId, Double kg, boolean overflow) {
        ProfilePart p = of(Kind.WASTE_PICKUP, segmentId, epochDay, binId);
        p.a = kg;
        p.flag = overflow;
        return p;
    }

    static ProfilePart airDay(
            String segmentId,
            int epochDay,
            String stationId,
            double pm25Mean,
            int readings,
            double distanceM) {
        ProfilePart p = of(Kind.AIR_DAY, segmentId, epochDay, stationId);
        p.a = pm25Mean;
        p.b = (double) readings;
        p.c = distanceM;
        return p;
    }

    /** The key parts are grouped by: segment and day. */
    String key() {
        return segmentId + "|" + epochDay;
    }

    @Override
    public String toString() {
        return kind + " " + segmentId + "@" + epochDay + " " + sourceId + " " + a + "/" + b + "/"
                + c;
    }
}
