package org.citylake.geo.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.citylake.geo.Wkt;
import org.junit.jupiter.api.Test;

/** Known answers of every ST_ function, called as Flink would call them. */
class SpatialFunctionsTest {

    /*
     *  4 +-------+
     *    |       |     * (5 5)
     *    |  *    |
     *    | (1 1) |
     *  0 +-------+
     *    0       4
     */
    private static final String SQUARE = "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))";

    /** Meridian arc from the equator to 1° N on the WGS84 ellipsoid, m (geodesy tables). */
    private static final double ONE_DEGREE_OF_LATITUDE_AT_EQUATOR = 110_574.389;

    @Test
    void constructorsAndText() {
        assertThat(new SpatialFunctions.GeomFromWkt("ST_GeomFromWKT").eval("POINT(1 2)"))
                .isEqualTo("POINT (1 2)");
        assertThat(new SpatialFunctions.GeomFromWkt("ST_GeomFromText").eval("linestring(0 0,1 1)"))
                .isEqualTo("LINESTRING (0 0, 1 1)");
        assertThat(new SpatialFunctions.Point().eval(10.2, 56.15)).isEqualTo("POINT (10.2 56.15)");
        assertThat(new SpatialFunctions.AsText().eval(SQUARE)).isEqualTo(SQUARE);
    }

    @Test
    void predicates() {
        SpatialFunctions.Contains contains = new SpatialFunctions.Contains();
        SpatialFunctions.Within inside = new SpatialFunctions.Within();
        SpatialFunctions.Intersects intersects = new SpatialFunctions.Intersects();
        assertThat(contains.eval(SQUARE, "POINT (1 1)")).isTrue();
        assertThat(contains.eval(SQUARE, "POINT (5 5)")).isFalse();
        // On the boundary: not contained (not in the interior), but intersecting.
        assertThat(contains.eval(SQUARE, "POINT (4 2)")).isFalse();
        assertThat(intersects.eval(SQUARE, "POINT (4 2)")).isTrue();
        assertThat(intersects.eval(SQUARE, "LINESTRING (5 0, 5 4)")).isFalse();
        assertThat(intersects.eval(SQUARE, "LINESTRING (3 3, 6 6)")).isTrue();
        assertThat(inside.eval("POINT (1 1)", SQUARE)).isTrue();
        assertThat(inside.eval(SQUARE, "POINT (1 1)")).isFalse();
    }

    @Test
    void planarMeasures() {
        assertThat(new SpatialFunctions.Distance().eval("POINT (0 0)", "POINT (3 4)"))
                .isEqualTo(5.0);
        assertThat(new SpatialFunctions.Distance().eval(SQUARE, "POINT (7 8)")).isEqualTo(5.0);
        assertThat(new SpatialFunctions.Length().eval("LINESTRING (0 0, 3 4, 3 10)"))
                .isEqualTo(11.0);
        assertThat(new SpatialFunctions.Area().eval(SQUARE)).isEqualTo(16.0);
        assertThat(
                        new SpatialFunctions.Area()
                                .eval(
                                        "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2,"
                                                + " 1 1))"))
                .isEqualTo(15.0);
    }

    @Test
    void centroidBufferAndCoordinates() {
        assertThat(new SpatialFunctions.Centroid().eval(SQUARE)).isEqualTo("POINT (2 2)");
        // A unit buffer around a point is a regular 32-gon (8 segments per quadrant):
        // area = 32/2 * sin(2π/32).
        String circle = new SpatialFunctions.Buffer().eval("POINT (0 0)", 1.0);
        assertThat(Wkt.read(circle, "buffer").getNumPoints()).isEqualTo(33);
        assertThat(new SpatialFunctions.Area().eval(circle))
                .isCloseTo(16 * Math.sin(2 * Math.PI / 32), within(1e-12));
        assertThat(new SpatialFunctions.X().eval("POINT (10.2 56.15)")).isEqualTo(10.2);
        assertThat(new SpatialFunctions.Y().eval("POINT (10.2 56.15)")).isEqualTo(56.15);
        assertThat(new SpatialFunctions.X().eval("LINESTRING (0 0, 1 1)")).isNull();
    }

