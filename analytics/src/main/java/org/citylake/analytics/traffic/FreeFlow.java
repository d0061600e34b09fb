package org.citylake.analytics.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A segment's free-flow travel time and how it was found: {@code network} when the road network
 * gives a reference time (Aarhus {@code DURATION_IN_SEC}); else {@code night-p85}, the segment's
 * length over the 85th percentile of its night-time speeds (roads are free at night); else {@code
 * none} and the segment gets no index.
 */
public record FreeFlow(double timeS, String method) {

    public static final String NETWORK = "network";
    public static final String NIGHT_PERCENTILE = "night-p85";
    public static final String NONE = "none";

    public boolean known() {
        return !Double.isNaN(timeS);
    }

    public static FreeFlow of(
            SegmentRef segment,
            List<TrafficReading> readings,
            ZoneId zone,
            CongestionSettings settings) {
        if (segment.freeFlowTimeS() != null && segment.freeFlowTimeS() > 0) {
            return new FreeFlow(segment.freeFlowTimeS(), NETWORK);
        }
        if (segment.lengthM() == null || segment.lengthM() <= 0) {
            return new FreeFlow(Double.NaN, NONE);
        }
        double[] nightSpeeds =
                readings.stream()
                        .filter(r -> r.flow > 0 && r.speedKmh != null && r.speedKmh > 0)
                        .filter(
                                r ->
                                        settings.isNight(
                                                Instant.ofEpochMilli(r.observedAtMs)
                                                        .atZone(zone)
                                                        .getHour()))
                        .mapToDouble(r -> r.speedKmh)
                        .toArray();
        if (nightSpeeds.length < settings.minNightReadings()) {
            return new FreeFlow(Double.NaN, NONE);
        }
        double speedKmh = CongestionIndex.percentile(nightSpeeds, settings.nightPercentile());
        return new FreeFlow(segment.lengthM() / (speedKmh / 3.6), NIGHT_PERCENTILE);
    }
}
