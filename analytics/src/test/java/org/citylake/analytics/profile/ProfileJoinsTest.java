package org.citylake.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citylake.analytics.profile.SegmentIndex.Match;
import org.junit.jupiter.api.Test;

/**
 * The joins of the street profile on a hand-drawn town at 56° N (positions in metres east and north
 * of 10° E 56° N; expected distances by the haversine formula in the test, not by the code's
 * projection):
 *
 * <pre>
 *  y (m)
 *  210 |   · lit way/7 (10..290) ·
 *  200 |  s3 ===================================================  (0..600)
 *  140 |        B (lot)
 *  100 |  W (station)   · way/8 midpoint (100 m from s1 and s3) ·
 *   40 |        A (lot)
 *   30 |                          bin1 (300, 30): 30 m from s1 and s2
 *    0 |  s1 =================== s2 =========================     E (station, 1000, 0)
 * -150 |        C (lot, too far)
 *      +--0-------150----------300-------------------600--------1000--> x (m)
 *   W is at (-100, 100)
 * </pre>
 */
class ProfileJoinsTest {

    static final double LON0 = 10.0;
    static final double LAT0 = 56.0;
    static final double EARTH_M = 6_371_008.8;

    /** Longitude of x metres east (on a sphere; the code uses the ellipsoid). */
    static double lon(double x) {
        return LON0 + Math.toDegrees(x / (EARTH_M * Math.cos(Math.toRadians(LAT0))));
    }

    static double lat(double y) {
        return LAT0 + Math.toDegrees(y / EARTH_M);
    }

    static String line(double... xy) {
        StringBuilder wkt = new StringBuilder("LINESTRING (");
        for (int i = 0; i < xy.length; i += 2) {
            wkt.append(i == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.9f %.9f", lon(xy[i]), lat(xy[i + 1])));
        }
        return wkt.append(")").toString();
    }

    static ProfileNetwork.Site site(String id, double x, double y) {
        return new ProfileNetwork.Site(id, lon(x), lat(y));
    }

    /** Great-circle distance, m, between two lon/lat positions (the test's own oracle). */
    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_M * Math.asin(Math.sqrt(h));
    }

    static double metres(double x1, double y1, double x2, double y2) {
        return haversine(lon(x1), lat(y1), lon(x2), lat(y2));
    }

    static final List<ProfileNetwork.Segment> ROADS =
            List.of(
                    new ProfileNetwork.Segment(
                            "s1", "First St", "MAJOR", 300.0, line(0, 0, 300, 0)),
                    new ProfileNetwork.Segment(
                            "s2", "First St", "MAJOR", 300.0, line(300, 0, 600, 0)),
                    new ProfileNetwork.Segment(
                            "s3", "Second St", "MINOR", 600.0, line(0, 200, 600, 200)));

    static ProfileNetwork town() {
        return ProfileNetwork.of(
                ROADS,
                List.of(
                        // same id as a road segment: that segment, wherever its geometry lies
                        new ProfileNetwork.Line("s2", line(5000, 5000, 5100, 5000)),
                        new ProfileNetwork.Line("way/7", line(10, 210, 290, 210)),
                        new ProfileNetwork.Line("way/8", line(0, 100, 300, 100)),
                        new ProfileNetwork.Line("way/9", null)),
                Map.of("lamp1", "way/7", "lamp2", "way/8", "lamp3", "way/404", "lamp4", "s2"),
                List.of(site("A", 150, 40), site("B", 150, 140), site("C", 150, -150)),
                List.of(
                        site("bin1", 300, 30),
                        new ProfileNetwork.Site("bin2", null, null),
                        site("bin3", 590, 195)),
                List.of(site("E", 1000, 0), site("W", -100, 100)),
                new ProfileSettings(100, 25, 1.0));
    }

    @Test
    void garagesJoinTheNearestSegmentWithinTheAssetDistance() {
        ProfileNetwork town = town();
        assertThat(town.roadOfLot("A").map(Match::id)).contains("s1");
        assertThat(town.roadOfLot("A").orElseThrow().distanceM())
                .isCloseTo(metres(150, 40, 150, 0), withinPercentage(0.5));
        // 140 m from s1, 60 m from s3
        assertThat(town.roadOfLot("B").map(Match::id)).contains("s3");
        assertThat(town.roadOfLot("B").orElseThrow().distanceM())
                .isCloseTo(metres(150, 140, 150, 200), withinPercentage(0.5));
        // 150 m from the nearest segment: beyond 100 m
        assertThat(town.roadOfLot("C")).isEmpty();
        assertThat(town.roadOfLot("unknown")).isEmpty();
    }

