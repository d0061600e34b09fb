package org.citylake.analytics.lighting;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.job.JobContext;
import org.citylake.model.City;

/**
 * A city's lighting inventory: lamps ({@code ref.streetlights}), the segments they light ({@code
 * ref.lit_segments}) and their cabinets ({@code ref.streetlight_cabinets}). Small, read when the
 * job graph is built, and shipped with the operators.
 */
public record LightingNetwork(
        Map<String, Lamp> lamps, Map<String, Segment> segments, Map<String, Cabinet> cabinets)
        implements Serializable {

    public static final String LAMPS = "ref.streetlights";
    public static final String SEGMENTS = "ref.lit_segments";
    public static final String CABINETS = "ref.streetlight_cabinets";

    /** A district id for lamps and segments in no known district. */
    public static final String NO_DISTRICT = "unknown";

    /**
     * A lamp.
     *
     * @param lon WGS84; the city's centroid when the inventory has no position
     * @param segmentId null when it lights no known segment
     * @param cabinetId null when no cabinet is known
     */
    public record Lamp(
            String id,
            String segmentId,
            String cabinetId,
            double ratedW,
            double lon,
            double lat,
            String technology)
            implements Serializable {}

    /**
     * A lit segment.
     *
     * @param widthM null when not known
     * @param roadClass OSM highway value, or "unknown"
     */
    public record Segment(
            String id,
            String name,
            String roadClass,
            double lengthM,
            Double widthM,
            String districtId)
            implements Serializable {}

    /** A cabinet and its district (null when not known). */
    public record Cabinet(String id, String districtId) implements Serializable {}

    public LightingNetwork {
        lamps = new TreeMap<>(lamps);
        segments = new TreeMap<>(segments);
        cabinets = new TreeMap<>(cabinets);
    }

    /** The segment a lamp lights, or null. */
    public Segment segmentOf(Lamp lamp) {
        return lamp.segmentId() == null ? null : segments.get(lamp.segmentId());
    }

    /** The road class of a lamp's segment, or "unknown". */
    public String roadClassOf(Lamp lamp) {
        Segment s = segmentOf(lamp);
        return s == null || s.roadClass() == null ? "unknown" : s.roadClass();
    }

    /** The district of a lamp: its segment's, else its cabinet's, else {@value #NO_DISTRICT}. */
    public String districtOf(Lamp lamp) {
        Segment s = segmentOf(lamp);
        if (s != null && s.districtId() != null) {
            return s.districtId();
        }
        Cabinet c = lamp.cabinetId() == null ? null : cabinets.get(lamp.cabinetId());
        return c != null && c.districtId() != null ? c.districtId() : NO_DISTRICT;
    }

    /** The lamps of each segment, by segment id. */
    public Map<String, List<Lamp>> lampsBySegment() {
        Map<String, List<Lamp>> by = new LinkedHashMap<>();
        for (Lamp lamp : lamps.values()) {
            if (segmentOf(lamp) != null) {
                by.computeIfAbsent(lamp.segmentId(), k -> new ArrayList<>()).add(lamp);
            }
        }
        return by;
    }

    /** The run's city's inventory; an error that says what to load when it has no lamp. */
    public static LightingNetwork of(JobContext context, City city) {
        Map<String, Segment> segments = new LinkedHashMap<>();
        for (Record r : context.ref(SEGMENTS)) {
            String id = (String) r.getField("id");
            Double length = (Double) r.getField("length_m");
            String roadClass = (String) r.getField("road_class");
            segments.put(
                    id,
                    new Segment(
                            id,
                            (String) r.getField("name"),
                            roadClass == null ? "unknown" : roadClass,
                            length == null ? 0 : length,
                            (Double) r.getField("width_m"),
                            (String) r.getField("district_id")));
        }
        Map<String, Cabinet> cabinets = new LinkedHashMap<>();
        for (Record r : context.ref(CABINETS)) {
            String id = (String) r.getField("id");
            cabinets.put(id, new Cabinet(id, (String) r.getField("district_id")));
        }
        Map<String, Lamp> lamps = new LinkedHashMap<>();
        List<String> unrated = new ArrayList<>();
        for (Record r : context.ref(LAMPS)) {
            String id = (String) r.getField("id");
            Double rated = (Double) r.getField("rated_power_w");
            if (rated == null) {
                unrated.add(id);
                continue;
            }
            Double lon = (Double) r.getField("lon");
            Double lat = (Double) r.getField("lat");
            lamps.put(
                    id,
                    new Lamp(
                            id,
                            (String) r.getField("segment_id"),
                            (String) r.getField("cabinet_id"),
                            rated,
                            lon == null || lat == null ? city.lon() : lon,
                            lon == null || lat == null ? city.lat() : lat,
                            (String) r.getField("technology")));
        }
        if (!unrated.isEmpty()) {
            throw new IllegalStateException(
                    LAMPS
                            + " of city '"
                            + city.id()
                            + "': "
                            + unrated.size()
                            + " lamps have no rated_power_w (e.g. "
                            + unrated.get(0)
                            + "); the energy baseline and the over-power rule need it: fix the"
                            + " inventory and run `citylake ref load`");
        }
        if (lamps.isEmpty()) {
            throw new IllegalStateException(
                    LAMPS
                            + " has no lamp for city '"
                            + city.id()
                            + "': load the lighting inventory first (<feeds>/"
                            + city.id()
                            + "/ref/streetlights.jsonl, lit_segments.jsonl,"
                            + " streetlight_cabinets.jsonl, then `citylake ref load`)");
        }
        return new LightingNetwork(lamps, segments, cabinets);
    }
}
