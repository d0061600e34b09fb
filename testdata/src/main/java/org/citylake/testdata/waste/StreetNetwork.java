package org.citylake.testdata.waste;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.citylake.geo.Reprojection;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.model.MetricCrs;
import org.citylake.testdata.lighting.HilbertCurve;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * The drivable streets of an OSM extract a refuse truck can serve, measured in the extract's own
 * metric CRS (the UTM zone of its centre: the network need not lie in the city it serves).
 *
 * <pre>
 *   OSM ways ──▶ drivable (highway primary … residential, living_street, service, road, links)
 *            ──▶ one street per name (all its ways, by way id), one per unnamed way ('way &lt;id&gt;')
 *            ──▶ sorted along a Hilbert curve by the point halfway along each street
 * </pre>
 *
 * Streets close in that order are close in space, so a run of them is a compact area.
 */
public final class StreetNetwork {

    /** OSM highway values a refuse truck drives on. */
    public static final Set<String> DRIVABLE =
            Set.of(
                    "primary",
                    "primary_link",
                    "secondary",
                    "secondary_link",
                    "tertiary",
                    "tertiary_link",
                    "unclassified",
                    "residential",
                    "living_street",
                    "service",
                    "road");

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** One network street: its ways in the metric CRS, in way-id order. */
    public record Street(
            String name,
            boolean named,
            List<Long> wayIds,
            List<LineString> ways,
            double lengthM,
            Coordinate middle,
            long hilbert) {

        /** The way and the metric point {@code along} m from the start, {@code side} m aside. */
        public Located at(double along, double side) {
            double rest = Math.max(0, Math.min(along, lengthM));
            for (int i = 0; i < ways.size(); i++) {
                double length = ways.get(i).getLength();
                if (rest <= length || i == ways.size() - 1) {
                    Coordinate c =
                            new LengthIndexedLine(ways.get(i))
                                    .extractPoint(Math.min(rest, length), side);
                    return new Located(wayIds.get(i), c);
                }
                rest -= length;
            }
            throw new IllegalStateException("street " + name + " has no way");
        }
    }

    /** A metric point on a way. */
    public record Located(long wayId, Coordinate xy) {}

    private final String crs;
    private final Reprojection toWgs84;
    private final List<Street> streets;

    private StreetNetwork(String crs, List<Street> streets) {
        this.crs = crs;
        this.toWgs84 = Reprojection.between(crs, Reprojection.WGS84);
        this.streets = List.copyOf(streets);
    }

    /**
     * @throws IllegalArgumentException when the extract has no drivable street
     */
    public static StreetNetwork of(List<OsmStreet> ways, String source) {
        List<OsmStreet> drivable =
                ways.stream().filter(w -> DRIVABLE.contains(w.highway())).toList();
        if (drivable.isEmpty()) {
            throw new IllegalArgumentException(
                    source
                            + " has no drivable street (highway "
                            + new java.util.TreeSet<>(DRIVABLE)
                            + "); give the OSM extract of a town");
        }
        double minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE;
        double minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE;
        for (OsmStreet w : drivable) {
            for (int i = 0; i < w.size(); i++) {
                minLon = Math.min(minLon, w.lons()[i]);
                maxLon = Math.max(maxLon, w.lons()[i]);
                minLat = Math.min(minLat, w.lats()[i]);
                maxLat = Math.max(maxLat, w.lats()[i]);
            }
        }
        String crs = MetricCrs.utm((minLon + maxLon) / 2, (minLat + maxLat) / 2);
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, crs);
        Map<String, List<OsmStreet>> byName = new TreeMap<>();
        for (OsmStreet w : drivable) {
            boolean named = w.name() != null && !w.name().isBlank();
            String name = named ? w.name().strip() : "way " + w.osmId();
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(w);
        }
        List<Street> streets = new ArrayList<>();
        for (var entry : byName.entrySet()) {
            List<OsmStreet> parts = new ArrayList<>(entry.getValue());
            parts.sort(Comparator.comparingLong(OsmStreet::osmId));
            List<LineString> metric = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            double length = 0;
            for (OsmStreet w : parts) {
                Coordinate[] c = new Coordinate[w.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = new Coordinate(w.lons()[i], w.lats()[i]);
                }
                LineString line = (LineString) toMetric.apply(GEOMETRY.createLineString(c));
                if (line.getLength() > 0) {
                    metric.add(line);
                    ids.add(w.osmId());
                    length += line.getLength();
                }
            }
            if (metric.isEmpty()) {
                continue;
            }
            boolean named = parts.get(0).name() != null && !parts.get(0).name().isBlank();
            Street provisional = new Street(entry.getKey(), named, ids, metric, length, null, 0);
            Coordinate middle = provisional.at(length / 2, 0).xy();
            streets.add(new Street(entry.getKey(), named, ids, metric, length, middle, 0));
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Street s : streets) {
            minX = Math.min(minX, s.middle().x);
            minY = Math.min(minY, s.middle().y);
            maxX = Math.max(maxX, s.middle().x);
            maxY = Math.max(maxY, s.middle().y);
        }
        double side = Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        List<Street> ordered = new ArrayList<>();
        for (Street s : streets) {
            long key =
                    HilbertCurve.index(
                            cell((s.middle().x - minX) / side), cell((s.middle().y - minY) / side));
            ordered.add(
                    new Street(
                            s.name(),
                            s.named(),
                            s.wayIds(),
                            s.ways(),
                            s.lengthM(),
                            s.middle(),
                            key));
        }
        ordered.sort(Comparator.comparingLong(Street::hilbert).thenComparing(Street::name));
        return new StreetNetwork(crs, ordered);
    }

    private static int cell(double fraction) {
        return (int) Math.min(HilbertCurve.SIDE - 1, Math.max(0, fraction * HilbertCurve.SIDE));
    }

    /** The streets along the Hilbert curve. */
    public List<Street> streets() {
        return streets;
    }

    /** The metric CRS lengths are measured in. */
    public String crs() {
        return crs;
    }

    /** Metric points → lon/lat, rounded to 7 decimals (about 1 cm). */
    public Coordinate[] lonLat(Coordinate... xy) {
        if (xy.length == 0) {
            return xy;
        }
        Coordinate[] out = toWgs84.apply(GEOMETRY.createMultiPointFromCoords(xy)).getCoordinates();
        for (Coordinate c : out) {
            c.x = Math.round(c.x * 1e7) / 1e7;
            c.y = Math.round(c.y * 1e7) / 1e7;
        }
        return out;
    }
}