    @Test
    void metricMeasuresOnWgs84() {
        SpatialFunctions.DistanceMeters distance = new SpatialFunctions.DistanceMeters();
        assertThat(distance.eval("POINT (0 0)", "POINT (0 1)"))
                .isCloseTo(ONE_DEGREE_OF_LATITUDE_AT_EQUATOR, within(0.01));
        // The nearest point of the line is (0 0); it is found in UTM (zone 31, 3° from its central
        // meridian, where meridians are not quite perpendicular to the equator), which moves it by
        // centimetres: the distance is right to 0.1 m.
        assertThat(distance.eval("LINESTRING (-1 0, 1 0)", "POINT (0 1)"))
                .isCloseTo(ONE_DEGREE_OF_LATITUDE_AT_EQUATOR, within(0.1));
        assertThat(distance.eval("LINESTRING (-1 0, 1 0)", "LINESTRING (0 -1, 0 1)")).isZero();
        assertThat(new SpatialFunctions.LengthMeters().eval("LINESTRING (0 0, 0 1, 0 0)"))
                .isCloseTo(2 * ONE_DEGREE_OF_LATITUDE_AT_EQUATOR, within(0.02));
    }

    @Test
    void transformPutsLongitudeFirst() {
        SpatialFunctions.Transform transform = new SpatialFunctions.Transform();
        // UTM 32N: the central meridian is 9° E at easting 500000; the equator is northing 0.
        String origin = transform.eval("POINT (500000 0)", "EPSG:32632", "EPSG:4326");
        assertThat(new SpatialFunctions.X().eval(origin)).isCloseTo(9.0, within(1e-9));
        assertThat(new SpatialFunctions.Y().eval(origin)).isCloseTo(0.0, within(1e-9));
        String aarhus = transform.eval("POINT (500000 6220000)", "EPSG:25832", "EPSG:4326");
        assertThat(new SpatialFunctions.X().eval(aarhus)).isCloseTo(9.0, within(1e-9));
        assertThat(new SpatialFunctions.Y().eval(aarhus)).isBetween(56.0, 56.2);
        // A 1 km x 1 km square drawn in UTM is 1 km² when measured back from lon/lat.
        String square =
                transform.eval(
                        "POLYGON ((570000 6220000, 571000 6220000, 571000 6221000, 570000 6221000,"
                                + " 570000 6220000))",
                        "EPSG:32632",
                        "EPSG:4326");
        assertThat(new SpatialFunctions.AreaSquareMeters().eval(square))
                .isCloseTo(1_000_000.0, within(1.0));
    }

    @Test
    void nullInNullOut() {
        assertThat(new SpatialFunctions.GeomFromWkt("ST_GeomFromWKT").eval(null)).isNull();
        assertThat(new SpatialFunctions.Point().eval(null, 1.0)).isNull();
        assertThat(new SpatialFunctions.Contains().eval(SQUARE, null)).isNull();
        assertThat(new SpatialFunctions.DistanceMeters().eval(null, "POINT (0 0)")).isNull();
        assertThat(new SpatialFunctions.Buffer().eval(SQUARE, null)).isNull();
        assertThat(new SpatialFunctions.Transform().eval(SQUARE, "EPSG:4326", null)).isNull();
    }

    @Test
    void errorsNameTheFunctionAndArgument() {
        assertThatThrownBy(() -> new SpatialFunctions.Contains().eval(SQUARE, "POINT (1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ST_Contains: argument 2 'POINT (1' is not WKT");
        assertThatThrownBy(
                        () ->
                                new SpatialFunctions.Transform()
                                        .eval("POINT (0 0)", "EPSG:4326", "EPSG:999999"))
                .hasMessageContaining("unknown coordinate reference system EPSG:999999");
        assertThatThrownBy(
                        () ->
                                new SpatialFunctions.LengthMeters()
                                        .eval("LINESTRING (500000 6220000, 500100 6220000)"))
                .hasMessageContaining("is not a WGS84 lon/lat position");
    }

    @Test
    void everyFunctionIsListedOnce() {
        assertThat(SpatialFunctions.all().keySet())
                .containsExactly(
                        "ST_GeomFromWKT",
                        "ST_GeomFromText",
                        "ST_Point",
                        "ST_AsText",
                        "ST_Contains",
                        "ST_Within",
                        "ST_Intersects",
                        "ST_Distance",
                        "ST_Length",
                        "ST_Area",
                        "ST_DistanceMeters",
                        "ST_LengthMeters",
                        "ST_AreaSquareMeters",
                        "ST_Centroid",
                        "ST_Buffer",
                        "ST_X",
                        "ST_Y",
                        "ST_Transform");
    }
}