    @Test
    void binsJoinTheNearestSegmentTiesToTheSmallerId() {
        ProfileNetwork town = town();
        // 30 m from the end of s1 and from the start of s2
        assertThat(town.roadOfBin("bin1").map(Match::id)).contains("s1");
        assertThat(town.roadOfBin("bin1").orElseThrow().distanceM())
                .isCloseTo(metres(300, 30, 300, 0), withinPercentage(0.5));
        assertThat(town.roadOfBin("bin2")).as("a bin without a position").isEmpty();
        assertThat(town.roadOfBin("bin3").map(Match::id)).contains("s3");
    }

    @Test
    void aWiderAssetDistanceAttachesTheFarGarage() {
        ProfileNetwork wide =
                ProfileNetwork.of(
                        ROADS,
                        List.of(),
                        Map.of(),
                        List.of(site("C", 150, -150)),
                        List.of(),
                        List.of(),
                        new ProfileSettings(200, 25, 1.0));
        assertThat(wide.roadOfLot("C").map(Match::id)).contains("s1");
    }

    @Test
    void litSegmentsJoinByIdElseByTheirMidpointWithinTheLitDistance() {
        ProfileNetwork town = town();
        assertThat(town.roadOfLitSegment("s2")).contains(new Match("s2", 0));
        // midpoint (150, 210): 10 m from s3
        assertThat(town.roadOfLitSegment("way/7").map(Match::id)).contains("s3");
        assertThat(town.roadOfLitSegment("way/7").orElseThrow().distanceM())
                .isCloseTo(metres(150, 210, 150, 200), withinPercentage(0.5));
        // midpoint (150, 100): 100 m from s1 and s3, beyond 25 m
        assertThat(town.roadOfLitSegment("way/8")).isEmpty();
        assertThat(town.roadOfLitSegment("way/9")).as("no geometry").isEmpty();
        // lamps follow their lit segment
        assertThat(town.roadOfLamp("lamp1").map(Match::id)).contains("s3");
        assertThat(town.roadOfLamp("lamp4").map(Match::id)).contains("s2");
        assertThat(town.roadOfLamp("lamp2")).isEmpty();
        assertThat(town.roadOfLamp("lamp3")).isEmpty();
    }

    @Test
    void everySegmentTakesTheNearestStationAtAnyDistance() {
        ProfileNetwork town = town();
        // s1: W is 141 m from (0, 0), E 700 m from (300, 0)
        assertThat(town.stationOf("s1").map(Match::id)).contains("W");
        assertThat(town.stationOf("s1").orElseThrow().distanceM())
                .isCloseTo(metres(-100, 100, 0, 0), withinPercentage(0.5));
        // s2: E is 400 m from (600, 0), W 412 m from (300, 0)
        assertThat(town.stationOf("s2").map(Match::id)).contains("E");
        assertThat(town.stationOf("s2").orElseThrow().distanceM())
                .isCloseTo(metres(1000, 0, 600, 0), withinPercentage(0.5));
        // s3: W is 141 m from (0, 200), E 447 m from (600, 200)
        assertThat(town.stationOf("s3").map(Match::id)).contains("W");
        assertThat(town.segmentsOfStation("W").stream().map(Match::id))
                .containsExactlyInAnyOrder("s1", "s3");
        assertThat(town.segmentsOfStation("E").stream().map(Match::id)).containsExactly("s2");
    }

    @Test
    void noStationsNoAir() {
        ProfileNetwork none =
                ProfileNetwork.of(
                        ROADS,
                        List.of(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new ProfileSettings(100, 25, 1.0));
        assertThat(none.stationOf("s1")).isEmpty();
    }

    @Test
    void aSegmentWithoutGeometryIsAnErrorThatSaysWhatToDo() {
        assertThatThrownBy(
                        () ->
                                ProfileNetwork.of(
                                        List.of(
                                                new ProfileNetwork.Segment(
                                                        "s9", null, null, null, null)),
                                        List.of(),
                                        Map.of(),
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        new ProfileSettings(100, 25, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ref.road_segments s9 has no geometry_wkt")
                .hasMessageContaining("reload");
    }
}
