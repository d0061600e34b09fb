package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVRecord;
import org.citylake.geo.District;
import org.citylake.geo.DistrictAssigner;
import org.citylake.geo.Reprojection;
import org.citylake.geo.RoadSegment;
import org.citylake.geo.SegmentDistrict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.wololo.jts2geojson.GeoJSONReader;

/**
 * The 449 real Aarhus segments (straight lines POINT_1 → POINT_2 of trafficMetaData.csv, as the
 * converter writes them) assigned to the 24 converted Aarhus districts, checked against an
 * independent computation on the <em>raw</em> EPSG:25832 polygons of the GeoJSON file (brute force
 * over all districts, no index, no reprojection of the polygons) and against geography.
 */
class AarhusSegmentDistrictsTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @TempDir static Path out;

    private static List<CSVRecord> metadata;
    private static Map<String, SegmentDistrict> assigned;
    private static Map<String, Geometry> rawDistricts;
    private static Reprojection toEtrs89Utm;

    @BeforeAll
    static void assign() throws IOException {
        new AarhusDistrictsConverter().convert(TestData.root().resolve("aarhus-districts"), out);
        List<District> districts = new ArrayList<>();
        for (JsonNode row : TestData.jsonLines(out.resolve("aarhus/ref/districts.jsonl"))) {
            districts.add(
                    District.fromWkt(
                            row.get("district_id").asText(),
                            row.get("name").asText(),
                            row.get("geometry_wkt").asText()));
        }
        metadata = TestData.csv(TestData.file("citypulse-aarhus-traffic", "trafficMetaData.csv"));
        List<RoadSegment> segments = new ArrayList<>();
        for (CSVRecord m : metadata) {
            segments.add(new RoadSegment(m.get("REPORT_ID"), lonLatLine(m)));
        }
        assigned = new LinkedHashMap<>();
        DistrictAssigner.inUtm(districts)
                .assignAll(segments)
                .forEach(row -> assigned.put(row.segmentId(), row));

        rawDistricts = new TreeMap<>();
        try (InputStream in =
                new GZIPInputStream(
                        Files.newInputStream(
                                TestData.file("aarhus-districts", "local_community.geojson.gz")))) {
            for (JsonNode f : TestData.JSON.readTree(in).get("features")) {
                rawDistricts.put(
                        f.get("properties").get("lokalsamfund").asText(),
                        new GeoJSONReader().read(f.get("geometry").toString()));
            }
        }
        toEtrs89Utm = Reprojection.between("EPSG:4326", "EPSG:25832");
    }

    private static LineString lonLatLine(CSVRecord m) {
        return GEOMETRY.createLineString(
                new Coordinate[] {
                    new Coordinate(
                            Double.parseDouble(m.get("POINT_1_LNG")),
                            Double.parseDouble(m.get("POINT_1_LAT"))),
                    new Coordinate(
                            Double.parseDouble(m.get("POINT_2_LNG")),
                            Double.parseDouble(m.get("POINT_2_LAT")))
                });
    }

    /** The segment's end points projected to EPSG:25832, joined by a straight line there. */
    private static Geometry rawLine(CSVRecord m) {
        return toEtrs89Utm.apply(lonLatLine(m));
    }

    private static CSVRecord segment(String reportId) {
        return metadata.stream()
                .filter(m -> m.get("REPORT_ID").equals(reportId))
                .findFirst()
                .orElseThrow();
    }

    /** The lokalsamfund whose raw polygon contains the point, or "outside". */
    private static String rawDistrictOf(Coordinate p) {
        return rawDistricts.entrySet().stream()
                .filter(e -> e.getValue().contains(GEOMETRY.createPoint(p)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("outside");
    }

    private static Coordinate midpoint(Geometry line) {
        Coordinate[] c = line.getCoordinates();
        return new Coordinate((c[0].x + c[1].x) / 2, (c[0].y + c[1].y) / 2);
    }

    @Test
    void everySegmentGetsExactlyOneRow() {
        assertThat(metadata).hasSize(449);
        assertThat(assigned).hasSize(449);
        assertThat(assigned.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        metadata.stream().map(m -> m.get("REPORT_ID")).toList());
        assertThat(assigned.values())
                .allSatisfy(
                        row -> {
                            assertThat(row.assignmentMethod()).isIn("length-overlap", "outside");
                            assertThat(row.shareInDistrict()).isBetween(0.0, 1.0);
                            assertThat(row.isOutside())
                                    .isEqualTo(row.districtId().equals("outside"));
                        });
    }

    /**
     * Brute force in the source CRS: intersect each straight line with every raw polygon and take
     * the longest part. EPSG:25832 (ETRS89 / UTM 32N) and the assigner's EPSG:32632 (WGS84 / UTM
     * 32N) are the same projection on ellipsoids that differ by 0.1 mm; the polygons' round trip
     * through lon/lat moves their vertices by millimetres (GeoTools' Transverse Mercator). District
     * boundaries follow the ring roads, so a segment along such a road runs within millimetres of a
     * boundary and those millimetres can move up to a metre of its length across it: shares agree
     * to 0.002 (the largest difference seen is 0.0016, on AAR_BT_0141 along Nordre Ringgade), and
     * the district agrees for every segment.
     */
    @Test
    void agreesWithBruteForceOnTheRawPolygons() {
        int outside = 0;
        for (CSVRecord m : metadata) {
            Geometry line = rawLine(m);
            String best = "outside";
            double bestLength = 0;
            for (Map.Entry<String, Geometry> d : rawDistricts.entrySet()) {
                double inside = line.intersection(d.getValue()).getLength();
                if (inside > bestLength) {
                    best = d.getKey();
                    bestLength = inside;
                }
            }
            SegmentDistrict row = assigned.get(m.get("REPORT_ID"));
            assertThat(row.districtId()).as(m.get("REPORT_ID")).isEqualTo(best);
            assertThat(row.shareInDistrict())
                    .as(m.get("REPORT_ID"))
                    .isCloseTo(bestLength / line.getLength(), within(0.002));
            if (best.equals("outside")) {
                outside++;
            }
        }
        assertThat(assigned.values().stream().filter(SegmentDistrict::isOutside).count())
                .isEqualTo(outside);
    }

    /**
     * Segments whose place is known from their street names, with the midpoint of the raw line
     * tested against the raw polygons as a second, method-independent check.
     */
    @Test
    void knownSegmentsLandInTheirDistricts() {
        // AAR_BT_0266, Nørreport -> Spanien: two streets of the old town centre, north and south
        // of the cathedral quarter; the whole segment is in Midtbyen.
        assertKnown("190100", "01", "Midtbyen");
        assertThat(assigned.get("190100").shareInDistrict()).isEqualTo(1.0);
        // AAR_BT_0231, Skanderborgvej -> Viby Ringvej: the ring road of Viby, south-west of the
        // centre.
        assertKnown("187509", "12", "Viby");
        // AAR_BT_0020, Søftenvej: the road through Tilst, north-west of the city.
        assertKnown("158895", "25", "Tilst");
        // AAR_BT_0110, Kystvejen -> Spanien: the harbour-front road of the centre.
        assertKnown("178929", "01", "Midtbyen");
    }

    private static void assertKnown(String reportId, String districtId, String name) {
        SegmentDistrict row = assigned.get(reportId);
        assertThat(row.districtId()).as(reportId).isEqualTo(districtId);
        assertThat(row.districtName()).as(reportId).isEqualTo(name);
        assertThat(rawDistrictOf(midpoint(rawLine(segment(reportId)))))
                .as(reportId + " midpoint")
                .isEqualTo(districtId);
    }

    /**
     * AAR_BT_0001 runs along Århusvej between two points north-west of Aarhus Municipality (about
     * 10.105..10.117 E, 56.226..56.232 N, at Hinnerup in Favrskov Municipality): neither end point
     * nor any part of the line is in a lokalsamfund, so it is "outside".
     */
    @Test
    void segmentBeyondTheMunicipalityIsOutside() {
        CSVRecord m = segment("158324");
        assertThat(m.get("REPORT_NAME")).isEqualTo("AAR_BT_0001 4320 4322");
        Geometry raw = rawLine(m);
        for (Coordinate end : raw.getCoordinates()) {
            assertThat(rawDistrictOf(end)).isEqualTo("outside");
        }
        assertThat(assigned.get("158324"))
                .isEqualTo(new SegmentDistrict("158324", "outside", "outside", 0.0, "outside"));
    }

    /**
     * AAR_BT_0166 along Viborgvej crosses the western edge of Midtbyen: the longer part of it is in
     * Midtbyen, the rest in the neighbouring district; both parts measured on the raw polygons.
     */
    @Test
    void crossingSegmentGoesToTheDistrictWithTheLongerPart() {
        Geometry line = rawLine(segment("182820"));
        Map<String, Double> parts = new TreeMap<>();
        rawDistricts.forEach(
                (id, polygon) -> {
                    double length = line.intersection(polygon).getLength();
                    if (length > 0) {
                        parts.put(id, length);
                    }
                });
        assertThat(parts).hasSize(2).containsKey("01");
        double inMidtbyen = parts.get("01");
        assertThat(inMidtbyen).isGreaterThan(line.getLength() / 2);
        SegmentDistrict row = assigned.get("182820");
        assertThat(row.districtId()).isEqualTo("01");
        assertThat(row.shareInDistrict())
                .isCloseTo(inMidtbyen / line.getLength(), within(1e-5))
                .isLessThan(0.6);
    }
}
