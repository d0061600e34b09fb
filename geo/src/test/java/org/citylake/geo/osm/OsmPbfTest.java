package org.citylake.geo.osm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citylake.geo.osm.OsmStreetReader.OsmStreets;
import org.citylake.model.MetricCrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/**
 * An {@code .osm.pbf} extract reads as the same streets as the same network in OSM XML. The PBF
 * file is written here, block by block, after the OSM PBF format (a BlobHeader length, the
 * BlobHeader, an uncompressed Blob; an OSMHeader, then one OSMData PrimitiveBlock with plain nodes
 * and ways).
 *
 * <pre>
 *   1 ──── 2 ──── 3     way 10: residential "Rua A", lit=yes, width 7.5 m
 *          │
 *          4            way 11: footway, lanes 1
 * </pre>
 */
class OsmPbfTest {

    static final double[][] NODES = {
        {1, 30.000, -0.001}, {2, 30.001, -0.001}, {3, 30.002, -0.001}, {4, 30.001, -0.002}
    };

    @Test
    void aPbfExtractReadsAsItsXml(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("tiny.osm");
        Files.writeString(
                xml,
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6">
                  <node id="1" lat="-0.001" lon="30.000"/>
                  <node id="2" lat="-0.001" lon="30.001"/>
                  <node id="3" lat="-0.001" lon="30.002"/>
                  <node id="4" lat="-0.002" lon="30.001"/>
                  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
                    <tag k="highway" v="residential"/><tag k="name" v="Rua A"/>
                    <tag k="lit" v="yes"/><tag k="width" v="7.5 m"/></way>
                  <way id="11"><nd ref="2"/><nd ref="4"/>
                    <tag k="highway" v="footway"/><tag k="lanes" v="1"/></way>
                </osm>
                """);
        Path pbf = dir.resolve("tiny.osm.pbf");
        writePbf(pbf);
        String crs = MetricCrs.utm(30.001, -0.001);
        OsmStreets fromXml = OsmStreetReader.read(xml, crs);
        OsmStreets fromPbf = OsmStreetReader.read(pbf, crs);
        assertThat(fromPbf.streets()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            OsmStreet p = fromPbf.streets().get(i);
            OsmStreet x = fromXml.streets().get(i);
            assertThat(p)
                    .extracting(
                            OsmStreet::osmId,
                            OsmStreet::name,
                            OsmStreet::highway,
                            OsmStreet::lit,
                            OsmStreet::lanes,
                            OsmStreet::widthM)
                    .containsExactly(
                            x.osmId(), x.name(), x.highway(), x.lit(), x.lanes(), x.widthM());
            // PBF stores coordinates as whole 10^-7 degrees
            assertThat(p.lons())
                    .containsExactly(x.lons(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.lats())
                    .containsExactly(x.lats(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(p.lengthM())
                    .isCloseTo(x.lengthM(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(fromPbf.streets().get(0).widthM()).hasValue(7.5);
        assertThat(fromPbf.streets().get(1).lanes()).hasValue(1);
    }

    private static void writePbf(Path file) throws Exception {
        // string table: index 0 is the empty string by the format's rule
        List<String> strings =
                List.of(
                        "",
                        "highway",
                        "residential",
                        "name",
                        "Rua A",
                        "lit",
                        "yes",
                        "width",
                        "7.5 m",
                        "footway",
                        "lanes",
                        "1");
        Osmformat.StringTable.Builder table = Osmformat.StringTable.newBuilder();
        strings.forEach(s -> table.addS(ByteString.copyFromUtf8(s)));
        Osmformat.PrimitiveGroup.Builder nodes = Osmformat.PrimitiveGroup.newBuilder();
        for (double[] n : NODES) {
            // granularity 100 nanodegrees: a coordinate is degrees × 10^7
            nodes.addNodes(
                    Osmformat.Node.newBuilder()
                            .setId((long) n[0])
                            .setLon(Math.round(n[1] * 1e7))
                            .setLat(Math.round(n[2] * 1e7)));
        }
        Osmformat.PrimitiveGroup.Builder ways = Osmformat.PrimitiveGroup.newBuilder();
        ways.addWays(way(10, new long[] {1, 2, 3}, 1, 2, 3, 4, 5, 6, 7, 8));
        ways.addWays(way(11, new long[] {2, 4}, 1, 9, 10, 11));
        Osmformat.PrimitiveBlock block =
                Osmformat.PrimitiveBlock.newBuilder()
                        .setStringtable(table)
                        .addPrimitivegroup(nodes)
                        .addPrimitivegroup(ways)
                        .build();
        Osmformat.HeaderBlock header =
                Osmformat.HeaderBlock.newBuilder().addRequiredFeatures("OsmSchema-V0.6").build();
        try (OutputStream out = Files.newOutputStream(file)) {
            blob(out, "OSMHeader", header.toByteArray());
            blob(out, "OSMData", block.toByteArray());
        }
    }

    /** A way; {@code keyVals} alternate key and value string indices. */
    private static Osmformat.Way way(long id, long[] refs, int... keyVals) {
        Osmformat.Way.Builder way = Osmformat.Way.newBuilder().setId(id);
        for (int i = 0; i < keyVals.length; i += 2) {
            way.addKeys(keyVals[i]).addVals(keyVals[i + 1]);
        }
        long previous = 0;
        for (long ref : refs) {
            way.addRefs(ref - previous); // delta coded
            previous = ref;
        }
        return way.build();
    }

    private static void blob(OutputStream out, String type, byte[] data) throws Exception {
        byte[] blob =
                Fileformat.Blob.newBuilder()
                        .setRaw(ByteString.copyFrom(data))
                        .setRawSize(data.length)
                        .build()
                        .toByteArray();
        byte[] header =
                Fileformat.BlobHeader.newBuilder()
                        .setType(type)
                        .setDatasize(blob.length)
                        .build()
                        .toByteArray();
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(header.length);
        d.write(header);
        d.write(blob);
        d.flush();
    }
}
