package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake waste nearest} on River Town, the hand-drawn network of the geo routing tests
 * (geo/src/test/resources/routing/river-town.osm, sketch there):
 *
 * <pre>
 *        a ────── b ────── c ────── d ────── e        50.003 N    site "north" at c
 *        │  ~~~~~~~~~~~~ river ~~~~~~~~~~~~  │
 *        f ────── g ────── h ─────▶ i ────── j        50.001 N    site "south" at j
 *                            P (10.0045, 50.0012), 22 m north of the south street
 * </pre>
 *
 * From P, c is nearer in a straight line (about 203 m against 251 m), but across the river: by
 * road, over the one-way h → i, j is 250 m away and c more than 700 m. Distances here come from
 * this test's own haversine.
 */
class WasteNearestIT {

    static final Path OSM =
            Path.of("..", "geo", "src", "test", "resources", "routing", "river-town.osm")
                    .toAbsolutePath()
                    .normalize();
    static final double R = 6_371_000; // the sphere of the haversine below

    @TempDir static Path dir;
    static CliLake lake;

    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2)
                        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * R * Math.asin(Math.sqrt(a));
    }

    @BeforeAll
    static void registerTownAndSites() throws Exception {
        lake = new CliLake(dir);
        Path ref = lake.lakeDir().resolve("feeds").resolve("rivertown").resolve("ref");
        Files.createDirectories(ref);
        Files.write(
                ref.resolve("cities.jsonl"),
                List.of(
                        "{\"city\":\"rivertown\",\"name\":\"River Town\",\"country\":\"DE\","
                                + "\"time_zone\":\"Europe/Berlin\",\"lon\":10.006,\"lat\":50.002}"));
        Files.write(
                ref.resolve("disposal_sites.jsonl"),
                List.of(
                        "{\"city\":\"rivertown\",\"id\":\"north\",\"name\":\"North yard\","
                                + "\"categories\":\"Mixed,Glass\",\"opening_hours\":\"Mo-Sa"
                                + " 08:00-18:00\",\"lon\":10.004,\"lat\":50.003}",
                        "{\"city\":\"rivertown\",\"id\":\"south\",\"name\":\"South yard\","
                                + "\"categories\":\"Mixed\",\"lon\":10.008,\"lat\":50.001}"));
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
    }

    static JsonNode nearest(String... extra) throws Exception {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "waste",
                                "nearest",
                                "--city",
                                "rivertown",
                                "--osm",
                                OSM.toString(),
                                "--min-network-size",
                                "0",
                                "--format",
                                "json"));
        args.addAll(List.of(extra));
        CliLake.Output out = lake.run(args.toArray(String[]::new));
        assertThat(out.exit()).as(out.err()).isZero();
        return new ObjectMapper().readTree(out.out().trim());
    }

    @Test
    void theNearestByRoadIsNotTheNearestInAStraightLine() throws Exception {
        assertThat(haversine(10.0045, 50.0012, 10.004, 50.003))
                .isLessThan(haversine(10.0045, 50.0012, 10.008, 50.001));

        JsonNode a = nearest("--lon", "10.0045", "--lat", "50.0012");

        assertThat(a.get("site_id").asText()).isEqualTo("south");
        assertThat(a.get("by").asText()).isEqualTo("road");
        // snapped straight south onto the street, then east along it to j
        assertThat(a.get("snap_distance_m").asDouble())
                .isCloseTo(haversine(10.0045, 50.0012, 10.0045, 50.001), within(0.5));
        assertThat(a.get("route_length_m").asDouble())
                .isCloseTo(haversine(10.0045, 50.001, 10.008, 50.001), within(1.0));
        assertThat(a.get("distance_m").asDouble())
                .isCloseTo(haversine(10.0045, 50.0012, 10.008, 50.001), within(1.0));
    }

    @Test
    void aCategoryOnlyOneSiteAcceptsChoosesThatSite() throws Exception {
        JsonNode a = nearest("--lon", "10.0045", "--lat", "50.0012", "--category", "glass");
        assertThat(a.get("site_id").asText()).isEqualTo("north");
        // over the one-way to j, the east bridge, and west along the north street to c
        double expected =
                haversine(10.0045, 50.001, 10.008, 50.001)
                        + haversine(10.008, 50.001, 10.008, 50.003)
                        + haversine(10.008, 50.003, 10.004, 50.003);
        assertThat(a.get("route_length_m").asDouble()).isCloseTo(expected, within(1.5));
    }

    @Test
    void aPositionFarFromTheRoadsIsAnsweredInAStraightLineWithItsDistance() throws Exception {
        // 3.3 km north of the town, beyond a 1 km snap limit
        JsonNode a = nearest("--lon", "10.004", "--lat", "50.033", "--max-snap", "1000");
        assertThat(a.get("by").asText()).isEqualTo("straight_line");
        assertThat(a.get("on_network").asBoolean()).isFalse();
        assertThat(a.get("site_id").asText()).isEqualTo("north");
        assertThat(a.get("snap_distance_m").asDouble())
                .isCloseTo(haversine(10.004, 50.033, 10.004, 50.003), within(5.0));
        assertThat(a.get("note").asText()).contains("beyond --max-snap");
    }

    @Test
    void aCategoryNoSiteAcceptsSaysWhichThereAre() {
        CliLake.Output out =
                lake.run(
                        "waste",
                        "nearest",
                        "--city",
                        "rivertown",
                        "--osm",
                        OSM.toString(),
                        "--lon",
                        "10.0045",
                        "--lat",
                        "50.0012",
                        "--category",
                        "Batteries");
        assertThat(out.exit()).isNotZero();
        assertThat(out.err()).contains("no disposal site", "Batteries", "Mixed,Glass");
    }

    @Test
    void textAnswerNamesSiteRouteAndSnap() {
        CliLake.Output out =
                lake.run(
                        "waste",
                        "nearest",
                        "--city",
                        "rivertown",
                        "--osm",
                        OSM.toString(),
                        "--min-network-size",
                        "0",
                        "--lon",
                        "10.0045",
                        "--lat",
                        "50.0012");
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(out.out())
                .contains(
                        "Nearest disposal site by road: South yard (south)",
                        "route length",
                        "snapped");
    }
}
