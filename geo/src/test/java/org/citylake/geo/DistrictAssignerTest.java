package org.citylake.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistrictAssignerTest {

    /*
     * Hand-drawn network, coordinates in metres (UTM 32N, so the metric projection is the identity
     * and every length below is the sketch's):
     *
     *   y
     *   200 +-------------------+-------------------+
     *       |   s5 =============|=========          |
     *   150 |         A         |    s4 ============|=========
     *       |                   |         B         |
     *   100 |        s1 ========|==============     |s7 ======
     *       |                   |                   |
     *    50 |  s3 ========   .s6|                   |          s2 =====
     *       |                   |                   |
     *     0 +-------------------+-------------------+
     *       0                  200                 400   500   600  700
     *
     *   s1 (150,100)-(350,100):  50 m in A, 150 m in B      -> B, share 0.75
     *   s2 (600, 50)-(700, 50):  in no district             -> outside, share 0
     *   s3 ( 50, 50)-(150, 50): 100 m in A                   -> A, share 1
     *   s4 (300,150)-(500,150): 100 m in B, 100 m outside    -> B, share 0.5
     *   s5 (100,180)-(300,180): 100 m in A, 100 m in B (tie) -> A (smaller id), share 0.5
     *   s6 (180, 50)-(180, 50): zero length, a point in A    -> A, share 1
     *   s7 (400,100)-(500,100): touches B at one point only  -> outside
     */
    private static final String UTM32N = "EPSG:32632";

    private static final List<District> DISTRICTS =
            List.of(
                    District.fromWkt("A", "Alpha", "POLYGON ((0 0, 200 0, 200 200, 0 200, 0 0))"),
                    District.fromWkt(
                            "B", "Beta", "POLYGON ((200 0, 400 0, 400 200, 200 200, 200 0))"));

    private final DistrictAssigner assigner =
            new DistrictAssigner(DISTRICTS, Reprojection.between(UTM32N, UTM32N));

    private SegmentDistrict assign(String id, String wkt) {
        return assigner.assign(RoadSegment.fromWkt(id, wkt));
    }

    @Test
    void segmentCrossingTwoDistrictsGoesToTheOneHoldingTheLongerPart() {
        assertThat(assign("s1", "LINESTRING (150 100, 350 100)"))
                .isEqualTo(new SegmentDistrict("s1", "B", "Beta", 0.75, "length-overlap"));
    }

    @Test
    void segmentInNoDistrictIsOutside() {
        SegmentDistrict s2 = assign("s2", "LINESTRING (600 50, 700 50)");
        assertThat(s2).isEqualTo(new SegmentDistrict("s2", "outside", "outside", 0.0, "outside"));
        assertThat(s2.isOutside()).isTrue();
    }

    @Test
    void segmentWhollyInsideHasShareOne() {
        assertThat(assign("s3", "LINESTRING (50 50, 150 50)"))
                .isEqualTo(new SegmentDistrict("s3", "A", "Alpha", 1.0, "length-overlap"));
    }

    @Test
    void shareCountsTheWholeLengthIncludingThePartOutside() {
        assertThat(assign("s4", "LINESTRING (300 150, 500 150)"))
                .isEqualTo(new SegmentDistrict("s4", "B", "Beta", 0.5, "length-overlap"));
    }

    @Test
    void equalSharesGoToTheSmallerDistrictIdWhateverTheInputOrder() {
        DistrictAssigner reversed =
                new DistrictAssigner(
                        List.of(DISTRICTS.get(1), DISTRICTS.get(0)),
                        Reprojection.between(UTM32N, UTM32N));
        RoadSegment s5 = RoadSegment.fromWkt("s5", "LINESTRING (100 180, 300 180)");
        SegmentDistrict expected = new SegmentDistrict("s5", "A", "Alpha", 0.5, "length-overlap");
        assertThat(assigner.assign(s5)).isEqualTo(expected);
        assertThat(reversed.assign(s5)).isEqualTo(expected);
    }

    @Test
    void zeroLengthSegmentIsItsPoint() {
        assertThat(assign("s6", "LINESTRING (180 50, 180 50)"))
                .isEqualTo(new SegmentDistrict("s6", "A", "Alpha", 1.0, "length-overlap"));
        assertThat(assign("s6b", "LINESTRING (900 50, 900 50)").isOutside()).isTrue();
    }

    @Test
    void segmentThatOnlyTouchesABoundaryIsOutside() {
        assertThat(assign("s7", "LINESTRING (400 100, 500 100)").isOutside()).isTrue();
    }

    @Test
    void assignAllGivesOneRowPerSegmentInOrder() {
        List<SegmentDistrict> rows =
                assigner.assignAll(
                        List.of(
                                RoadSegment.fromWkt("s2", "LINESTRING (600 50, 700 50)"),
                                RoadSegment.fromWkt("s1", "LINESTRING (150 100, 350 100)")));
        assertThat(rows)
                .extracting(SegmentDistrict::segmentId, SegmentDistrict::districtId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s2", "outside"),
                        org.assertj.core.groups.Tuple.tuple("s1", "B"));
    }

    /*
     * The same picture in WGS84 near Aarhus: West x in [10.18, 10.20], East x in [10.20, 10.22],
     * both lat [56.14, 56.16]; the segment runs along lat 56.15 from 10.19 to 10.22, i.e. 1/3 of
     * its length west of 10.20 and 2/3 east. In UTM the line is not exactly straight or evenly
     * scaled, so the share is 2/3 only to about 1e-4.
     */
    @Test
    void wgs84InputIsMeasuredInTheCitysUtmZone() {
        DistrictAssigner lonLat =
                DistrictAssigner.inUtm(
                        List.of(
                                District.fromWkt(
                                        "W",
                                        "West",
                                        "POLYGON ((10.18 56.14, 10.20 56.14, 10.20 56.16,"
                                                + " 10.18 56.16, 10.18 56.14))"),
                                District.fromWkt(
                                        "E",
                                        "East",
                                        "POLYGON ((10.20 56.14, 10.22 56.14, 10.22 56.16,"
                                                + " 10.20 56.16, 10.20 56.14))")));
        assertThat(lonLat.metricCrs()).isEqualTo("EPSG:32632");
        SegmentDistrict row =
                lonLat.assign(RoadSegment.fromWkt("x", "LINESTRING (10.19 56.15, 10.22 56.15)"));
        assertThat(row.districtId()).isEqualTo("E");
        assertThat(row.shareInDistrict()).isCloseTo(2.0 / 3.0, within(1e-4));
    }

    @Test
    void rejectsDuplicateIdsAndNonPolygons() {
        assertThatThrownBy(
                        () ->
                                DistrictAssigner.inUtm(
                                        List.of(
                                                District.fromWkt(
                                                        "A",
                                                        "a",
                                                        "POLYGON ((10 56, 10.1 56, 10.1 56.1, 10"
                                                                + " 56))"),
                                                District.fromWkt(
                                                        "A",
                                                        "b",
                                                        "POLYGON ((10 56, 10.1 56, 10.1 56.1, 10"
                                                                + " 56))"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("district id A appears twice");
        assertThatThrownBy(() -> District.fromWkt("D", "d", "LINESTRING (0 0, 1 1)"))
                .hasMessageContaining("district D: geometry must be a Polygon or MultiPolygon");
        assertThatThrownBy(() -> RoadSegment.fromWkt("7", "LINESTRNG (0 0, 1 1)"))
                .hasMessageContaining("segment 7: 'LINESTRNG (0 0, 1 1)' is not valid WKT");
    }
}
