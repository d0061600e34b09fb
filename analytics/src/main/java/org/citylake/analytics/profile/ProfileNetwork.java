package org.citylake.analytics.profile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.citylake.analytics.profile.SegmentIndex.Match;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Which road segment ({@code ref.road_segments}) each asset of the other domains belongs to, and
 * which air station each segment takes its air from. Built once per run from the ref tables, when
 * the graph is built; pure, tested on hand-drawn data ({@code ProfileJoinsTest}).
 *
 * <p>The rules (distances in the local metric plane of {@link SegmentIndex}; ties to the smaller
 * id):
 *
 * <ul>
 *   <li><b>lit segments</b> ({@code ref.lit_segments}, OSM ways): a lit segment whose id is a road
 *       segment id is that segment; otherwise the road segment nearest to its midpoint, if within
 *       {@code --lit-distance}; otherwise it joins no segment. A lamp ({@code ref.streetlights})
 *       belongs where its lit segment does.
 *   <li><b>garages and bins</b> ({@code ref.parking_lots}, {@code ref.waste_containers}): the road
 *       segment nearest to their lon/lat, if within {@code --asset-distance}; an asset without a
 *       position or farther away joins none.
 *   <li><b>air</b>: each road segment takes the air station ({@code ref.air_stations}) nearest to
 *       it (to its nearest point), at any distance; the distance is kept with the value.
 * </ul>
 */
final class ProfileNetwork implements Serializable {

    /** A road segment as the profile shows it. */
    record Segment(String id, String name, String roadClass, Double lengthM, String wkt)
            implements Serializable {}

    /** An asset with an optional position (lon, lat WGS84). */
    record Site(String id, Double lon, Double lat) implements Serializable {}

    /** A line with an id (a lit segment), WGS84 WKT. */
    record Line(String id, String wkt) implements Serializable {}

    private final Map<String, Segment> segments;
    private final Map<String, Match> litToRoad;
    private final Map<String, String> lampToLit;
    private final Map<String, Match> lotToRoad;
    private final Map<String, Match> binToRoad;
    private final Map<String, Match> stationOfSegment;

    private ProfileNetwork(
            Map<String, Segment> segments,
            Map<String, Match> litToRoad,
            Map<String, String> lampToLit,
            Map<String, Match> lotToRoad,
            Map<String, Match> binToRoad,
            Map<String, Match> stationOfSegment) {
        this.segments = segments;
        this.litToRoad = litToRoad;
        this.lampToLit = lampToLit;
        this.lotToRoad = lotToRoad;
        this.binToRoad = binToRoad;
        this.stationOfSegment = stationOfSegment;
    }

    /**
     * The joins of one city.
     *
     * @param lamps lamp id → the lit segment id it lights
     * @throws IllegalArgumentException when a road segment has no readable line geometry
     */
    static ProfileNetwork of(
            List<Segment> roads,
            List<Line> litSegments,
            Map<String, String> lamps,
            List<Site> lots,
            List<Site> bins,
            List<Site> stations,
            ProfileSettings settings) {
        WKTReader reader = new WKTReader();
        Map<String, Segment> byId = new TreeMap<>();
        Map<String, Geometry> lines = new TreeMap<>();
        for (Segment s : roads) {
            byId.put(s.id(), s);
            lines.put(s.id(), read(reader, s.wkt(), "ref.road_segments " + s.id()));
        }
        SegmentIndex index = new SegmentIndex(lines);
        Map<String, Match> lit = new TreeMap<>();
        for (Line l : litSegments) {
            if (byId.containsKey(l.id())) {
                lit.put(l.id(), new Match(l.id(), 0));
                continue;
            }
            if (l.wkt() == null) {
                continue;
            }
            Geometry g = read(reader, l.wkt(), "ref.lit_segments " + l.id());
            Optional<Match> near =
                    g instanceof LineString line
                            ? index.nearestToMidpoint(line, settings.litDistanceM())
                            : index.nearest(g.getCentroid(), settings.litDistanceM());
            near.ifPresent(m -> lit.put(l.id(), m));
        }
        Map<String, Match> stationOf = new TreeMap<>();
        for (var e : lines.entrySet()) {
            stations.stream()
                    .filter(s -> s.lon() != null && s.lat() != null)
                    .map(
                            s ->
                                    new Match(
                                            s.id(),
                                            index.pointOf(s.lon(), s.lat())
                                                    .distance(index.toPlane(e.getValue()))))
                    .min(SegmentIndex.NEAREST_FIRST)
                    .ifPresent(m -> stationOf.put(e.getKey(), m));
        }
        return new ProfileNetwork(
                Collections.unmodifiableMap(byId),
                Collections.unmodifiableMap(lit),
                Map.copyOf(lamps),
                attach(index, lots, settings.assetDistanceM()),
                attach(index, bins, settings.assetDistanceM()),
                Collections.unmodifiableMap(stationOf));
    }

    private static Map<String, Match> attach(SegmentIndex index, List<Site> sites, double maxM) {
        Map<String, Match> attached = new TreeMap<>();
        for (Site s : sites) {
            if (s.lon() != null && s.lat() != null) {
                index.nearest(s.lon(), s.lat(), maxM).ifPresent(m -> attached.put(s.id(), m));
            }
        }
        return Collections.unmodifiableMap(attached);
    }

    private static Geometry read(WKTReader reader, String wkt, String what) {
        if (wkt == null || wkt.isBlank()) {
            throw new IllegalArgumentException(
                    what + " has no geometry_wkt: reload the city's ref tables with geometries");
        }
        try {
            return reader.read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    what + ": geometry_wkt is not WKT (" + e.getMessage() + "): " + wkt, e);
        }
    }

    /** Every road segment, by id. */
    Map<String, Segment> segments() {
        return segments;
    }

    /** The road segment a lit segment ({@code ref.lit_segments} id) belongs to. */
    Optional<Match> roadOfLitSegment(String litSegmentId) {
        return Optional.ofNullable(litToRoad.get(litSegmentId));
    }

    /** The road segment a lamp ({@code ref.streetlights} id) belongs to, via its lit segment. */
    Optional<Match> roadOfLamp(String lampId) {
        String lit = lampToLit.get(lampId);
        return lit == null ? Optional.empty() : roadOfLitSegment(lit);
    }

    /** The road segment a garage ({@code ref.parking_lots} id) belongs to. */
    Optional<Match> roadOfLot(String lotId) {
        return Optional.ofNullable(lotToRoad.get(lotId));
    }

    /** The road segment a bin ({@code ref.waste_containers} id) belongs to. */
    Optional<Match> roadOfBin(String binId) {
        return Optional.ofNullable(binToRoad.get(binId));
    }

    /** The air station nearest to a road segment. */
    Optional<Match> stationOf(String segmentId) {
        return Optional.ofNullable(stationOfSegment.get(segmentId));
    }

    /** The road segments taking their air from {@code stationId}, each with its distance. */
    List<Match> segmentsOfStation(String stationId) {
        List<Match> out = new ArrayList<>();
        stationOfSegment.forEach(
                (segment, station) -> {
                    if (station.id().equals(stationId)) {
                        out.add(new Match(segment, station.distanceM()));
                    }
                });
        return out;
    }

    /** How many assets of each kind joined a segment, for the run's summary. */
    Map<String, Integer> attachedCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("lit segments", litToRoad.size());
        counts.put("garages", lotToRoad.size());
        counts.put("bins", binToRoad.size());
        counts.put("segments with an air station", stationOfSegment.size());
        return counts;
    }
}
