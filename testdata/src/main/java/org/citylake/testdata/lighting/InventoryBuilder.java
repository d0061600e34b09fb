package org.citylake.testdata.lighting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.citylake.geo.District;
import org.citylake.geo.Reprojection;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.model.City;
import org.citylake.model.MetricCrs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Places street lamps along the lit ways of a city's OSM network and groups them into circuits and
 * control cabinets. Works for any city: everything city-specific is the registry's (metric CRS) or
 * the extract's.
 *
 * <pre>
 *   OSM street ways ──▶ lit? (lit tag, else road class: RoadClassLighting)
 *                   ──▶ lamps every spacing m along the way, in the city's metric CRS:
 *                       n = max(1, round(length / spacing)), at (i + ½) · length / n
 *                   ──▶ technology per way (seeded, LED share), rated power by technology
 *   all lamps       ──▶ sorted along a Hilbert curve over the city's extent
 *                   ──▶ cut into cabinets of ≤ 4 × 30 lamps, each into ≤ 4 circuits of ≤ 30,
 *                       as even as the counts allow; a cabinet stands at its lamps' mean position
 * </pre>
 *
 * The same streets, CRS and settings give the same inventory.
 */
public final class InventoryBuilder {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final int PER_CABINET =
            InventorySettings.MAX_LAMPS_PER_CIRCUIT * InventorySettings.MAX_CIRCUITS_PER_CABINET;

    private InventoryBuilder() {}

    private record Placed(
            long way,
            String id,
            String segmentId,
            Technology tech,
            double lon,
            double lat,
            double x,
            double y,
            String roadClass) {}

