package org.citylake.geo.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ST_ functions in Flink SQL (batch, MiniCluster) over small VALUES tables shaped like {@code
 * ref.districts} and {@code ref.road_segments}.
 *
 * <pre>
 *   lat 56.16 +---------------+---------------+
 *             |   W (West)    |   E (East)    |
 *   lat 56.15 |  a ====    b =|===========    |      c ====
 *   lat 56.14 +---------------+---------------+
 *          lon 10.18        10.20           10.22   10.24  10.25
 * </pre>
 */
class SpatialSqlTest {

    private static TableEnvironment tables;

    @BeforeAll
    static void environment() {
        tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        SpatialFunctions.registerAll(tables);
        tables.executeSql(
                "CREATE TEMPORARY VIEW districts (district_id, name, geometry_wkt) AS VALUES"
                        + " ('W', 'West', 'POLYGON ((10.18 56.14, 10.20 56.14, 10.20 56.16,"
                        + " 10.18 56.16, 10.18 56.14))'),"
                        + " ('E', 'East', 'POLYGON ((10.20 56.14, 10.22 56.14, 10.22 56.16,"
                        + " 10.20 56.16, 10.20 56.14))')");
        tables.executeSql(
                "CREATE TEMPORARY VIEW road_segments (segment_id, geometry_wkt) AS VALUES"
                        + " ('a', 'LINESTRING (10.182 56.15, 10.188 56.15)'),"
                        + " ('b', 'LINESTRING (10.19 56.15, 10.22 56.15)'),"
                        + " ('c', 'LINESTRING (10.24 56.15, 10.25 56.15)')");
    }

    private static List<Row> query(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tables.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void segmentsInADistrictByJoin() throws Exception {
        List<Row> rows =
                query(
                        "SELECT s.segment_id FROM road_segments s JOIN districts d"
                                + " ON ST_Intersects(ST_GeomFromWKT(d.geometry_wkt),"
                                + " ST_GeomFromWKT(s.geometry_wkt)) WHERE d.name = 'East'");
        assertThat(rows).extracting(r -> r.getField(0)).containsExactlyInAnyOrder("b");
        rows =
                query(
                        "SELECT d.district_id, s.segment_id FROM road_segments s JOIN districts d"
                                + " ON ST_Intersects(d.geometry_wkt, s.geometry_wkt)");
        assertThat(rows)
                .extracting(r -> r.getField(0) + "/" + r.getField(1))
                .containsExactlyInAnyOrder("W/a", "W/b", "E/b");
    }

    @Test
    void measuresAndConstructorsInSql() throws Exception {
        // Literals are DECIMAL in SQL; the functions take DOUBLE by implicit cast.
        Row row =
                query(
                                "SELECT ST_X(ST_Point(10.2, 56.15)),"
                                        + " ST_Within(ST_Point(10.19, 56.15), geometry_wkt),"
                                        + " ST_AsText(ST_Centroid(geometry_wkt)),"
                                        + " ST_DistanceMeters('POINT (0 0)', 'POINT (0 1)'),"
                                        + " ST_Area(ST_Buffer('POINT (0 0)', 1.0)) > 3.1"
                                        + " FROM districts WHERE district_id = 'W'")
                        .get(0);
        assertThat(row.getField(0)).isEqualTo(10.2);
        assertThat(row.getField(1)).isEqualTo(true);
        assertThat(row.getField(2)).isEqualTo("POINT (10.19 56.15)");
        assertThat((Double) row.getField(3)).isCloseTo(110_574.389, within(0.01));
        assertThat(row.getField(4)).isEqualTo(true);
    }

    @Test
    void lengthInMetresPerSegment() throws Exception {
        List<Row> rows =
                query(
                        "SELECT segment_id, ST_LengthMeters(geometry_wkt), ST_Length(geometry_wkt)"
                                + " FROM road_segments ORDER BY segment_id");
        assertThat(rows).extracting(r -> r.getField(0)).containsExactly("a", "b", "c");
        // 0.006° of longitude at 56.15° N: 0.006 * 111.32 km * cos(56.15°) ≈ 372 m.
        assertThat((Double) rows.get(0).getField(1))
                .isCloseTo(0.006 * 111_320 * Math.cos(Math.toRadians(56.15)), within(1.0));
        assertThat((Double) rows.get(0).getField(2)).isCloseTo(0.006, within(1e-12));
    }
}
