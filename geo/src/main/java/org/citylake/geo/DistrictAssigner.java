package org.citylake.geo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Assigns every road segment of a city to exactly one district.
 *
 * <p><b>Rule.</b> A segment belongs to the district holding the largest share of its length.
 * Lengths are measured in a metric CRS (by default the UTM zone of the districts' extent, see
 * {@link UtmZone}) after reprojecting both from WGS84; candidate districts come from a JTS {@link
 * STRtree} over the district envelopes. The share recorded is {@code length inside the district /
 * whole length} (0..1); the rest of the segment may lie in other districts or outside all of them.
 * Equal shares go to the smaller district id, so the result does not depend on input order.
 *
 * <ul>
 *   <li>assignment method {@value #LENGTH_OVERLAP}: some of the segment's length lies in a
 *       district;
 *   <li>assignment method {@value #OUTSIDE}: none does; district id and name are then {@value
 *       #OUTSIDE} and the share 0. A segment that meets districts only in points (e.g. ends on a
 *       boundary) is outside; length running along a boundary counts for the district(s) it bounds.
 * </ul>
 *
 * A zero-length segment (both ends the same point) is treated as its point: it belongs, with share
 * 1, to the district whose polygon covers the point (the smaller id on a shared boundary), else it
 * is outside. Invalid district polygons (self-intersections) are repaired with JTS {@link
 * GeometryFixer} before use.
 */
public final class DistrictAssigner {

    /** District id and assignment method of a segment that lies in no district. */
    public static final String OUTSIDE = "outside";

    /** Assignment method of a segment assigned by the length of its overlap with a district. */
    public static final String LENGTH_OVERLAP = "length-overlap";

    private record Indexed(District district, Geometry metric, PreparedGeometry prepared) {}

    private final Reprojection toMetric;
    private final STRtree index = new STRtree();

    /**
     * @param districts WGS84 districts with unique ids
     * @param toMetric WGS84 → the metric CRS lengths are measured in
     */
    public DistrictAssigner(Collection<District> districts, Reprojection toMetric) {
        this.toMetric = toMetric;
        Set<String> ids = new HashSet<>();
        for (District d : districts) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException(
                        "district id " + d.id() + " appears twice; district ids must be unique");
            }
            Geometry metric = toMetric.apply(d.geometry());
            if (!metric.isValid()) {
                metric = GeometryFixer.fix(metric);
            }
            index.insert(
                    metric.getEnvelopeInternal(),
                    new Indexed(d, metric, PreparedGeometryFactory.prepare(metric)));
        }
        index.build();
    }

    /** Measures in the UTM zone of the districts' extent. */
    public static DistrictAssigner inUtm(Collection<District> districts) {
        if (districts.isEmpty()) {
            throw new IllegalArgumentException("no districts to assign segments to");
        }
        Envelope extent = new Envelope();
        districts.forEach(d -> extent.expandToInclude(d.geometry().getEnvelopeInternal()));
        return new DistrictAssigner(districts, UtmZone.projectionFor(extent));
    }

    /** The CRS lengths are measured in, e.g. {@code EPSG:32632}. */
    public String metricCrs() {
        return toMetric.target();
    }

    /** One row per segment, in the order given. */
    public List<SegmentDistrict> assignAll(Collection<RoadSegment> segments) {
        List<SegmentDistrict> rows = new ArrayList<>(segments.size());
        for (RoadSegment s : segments) {
            rows.add(assign(s));
        }
        return rows;
    }

    public SegmentDistrict assign(RoadSegment segment) {
        Geometry line = toMetric.apply(segment.geometry());
        double length = line.getLength();
        List<Indexed> candidates = candidates(line.getEnvelopeInternal());
        if (length == 0) {
            Geometry point = line.getFactory().createPoint(line.getCoordinate());
            for (Indexed c : candidates) {
                if (c.prepared().covers(point)) {
                    return inDistrict(segment, c.district(), 1.0);
                }
            }
            return outside(segment);
        }
        Indexed best = null;
        double bestInside = 0;
        for (Indexed c : candidates) {
            if (!c.prepared().intersects(line)) {
                continue;
            }
            double inside =
                    OverlayNGRobust.overlay(line, c.metric(), OverlayNG.INTERSECTION).getLength();
            if (inside > bestInside) {
                best = c;
                bestInside = inside;
            }
        }
        if (best == null) {
            return outside(segment);
        }
        return inDistrict(segment, best.district(), Math.min(1.0, bestInside / length));
    }

    /** Districts whose envelope meets the given one, by id (so ties go to the smaller id). */
    private List<Indexed> candidates(Envelope envelope) {
        List<Indexed> found = new ArrayList<>();
        for (Object item : index.query(envelope)) {
            found.add((Indexed) item);
        }
        found.sort(Comparator.comparing(c -> c.district().id()));
        return found;
    }

    private static SegmentDistrict inDistrict(RoadSegment s, District d, double share) {
        return new SegmentDistrict(s.id(), d.id(), d.name(), share, LENGTH_OVERLAP);
    }

    private static SegmentDistrict outside(RoadSegment s) {
        return new SegmentDistrict(s.id(), OUTSIDE, OUTSIDE, 0.0, OUTSIDE);
    }
}
