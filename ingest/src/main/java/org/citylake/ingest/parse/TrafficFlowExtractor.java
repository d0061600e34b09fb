package org.citylake.ingest.parse;

import java.time.Duration;
import java.time.Instant;
import org.citylake.model.EntityType;

/**
 * {@code TrafficFlowObserved} → {@code clean.traffic_flow}.
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>refRoadSegment (required; the sensor)</td><td>segment_id</td><td>text</td></tr>
 *   <tr><td>dateObservedFrom, else start of dateObserved (instant or ISO interval)</td>
 *       <td>observed_at</td><td>required</td></tr>
 *   <tr><td>dateObservedTo, else end of the dateObserved interval</td>
 *       <td>interval_s (end − start, when both ends are known)</td><td>end after start</td></tr>
 *   <tr><td>laneId</td><td>lane_id</td><td>whole number</td></tr>
 *   <tr><td>intensity</td><td>intensity</td><td>whole number ≥ 0</td></tr>
 *   <tr><td>averageVehicleSpeed (km/h)</td><td>avg_speed_kmh</td><td>0..300</td></tr>
 *   <tr><td>averageTravelTime (s, CityLake)</td><td>avg_travel_time_s</td><td>0 &lt; t &lt; 86400</td></tr>
 *   <tr><td>medianTravelTime (s, CityLake)</td><td>median_travel_time_s</td><td>0 &lt; t &lt; 86400</td></tr>
 *   <tr><td>occupancy (0..1)</td><td>occupancy</td><td>0..1</td></tr>
 *   <tr><td>congested</td><td>congested</td><td>boolean</td></tr>
 * </table>
 */
final class TrafficFlowExtractor implements EntityExtractor {

    static final TrafficFlowExtractor INSTANCE = new TrafficFlowExtractor();

    private static final ValidRange ANY = ValidRange.atLeast(Double.NEGATIVE_INFINITY, "");
    private static final ValidRange VEHICLES = ValidRange.atLeast(0, "vehicles");
    private static final ValidRange SPEED = ValidRange.closed(0, 300, "km/h");
    private static final ValidRange TRAVEL_TIME = ValidRange.open(0, 86_400, "s");
    private static final ValidRange FRACTION = ValidRange.closed(0, 1, "");

    private TrafficFlowExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String segment = in.text("refRoadSegment");
        if (segment != null) {
            in.aboutSensor(segment);
        }
        Integer intervalSeconds = observationTime(in);
        in.required(segment, "refRoadSegment");
        return new ReadingValues(EntityType.TRAFFIC_FLOW_OBSERVED, segment)
                .put("lane_id", in.integer("laneId", ANY))
                .put("interval_s", intervalSeconds)
                .put("intensity", in.wholeNumber("intensity", VEHICLES))
                .put("avg_speed_kmh", in.number("averageVehicleSpeed", SPEED))
                .put("avg_travel_time_s", in.number("averageTravelTime", TRAVEL_TIME))
                .put("median_travel_time_s", in.number("medianTravelTime", TRAVEL_TIME))
                .put("occupancy", in.number("occupancy", FRACTION))
                .put("congested", in.bool("congested"))
                .reading(in);
    }

    /**
     * Sets the observation time; returns the interval length in seconds when both ends are known.
     */
    private static Integer observationTime(EntityReader in) {
        Instant start = in.instant("dateObservedFrom");
        String startAttribute = "dateObservedFrom";
        Instant end = in.instant("dateObservedTo");
        String endAttribute = "dateObservedTo";
        if (start == null || end == null) {
            TimeInterval observed = in.instantOrInterval("dateObserved");
            if (observed != null) {
                if (start == null) {
                    start = observed.start();
                    startAttribute = "dateObserved";
                }
                if (end == null && observed.end() != null) {
                    end = observed.end();
                    endAttribute = "dateObserved";
                }
            }
        }
        if (start == null) {
            throw in.reject(
                    RejectReason.MISSING_FIELD,
                    "no observation time: none of dateObservedFrom, dateObserved is present");
        }
        in.observedAt(start, startAttribute);
        if (end == null) {
            return null;
        }
        long seconds = Duration.between(start, end).getSeconds();
        if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
            throw in.reject(
                    RejectReason.OUT_OF_RANGE,
                    "observation interval "
                            + startAttribute
                            + "="
                            + start
                            + " to "
                            + endAttribute
                            + "="
                            + end
                            + (seconds <= 0 ? " does not end after it starts" : " is too long"));
        }
        return (int) seconds;
    }
}
