package org.citylake.geo.osm;

import com.graphhopper.reader.ReaderElement;
import com.graphhopper.reader.ReaderNode;
import com.graphhopper.reader.ReaderWay;
import com.graphhopper.reader.osm.OSMInputFile;
import com.graphhopper.reader.osm.SkipOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.citylake.geo.Reprojection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Reads the street ways of an OSM extract ({@code .osm}, {@code .osm.gz} or {@code .osm.pbf}, told
 * apart by their first bytes) with GraphHopper's OSM reader, in two passes:
 *
 * <pre>
 *   pass 1 (ways only)   ways with a highway tag, not area=yes ──▶ tags + node ids
 *   pass 2 (nodes only)  the nodes those ways use             ──▶ lon/lat
 *                        each way: its positions, its length in the city's metric CRS
 * </pre>
 *
 * A node the extract does not hold (a way cut at the extract's border) is left out of its way; a
 * way left with fewer than two positions is counted in {@link OsmStreets#incompleteWays()} and not
 * returned. Ways come in file order. In OSM XML the {@code <osm>} element must follow the XML
 * declaration directly (GraphHopper's reader refuses a comment before it; put one inside). Nothing
 * here knows a city: the metric CRS is the caller's (the city's, from the registry).
 */
public final class OsmStreetReader {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private OsmStreetReader() {}

    /** The street ways of an extract and what could not be read of them. */
    public record OsmStreets(
            List<OsmStreet> streets, int areas, int incompleteWays, int missingNodes) {}

    private record PendingWay(ReaderWay way, long[] nodes) {}

    /**
     * @param file an OSM extract
     * @param metricCrs the EPSG code lengths are measured in (the city's {@code City#crs()})
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException when it cannot be read or is not OSM data
     */
    public static OsmStreets read(Path file, String metricCrs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(), null, "no OSM extract (.osm, .osm.gz or .osm.pbf) here");
        }
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, metricCrs);
        List<PendingWay> ways = new ArrayList<>();
        Map<Long, Integer> nodeIndex = new HashMap<>();
        int areas = 0;
        try (OSMInputFile in = open(file, new SkipOptions(true, false, true))) {
            for (ReaderElement e = in.getNext(); e != null; e = in.getNext()) {
                if (e.getType() != ReaderElement.Type.WAY) {
                    continue;
                }
                ReaderWay way = (ReaderWay) e;
                if (way.getTag("highway") == null) {
                    continue;
                }
                if ("yes".equals(way.getTag("area"))) {
                    areas++;
                    continue;
                }
                long[] nodes = way.getNodes().toArray();
                for (long id : nodes) {
                    nodeIndex.putIfAbsent(id, nodeIndex.size());
                }
                way.getNodes().release();
                ways.add(new PendingWay(way, nodes));
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(file + " is not a readable OSM extract: " + e.getMessage(), e);
        }
        double[] lon = new double[nodeIndex.size()];
        double[] lat = new double[nodeIndex.size()];
        boolean[] seen = new boolean[nodeIndex.size()];
        try (OSMInputFile in = open(file, new SkipOptions(false, true, true))) {
            for (ReaderElement e = in.getNext(); e != null; e = in.getNext()) {
                if (e.getType() != ReaderElement.Type.NODE) {
                    continue;
                }
                Integer i = nodeIndex.get(e.getId());
                if (i != null) {
                    ReaderNode node = (ReaderNode) e;
                    lon[i] = node.getLon();
                    lat[i] = node.getLat();
                    seen[i] = true;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException(file + " is not a readable OSM extract: " + e.getMessage(), e);
        }
        List<OsmStreet> streets = new ArrayList<>(ways.size());
        int incomplete = 0;
        int missing = 0;
        for (PendingWay pending : ways) {
            double[] lons = new double[pending.nodes().length];
            double[] lats = new double[pending.nodes().length];
            int n = 0;
            for (long id : pending.nodes()) {
                int i = nodeIndex.get(id);
                if (!seen[i]) {
                    missing++;
                    continue;
                }
                lons[n] = lon[i];
                lats[n] = lat[i];
                n++;
            }
            if (n < 2) {
                incomplete++;
                continue;
            }
            streets.add(street(pending.way(), trim(lons, n), trim(lats, n), toMetric));
        }
        return new OsmStreets(List.copyOf(streets), areas, incomplete, missing);
    }

    private static OSMInputFile open(Path file, SkipOptions skip)
            throws IOException, XMLStreamException {
        return new OSMInputFile(file.toFile()).setWorkerThreads(1).setSkipOptions(skip).open();
    }

    private static OsmStreet street(
            ReaderWay way, double[] lons, double[] lats, Reprojection toMetric) {
        Coordinate[] coordinates = new Coordinate[lons.length];
        for (int i = 0; i < lons.length; i++) {
            coordinates[i] = new Coordinate(lons[i], lats[i]);
        }
        double length = toMetric.apply(GEOMETRY.createLineString(coordinates)).getLength();
        return new OsmStreet(
                way.getId(),
                way.getTag("name"),
                way.getTag("highway"),
                way.getTag("lit"),
                OsmTags.lanes(way.getTag("lanes")),
                OsmTags.widthMeters(way.getTag("width")),
                lons,
                lats,
                length);
    }

    private static double[] trim(double[] values, int n) {
        return n == values.length ? values : java.util.Arrays.copyOf(values, n);
    }
}
