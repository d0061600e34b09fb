package org.citylake.ref;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ref load} computes {@code ref.segment_districts} from what it loaded, on a real embedded
 * lake.
 *
 * <pre>
 *   lat 56.16 +---------------+---------------+
 *             |   W (West)    |   E (East)    |
 *   lat 56.15 |  a ====    b =|===========    |      c ====
 *             |               |               |
 *   lat 56.14 +---------------+---------------+
 *          lon 10.18        10.20           10.22   10.24  10.25
 *
 *   a: 10.182..10.188 (all in W)           -> W, share 1
 *   b: 10.19..10.22 (1/3 in W, 2/3 in E)   -> E, share 2/3 (to 1e-4: UTM is not linear in lon)
 *   c: 10.24..10.25 (in neither)           -> outside
 *   d: no geometry                         -> outside
 * </pre>
 */
class SegmentDistrictsRefreshTest {

    private static final String WEST =
            "{\"district_id\":\"W\",\"name\":\"West\",\"geometry_wkt\":\"POLYGON ((10.18 56.14,"
                    + " 10.20 56.14, 10.20 56.16, 10.18 56.16, 10.18 56.14))\"}";
    private static final String EAST =
            "{\"district_id\":\"E\",\"name\":\"East\",\"geometry_wkt\":\"POLYGON ((10.20 56.14,"
                    + " 10.22 56.14, 10.22 56.16, 10.20 56.16, 10.20 56.14))\"}";
    private static final String SEGMENTS =
            """
            {"id":"a","geometry_wkt":"LINESTRING (10.182 56.15, 10.188 56.15)"}
            {"id":"b","geometry_wkt":"LINESTRING (10.19 56.15, 10.22 56.15)"}
            {"id":"c","geometry_wkt":"LINESTRING (10.24 56.15, 10.25 56.15)"}
            {"id":"d","name":"no geometry"}
            """;

    /** Measured in EPSG:32632, the UTM zone of its centroid. */
    private static final String TOYTOWN =
            "{\"city\":\"toytown\",\"name\":\"Toytown\",\"time_zone\":\"Europe/Copenhagen\","
                    + "\"lon\":10.2,\"lat\":56.15}\n";

    @TempDir Path dir;

    private Map<String, Record> segmentDistricts(Lake lake) throws Exception {
        Map<String, Record> rows = new TreeMap<>();
        try (CloseableIterable<Record> it =
                IcebergGenerics.read(lake.table("ref.segment_districts")).build()) {
            it.forEach(r -> rows.put((String) r.getField("segment_id"), r.copy()));
        }
        return rows;
    }

    @Test
    void refLoadAssignsEverySegmentAndReplacesOnReload() throws Exception {
        Path ref = Files.createDirectories(dir.resolve("feeds/toytown/ref"));
        Files.writeString(ref.resolve("road_segments.jsonl"), SEGMENTS);
        Files.writeString(ref.resolve("districts.jsonl"), WEST + "\n" + EAST + "\n");
        Files.writeString(ref.resolve("cities.jsonl"), TOYTOWN);
        try (Lake lake = Lake.open(LakeConfig.embedded(dir.resolve("lake")))) {
            lake.init();
            Map<String, Integer> loaded = RefLoader.loadAll(lake, dir.resolve("feeds"));
            assertThat(loaded)
                    .containsEntry("ref.cities (toytown)", 1)
                    .containsEntry("ref.road_segments (toytown)", 4)
                    .containsEntry("ref.districts (toytown)", 2)
                    .containsEntry("ref.segment_districts (toytown)", 4);

            Map<String, Record> rows = segmentDistricts(lake);
            assertThat(rows).containsOnlyKeys("a", "b", "c", "d");
            assertRow(rows.get("a"), "W", "West", 1.0, "length-overlap");
            assertRow(rows.get("b"), "E", "East", 2.0 / 3.0, "length-overlap");
            assertRow(rows.get("c"), "outside", "outside", 0.0, "outside");
            assertRow(rows.get("d"), "outside", "outside", 0.0, "outside");
            assertThat(rows.values()).allMatch(r -> "toytown".equals(r.getField("city")));

            // East is gone: b is now in West by its remaining third; no stale rows stay.
            Files.writeString(ref.resolve("districts.jsonl"), WEST + "\n");
            RefLoader.loadAll(lake, dir.resolve("feeds"));
            rows = segmentDistricts(lake);
            assertThat(rows).hasSize(4);
            assertRow(rows.get("b"), "W", "West", 1.0 / 3.0, "length-overlap");
        }
    }

    @Test
    void cityWithoutRoadSegmentsGetsNoRows() throws Exception {
        Path ref = Files.createDirectories(dir.resolve("feeds/parkville/ref"));
        Files.writeString(ref.resolve("districts.jsonl"), WEST + "\n");
        try (Lake lake = Lake.open(LakeConfig.embedded(dir.resolve("lake")))) {
            lake.init();
            Map<String, Integer> loaded = RefLoader.loadAll(lake, dir.resolve("feeds"));
            assertThat(loaded).containsOnlyKeys("ref.districts (parkville)");
            assertThat(segmentDistricts(lake)).isEmpty();
        }
    }

    @Test
    void anUnregisteredCitysAssetsLoadButItsSegmentsWaitForItsCrs() throws Exception {
        Path ref = Files.createDirectories(dir.resolve("feeds/toytown/ref"));
        Files.writeString(ref.resolve("road_segments.jsonl"), SEGMENTS);
        Files.writeString(ref.resolve("districts.jsonl"), WEST + "\n");
        try (Lake lake = Lake.open(LakeConfig.embedded(dir.resolve("lake")))) {
            lake.init();
            List<String> notes = new ArrayList<>();
            Map<String, Integer> loaded = RefLoader.loadAll(lake, dir.resolve("feeds"), notes::add);
            assertThat(loaded)
                    .containsOnlyKeys("ref.road_segments (toytown)", "ref.districts (toytown)");
            assertThat(segmentDistricts(lake)).isEmpty();
            assertThat(notes)
                    .singleElement(as(InstanceOfAssertFactories.STRING))
                    .contains("ref.segment_districts (toytown) not computed")
                    .contains("citylake city add toytown --name NAME --time-zone ZONE");

            // registered by data: the next load places the segments
            Files.writeString(ref.resolve("cities.jsonl"), TOYTOWN);
            assertThat(RefLoader.loadAll(lake, dir.resolve("feeds")))
                    .containsEntry("ref.segment_districts (toytown)", 4);
        }
    }

    private static void assertRow(
            Record row, String districtId, String name, double share, String assignmentMethod) {
        assertThat(row.getField("district_id")).isEqualTo(districtId);
        assertThat(row.getField("district_name")).isEqualTo(name);
        assertThat((Double) row.getField("share_in_district")).isCloseTo(share, within(1e-4));
        assertThat(row.getField("assignment_method")).isEqualTo(assignmentMethod);
    }
}
