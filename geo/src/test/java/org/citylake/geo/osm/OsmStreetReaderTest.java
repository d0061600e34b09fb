package org.citylake.geo.osm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.citylake.geo.osm.OsmStreetReader.OsmStreets;
import org.citylake.model.MetricCrs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The street ways of the real Monaco extract, checked against a plain StAX pass written here (way
 * counts per highway class, node lists) and a haversine sum of the node-to-node distances
 * (lengths).
 */
class OsmStreetReaderTest {

    static final Path MONACO =
            Path.of("..", "test-data", "osm-monaco", "monaco.osm.gz").toAbsolutePath().normalize();

    /** Monaco's UTM zone, from its registered centroid (7.4246 E, 43.7384 N). */
    static final String CRS = MetricCrs.utm(7.4246, 43.7384);

    static OsmStreets read;
    static StaxWays oracle;

    @BeforeAll
    static void readBoth() throws Exception {
        read = OsmStreetReader.read(MONACO, CRS);
        oracle = StaxWays.read(MONACO);
    }

    @Test
    void waysPerHighwayClassAreThoseAPlainXmlPassCounts() {
        Map<String, Integer> byClass = new TreeMap<>();
        read.streets().forEach(s -> byClass.merge(s.highway(), 1, Integer::sum));
        assertThat(byClass).isEqualTo(oracle.streetsByClass());
        assertThat(read.areas()).isEqualTo(oracle.areas);
        assertThat(read.incompleteWays()).isEqualTo(oracle.incomplete);
        // The extract's provenance note: 178 residential, 90 primary, 80 secondary highway
        // elements (ways and nodes); ways are most of them.
        assertThat(byClass.get("residential")).isBetween(150, 178);
        assertThat(byClass.get("primary")).isBetween(70, 90);
        assertThat(read.streets()).hasSizeGreaterThan(800);
    }

    @Test
    void lengthsAgreeWithAHaversineSumOfTheNodes() {
        double total = 0;
        double totalHaversine = 0;
        for (OsmStreet street : read.streets()) {
            List<double[]> nodes = oracle.positions.get(street.osmId());
            assertThat(street.size()).as("way %d", street.osmId()).isEqualTo(nodes.size());
            double haversine = 0;
            for (int i = 1; i < nodes.size(); i++) {
                haversine += haversine(nodes.get(i - 1), nodes.get(i));
            }
            // UTM (k ≈ 0.9998 this far from 9° E) against a sphere: a few parts per thousand.
            assertThat(street.lengthM())
                    .as("way %d", street.osmId())
                    .isCloseTo(haversine, within(0.005 * haversine + 0.01));
            total += street.lengthM();
            totalHaversine += haversine;
        }
        assertThat(total).isCloseTo(totalHaversine, within(0.003 * totalHaversine));
        assertThat(total / 1000).isBetween(50.0, 400.0);
    }

