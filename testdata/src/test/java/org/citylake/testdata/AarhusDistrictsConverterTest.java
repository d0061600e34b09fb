package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.citylake.geo.Wkt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.wololo.jts2geojson.GeoJSONReader;

/** Known answers from {@code test-data/aarhus-districts} (24 lokalsamfund, EPSG:25832). */
class AarhusDistrictsConverterTest {

    private static final String FOLDER = "aarhus-districts";

    @TempDir static Path out;

    private static JsonNode source;
    private static List<JsonNode> rows;

    @BeforeAll
    static void convert() throws IOException {
        try (InputStream in =
                new GZIPInputStream(
                        Files.newInputStream(
                                TestData.file(FOLDER, "local_community.geojson.gz")))) {
            source = TestData.JSON.readTree(in);
        }
        new AarhusDistrictsConverter().convert(TestData.root().resolve(FOLDER), out);
        rows = TestData.jsonLines(out.resolve("aarhus/ref/districts.jsonl"));
    }

    /** district_id → the source feature's EPSG:25832 geometry, read directly with jts2geojson. */
    private static Map<String, Geometry> sourceGeometries() {
        Map<String, Geometry> byId = new LinkedHashMap<>();
        for (JsonNode f : source.get("features")) {
            byId.put(
                    f.get("properties").get("lokalsamfund").asText(),
                    new GeoJSONReader().read(f.get("geometry").toString()));
        }
        return byId;
    }

    private static Geometry geometry(JsonNode row) {
        return Wkt.read(row.get("geometry_wkt").asText(), row.get("district_id").asText());
    }

    @Test
    void oneRowPerFeatureWithIdAndName() {
        assertThat(source.get("crs").get("properties").get("name").asText())
                .isEqualTo("EPSG:25832");
        assertThat(rows).hasSize(24).hasSize(source.get("features").size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode props = source.get("features").get(i).get("properties");
            assertThat(rows.get(i).get("city").asText()).isEqualTo("aarhus");
            assertThat(rows.get(i).get("district_id").asText())
                    .isEqualTo(props.get("lokalsamfund").asText());
            assertThat(rows.get(i).get("name").asText()).isEqualTo(props.get("distrikt").asText());
        }
        assertThat(rows)
                .filteredOn(r -> r.get("district_id").asText().equals("01"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("name").asText()).isEqualTo("Midtbyen"));
    }

    @Test
    void geometryIsWgs84LonLat() {
        for (JsonNode row : rows) {
            Geometry g = geometry(row);
            assertThat(g.getGeometryType()).isIn("Polygon", "MultiPolygon");
            for (Coordinate c : g.getCoordinates()) {
                // Aarhus Municipality: about 9.95..10.40 E, 55.99..56.33 N. Swapped axes or
                // untransformed metres would fall far outside.
                assertThat(c.x).as(row.get("district_id") + " lon").isBetween(9.9, 10.5);
                assertThat(c.y).as(row.get("district_id") + " lat").isBetween(55.9, 56.4);
            }
        }
    }

    @Test
    void aarhusCathedralIsInMidtbyenOnly() {
        // Aarhus Domkirke, 56.1567 N 10.2107 E, is in the old town centre.
        Geometry cathedral = new GeometryFactory().createPoint(new Coordinate(10.2107, 56.1567));
        assertThat(rows)
                .filteredOn(r -> geometry(r).contains(cathedral))
                .extracting(r -> r.get("name").asText())
                .containsExactly("Midtbyen");
    }

    @Test
    void areaMatchesTheSourcePolygonsAndTheMunicipality() {
        Map<String, Geometry> raw = sourceGeometries();
        double total = 0;
        for (JsonNode row : rows) {
            double km2 = row.get("area_km2").asDouble();
            // The source CRS is itself UTM 32N (on ETRS89): its planar area is the reference.
            double expected = raw.get(row.get("district_id").asText()).getArea() / 1e6;
            assertThat(km2).as(row.get("district_id").asText()).isCloseTo(expected, within(1e-4));
            total += km2;
        }
        // Aarhus Municipality covers about 468 km² (land and lakes).
        assertThat(total).isCloseTo(468.0, withinPercentage(2));
    }
}