    /**
     * @param city the registered city (its id and metric CRS)
     * @param streets the city's street ways ({@code OsmStreetReader})
     * @param districts the city's districts (may be empty)
     */
    public static LampInventory build(
            City city,
            List<OsmStreet> streets,
            InventorySettings settings,
            List<District> districts) {
        String crs = city.crs() != null ? city.crs() : MetricCrs.utm(city.lon(), city.lat());
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, crs);
        Reprojection toWgs84 = toMetric.inverse();
        List<LitSegment> segments = new ArrayList<>();
        List<Placed> placed = new ArrayList<>();
        for (OsmStreet street : streets) {
            RoadClassLighting lighting = RoadClassLighting.of(street.highway());
            if (!lighting.lit(street.lit())) {
                continue;
            }
            Coordinate[] wgs = new Coordinate[street.size()];
            for (int i = 0; i < wgs.length; i++) {
                wgs[i] = new Coordinate(street.lons()[i], street.lats()[i]);
            }
            LineString metric = (LineString) toMetric.apply(GEOMETRY.createLineString(wgs));
            double length = metric.getLength();
            if (!(length > 0)) {
                continue;
            }
            int n = (int) Math.max(1, Math.round(length / lighting.spacingM()));
            LengthIndexedLine along = new LengthIndexedLine(metric);
            Coordinate[] at = new Coordinate[n];
            for (int i = 0; i < n; i++) {
                at[i] = along.extractPoint((i + 0.5) * length / n);
            }
            Coordinate[] lonLat =
                    toWgs84.apply(GEOMETRY.createMultiPointFromCoords(at)).getCoordinates();
            String segmentId = LitSegment.idOf(street.osmId());
            Technology tech =
                    Seeded.unit(settings.seed(), street.osmId(), 1, 0) < settings.ledShare()
                            ? Technology.LED
                            : Technology.HPS;
            for (int i = 0; i < n; i++) {
                placed.add(
                        new Placed(
                                street.osmId(),
                                lampId(city.id(), street.osmId(), i + 1),
                                segmentId,
                                tech,
                                round7(lonLat[i].x),
                                round7(lonLat[i].y),
                                at[i].x,
                                at[i].y,
                                street.highway()));
            }
            Coordinate middle = along.extractPoint(length / 2);
            String district =
                    districtOf(
                            districts, toWgs84.apply(GEOMETRY.createPoint(middle)).getCoordinate());
            segments.add(
                    new LitSegment(
                            segmentId,
                            street.name(),
                            street.highway(),
                            street.lit() == null ? "assumed" : "yes",
                            street.lanes().isPresent() ? street.lanes().getAsInt() : null,
                            street.widthM().isPresent() ? street.widthM().getAsDouble() : null,
                            length,
                            street.wkt(),
                            district));
        }
        return group(city.id(), segments, placed, districts);
    }

    /**
     * The districts of {@code <feedsDir>/<city>/ref/districts.jsonl} (district_id, name,
     * geometry_wkt), or none when the city has no such file.
     */
    public static List<District> districts(java.nio.file.Path feedsDir, String city)
            throws java.io.IOException {
        java.nio.file.Path file =
                org.citylake.testdata.FeedConverter.refPath(feedsDir, city, "ref.districts");
        List<District> districts = new ArrayList<>();
        if (!java.nio.file.Files.isRegularFile(file)) {
            return districts;
        }
        com.fasterxml.jackson.databind.ObjectMapper json =
                new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            var row = json.readTree(line);
            if (row.hasNonNull("district_id") && row.hasNonNull("geometry_wkt")) {
                districts.add(
                        District.fromWkt(
                                row.get("district_id").asText(),
                                row.hasNonNull("name") ? row.get("name").asText() : null,
                                row.get("geometry_wkt").asText()));
            }
        }
        return districts;
    }

    /**
     * A lamp placed by the caller, to be grouped by {@link #group}.
     *
     * @param id the lamp's entity id
     * @param segmentId the lit segment it lights
     * @param roadClass that segment's class (decides dimming)
     */
    public record LampSite(
            String id,
            String segmentId,
            Technology technology,
            double lon,
            double lat,
            String roadClass) {}

    /**
     * Groups lamps placed elsewhere (a benchmark's synthetic city) into circuits and cabinets
     * exactly as {@link #build} groups the lamps it places.
     */
    public static LampInventory group(
            String city,
            String metricCrs,
            List<LitSegment> segments,
            List<LampSite> sites,
            List<District> districts) {
        Coordinate[] lonLat = new Coordinate[sites.size()];
        for (int i = 0; i < lonLat.length; i++) {
            lonLat[i] = new Coordinate(sites.get(i).lon(), sites.get(i).lat());
        }
        Coordinate[] xy =
                lonLat.length == 0
                        ? lonLat
                        : Reprojection.between(Reprojection.WGS84, metricCrs)
                                .apply(GEOMETRY.createMultiPointFromCoords(lonLat))
                                .getCoordinates();
        List<Placed> placed = new ArrayList<>(sites.size());
        for (int i = 0; i < lonLat.length; i++) {
            LampSite site = sites.get(i);
            placed.add(
                    new Placed(
                            0,
                            site.id(),
                            site.segmentId(),
                            site.technology(),
                            site.lon(),
                            site.lat(),
                            xy[i].x,
                            xy[i].y,
                            site.roadClass()));
        }
        return group(city, segments, placed, districts);
    }

    /** {@code urn:ngsi-ld:Streetlight:<city>:<way>-<n>} */
    public static String lampId(String city, long osmWayId, int n) {
        return "urn:ngsi-ld:Streetlight:" + city + ":" + osmWayId + "-" + n;
    }

    /** {@code urn:ngsi-ld:StreetlightControlCabinet:<city>:cab-NNNN} */
    public static String cabinetId(String city, int n) {
        return "urn:ngsi-ld:StreetlightControlCabinet:" + city + ":" + cabinetName(n);
    }

    private static String cabinetName(int n) {
        return String.format(Locale.ROOT, "cab-%04d", n);
    }

    private static LampInventory group(
            String city, List<LitSegment> segments, List<Placed> placed, List<District> districts) {
        int count = placed.size();
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Placed p : placed) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        double side = Math.max(1e-9, Math.max(maxX - minX, maxY - minY));
        long[] key = new long[count];
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            Placed p = placed.get(i);
            int gx = cell((p.x() - minX) / side);
            int gy = cell((p.y() - minY) / side);
            key[i] = HilbertCurve.index(gx, gy);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> key[i]).thenComparing(i -> i));
        String[] cabinetOf = new String[count];
        String[] circuitOf = new String[count];
        List<Cabinet> cabinets = new ArrayList<>();
        int cabinetCount = (count + PER_CABINET - 1) / PER_CABINET;
        for (int c = 0; c < cabinetCount; c++) {
            int from = (int) ((long) c * count / cabinetCount);
            int to = (int) ((long) (c + 1) * count / cabinetCount);
            int lamps = to - from;
            int circuits =
                    (lamps + InventorySettings.MAX_LAMPS_PER_CIRCUIT - 1)
                            / InventorySettings.MAX_LAMPS_PER_CIRCUIT;
            String id = cabinetId(city, c + 1);
            String name = cabinetName(c + 1);
            double lon = 0, lat = 0;
            for (int k = 0; k < lamps; k++) {
                int i = order[from + k];
                cabinetOf[i] = id;
                circuitOf[i] = name + "/" + (1 + (int) ((long) k * circuits / lamps));
                lon += placed.get(i).lon();
                lat += placed.get(i).lat();
            }
            lon = round7(lon / lamps);
            lat = round7(lat / lamps);
            cabinets.add(
                    new Cabinet(
                            id,
                            "cabinet " + name.substring(4),
                            lon,
                            lat,
                            districtOf(districts, new Coordinate(lon, lat)),
                            circuits,
                            lamps));
        }
        List<Lamp> lamps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Placed p = placed.get(i);
            lamps.add(
                    new Lamp(
                            p.id(),
                            p.segmentId(),
                            cabinetOf[i],
                            circuitOf[i],
                            p.tech(),
                            p.tech().systemPowerW(),
                            p.lon(),
                            p.lat(),
                            p.roadClass()));
        }
        return new LampInventory(city, segments, lamps, cabinets);
    }

    private static int cell(double fraction) {
        return (int) Math.min(HilbertCurve.SIDE - 1, Math.max(0, fraction * HilbertCurve.SIDE));
    }

    private static String districtOf(List<District> districts, Coordinate lonLat) {
        if (districts.isEmpty()) {
            return null;
        }
        Point point = GEOMETRY.createPoint(lonLat);
        for (District d : districts) {
            Geometry g = d.geometry();
            if (g.covers(point)) {
                return d.id();
            }
        }
        return null;
    }

    private static double round7(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