    @Test
    void readsTagsAsWritten(@TempDir Path dir) throws Exception {
        // Three ways on a 0.001° grid near the equator (lon 30 E, UTM zone 36S):
        //
        //   1 ──── 2 ──── 3        way 10: 1-2-3, residential, lit=yes, lanes 2, width "7.5 m"
        //          │               way 11: 2-4, footway, width "narrow", lanes "2;3"
        //          4 ──── (99)     way 12: 4-99, service; node 99 is not in the extract
        Path osm = dir.resolve("tiny.osm");
        Files.writeString(
                osm,
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6">
                  <node id="1" lat="-0.001" lon="30.000"/>
                  <node id="2" lat="-0.001" lon="30.001"/>
                  <node id="3" lat="-0.001" lon="30.002"/>
                  <node id="4" lat="-0.002" lon="30.001"/>
                  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
                    <tag k="highway" v="residential"/><tag k="name" v="Rua A"/>
                    <tag k="lit" v="yes"/><tag k="lanes" v="2"/><tag k="width" v="7.5 m"/></way>
                  <way id="11"><nd ref="2"/><nd ref="4"/>
                    <tag k="highway" v="footway"/><tag k="width" v="narrow"/>
                    <tag k="lanes" v="2;3"/></way>
                  <way id="12"><nd ref="4"/><nd ref="99"/><tag k="highway" v="service"/></way>
                  <way id="13"><nd ref="1"/><nd ref="4"/><tag k="building" v="yes"/></way>
                </osm>
                """);
        OsmStreets tiny = OsmStreetReader.read(osm, MetricCrs.utm(30.001, -0.001));
        assertThat(tiny.streets()).extracting(OsmStreet::osmId).containsExactly(10L, 11L);
        assertThat(tiny.incompleteWays()).isEqualTo(1);
        assertThat(tiny.missingNodes()).isEqualTo(1);
        OsmStreet a = tiny.streets().get(0);
        assertThat(a.name()).isEqualTo("Rua A");
        assertThat(a.highway()).isEqualTo("residential");
        assertThat(a.lit()).isEqualTo("yes");
        assertThat(a.lanes()).hasValue(2);
        assertThat(a.widthM()).hasValue(7.5);
        // 0.002° of longitude on the equator: 2 × 111.32 km / 1000 = 222.6 m (UTM k ≈ 0.9998
        // at 3° from the central meridian 33° E adds ~0.1 %).
        assertThat(a.lengthM()).isCloseTo(222.6, within(0.6));
        OsmStreet b = tiny.streets().get(1);
        assertThat(b.lit()).isNull();
        assertThat(b.lanes()).isEmpty();
        assertThat(b.widthM()).isEmpty();
        assertThat(b.wkt()).isEqualTo("LINESTRING (30.001 -0.001, 30.001 -0.002)");
    }

    @Test
    void aMissingFileSaysWhatItExpected(@TempDir Path dir) {
        assertThatThrownBy(() -> OsmStreetReader.read(dir.resolve("nope.osm.pbf"), CRS))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.osm.pbf")
                .hasMessageContaining(".osm.pbf");
    }

    private static double haversine(double[] a, double[] b) {
        double r = 6_371_008.8; // mean Earth radius, m
        double dLat = Math.toRadians(b[1] - a[1]);
        double dLon = Math.toRadians(b[0] - a[0]);
        double h =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(a[1]))
                                * Math.cos(Math.toRadians(b[1]))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }

    /** The oracle: one StAX pass over the XML, no GraphHopper. */
    static final class StaxWays {
        final Map<Long, String> highway = new HashMap<>();
        final Map<Long, List<double[]>> positions = new HashMap<>();
        int areas;
        int incomplete;

        Map<String, Integer> streetsByClass() {
            Map<String, Integer> counts = new TreeMap<>();
            highway.forEach(
                    (id, cls) -> {
                        if (positions.containsKey(id)) {
                            counts.merge(cls, 1, Integer::sum);
                        }
                    });
            return counts;
        }

        static StaxWays read(Path file) throws Exception {
            Map<Long, double[]> nodes = new HashMap<>();
            Map<Long, List<Long>> refs = new HashMap<>();
            StaxWays w = new StaxWays();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                XMLStreamReader x = XMLInputFactory.newInstance().createXMLStreamReader(in);
                long way = -1;
                List<Long> nds = null;
                String hw = null;
                boolean area = false;
                while (x.hasNext()) {
                    int ev = x.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        switch (x.getLocalName()) {
                            case "node" ->
                                    nodes.put(
                                            Long.parseLong(x.getAttributeValue(null, "id")),
                                            new double[] {
                                                Double.parseDouble(
                                                        x.getAttributeValue(null, "lon")),
                                                Double.parseDouble(x.getAttributeValue(null, "lat"))
                                            });
                            case "way" -> {
                                way = Long.parseLong(x.getAttributeValue(null, "id"));
                                nds = new ArrayList<>();
                                hw = null;
                                area = false;
                            }
                            case "nd" -> {
                                if (nds != null) {
                                    nds.add(Long.parseLong(x.getAttributeValue(null, "ref")));
                                }
                            }
                            case "tag" -> {
                                if (nds != null) {
                                    String k = x.getAttributeValue(null, "k");
                                    String v = x.getAttributeValue(null, "v");
                                    if (k.equals("highway")) {
                                        hw = v;
                                    } else if (k.equals("area") && v.equals("yes")) {
                                        area = true;
                                    }
                                }
                            }
                            default -> {}
                        }
                    } else if (ev == XMLStreamConstants.END_ELEMENT
                            && x.getLocalName().equals("way")) {
                        if (hw != null) {
                            if (area) {
                                w.areas++;
                            } else {
                                w.highway.put(way, hw);
                                refs.put(way, nds);
                            }
                        }
                        nds = null;
                    }
                }
            }
            refs.forEach(
                    (id, list) -> {
                        List<double[]> pos = new ArrayList<>();
                        for (long ref : list) {
                            if (nodes.containsKey(ref)) {
                                pos.add(nodes.get(ref));
                            }
                        }
                        if (pos.size() >= 2) {
                            w.positions.put(id, pos);
                        } else {
                            w.incomplete++;
                        }
                    });
            return w;
        }
    }
}
