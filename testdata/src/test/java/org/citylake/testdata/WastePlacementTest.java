package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.citylake.geo.Reprojection;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.testdata.waste.BinPlacement;
import org.citylake.testdata.waste.StreetNetwork;
import org.citylake.testdata.waste.WasteLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Edinburgh's 334 converted bins placed on Monaco's streets ({@code test-data/osm-monaco}). The
 * expectations come from the converted rows and the OSM ways read here, not from the placement.
 */
class WastePlacementTest {

    private static final String MONACO_UTM = "EPSG:32632";
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @TempDir static Path feeds;

    private static List<OsmStreet> ways;
    private static StreetNetwork network;
    private static BinPlacement.Result placed;
    private static List<JsonNode> feed;

    @BeforeAll
    static void place() throws IOException {
        new EdinburghWasteConverter()
                .convert(TestData.root().resolve("edinburgh-litter-bin-sensors"), feeds);
        feed = TestData.jsonLines(feeds.resolve("edinburgh/waste.jsonl"));
        Path osm = TestData.file("osm-monaco", "monaco.osm.gz");
        ways = OsmStreetReader.read(osm, MONACO_UTM).streets();
        network = StreetNetwork.of(ways, osm.toString());
        placed =
                BinPlacement.place(
                        "edinburgh", WasteLayout.readContainers(feeds, "edinburgh"), network, 1);
        placed.layout().write(feeds);
    }

    private static List<JsonNode> rows(String table) {
        return TestData.jsonLines(feeds.resolve("edinburgh/ref/" + table + ".jsonl"));
    }

    @Test
    void everyBinStandsFourMetresBesideADrivableWayOfTheNamedStreet() {
        Map<Long, OsmStreet> byId = new HashMap<>();
        ways.forEach(w -> byId.put(w.osmId(), w));
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, MONACO_UTM);
        List<JsonNode> bins = rows("waste_containers");
        assertThat(bins).hasSize(334);
        assertThat(bins)
                .allSatisfy(
                        b -> {
                            OsmStreet way = byId.get(b.get("network_way_id").asLong());
                            assertThat(way).isNotNull();
                            assertThat(way.name()).isEqualTo(b.get("network_street").asText());
                            assertThat(way.highway())
                                    .isIn(
                                            "primary",
                                            "primary_link",
                                            "secondary",
                                            "secondary_link",
                                            "tertiary",
                                            "tertiary_link",
                                            "unclassified",
                                            "residential",
                                            "living_street",
                                            "service",
                                            "road");
                            Coordinate[] line = new Coordinate[way.size()];
                            for (int i = 0; i < line.length; i++) {
                                line[i] = new Coordinate(way.lons()[i], way.lats()[i]);
                            }
                            Geometry w = toMetric.apply(GEOMETRY.createLineString(line));
                            Geometry p =
                                    toMetric.apply(
                                            GEOMETRY.createPoint(
                                                    new Coordinate(
                                                            b.get("lon").asDouble(),
                                                            b.get("lat").asDouble())));
                            assertThat(w.distance(p)).isLessThan(4.05);
                        });
    }

    @Test
    void theSitesOfOneSourceStreetShareOneNetworkStreetOfTheirOwn() {
        Map<String, Set<String>> networkOf = new TreeMap<>();
        Map<String, Integer> sites = new TreeMap<>();
        for (JsonNode b : rows("waste_containers")) {
            networkOf
                    .computeIfAbsent(b.get("street").asText(), s -> new TreeSet<>())
                    .add(b.get("network_street").asText());
            sites.merge(b.get("street").asText(), 1, Integer::sum);
        }
        assertThat(networkOf).hasSize(77);
        assertThat(networkOf.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        Set<String> distinct =
                networkOf.values().stream()
                        .map(s -> s.iterator().next())
                        .collect(Collectors.toSet());
        assertThat(distinct).hasSize(77);
        // each network street is long enough for its sites at 10 m on each side (5 m along)
        Map<String, Double> lengthOf = new HashMap<>();
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, MONACO_UTM);
        for (OsmStreet w : ways) {
            if (w.name() != null) {
                Coordinate[] line = new Coordinate[w.size()];
                for (int i = 0; i < line.length; i++) {
                    line[i] = new Coordinate(w.lons()[i], w.lats()[i]);
                }
                lengthOf.merge(
                        w.name(),
                        toMetric.apply(GEOMETRY.createLineString(line)).getLength(),
                        Double::sum);
            }
        }
        networkOf.forEach(
                (street, network) ->
                        assertThat(lengthOf.get(network.iterator().next()))
                                .as(street)
                                .isGreaterThanOrEqualTo(sites.get(street) * 5.0));
        // Princes Street's 32 sites: the longest source street gets a street holding 32 × 17.5 m
        assertThat(lengthOf.get(networkOf.get("Princes Street").iterator().next()))
                .isGreaterThanOrEqualTo(32 * 17.5);
    }

    @Test
    void binsStandApartAndRoundsStayTogether() {
        List<JsonNode> bins = rows("waste_containers");
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, MONACO_UTM);
        Coordinate[] xy = new Coordinate[bins.size()];
        for (int i = 0; i < xy.length; i++) {
            xy[i] =
                    toMetric.apply(
                                    GEOMETRY.createPoint(
                                            new Coordinate(
                                                    bins.get(i).get("lon").asDouble(),
                                                    bins.get(i).get("lat").asDouble())))
                            .getCoordinate();
        }
        int sameRound = 0;
        double closest = Double.MAX_VALUE;
        for (int i = 0; i < xy.length; i++) {
            int nearest = -1;
            for (int j = 0; j < xy.length; j++) {
                if (j == i) {
                    continue;
                }
                closest = Math.min(closest, xy[i].distance(xy[j]));
                boolean otherStreet =
                        !bins.get(j)
                                .get("street")
                                .asText()
                                .equals(bins.get(i).get("street").asText());
                if (otherStreet
                        && (nearest < 0 || xy[i].distance(xy[j]) < xy[i].distance(xy[nearest]))) {
                    nearest = j;
                }
            }
            if (bins.get(nearest)
                    .get("collection_round")
                    .asText()
                    .equals(bins.get(i).get("collection_round").asText())) {
                sameRound++;
            }
        }
        assertThat(closest).isGreaterThan(5);
        // with 6 rounds of unequal size, picking a round at random for the nearest other street
        // would give about 25 %; runs along the Hilbert curve keep most neighbours together
        assertThat(sameRound / (double) bins.size()).isGreaterThan(0.6);
    }

    @Test
    void oneVehiclePerRoundAsTheEventsNameThemFromOneDepotAndTwoDisposalSites() {
        Set<String> inEvents =
                feed.stream()
                        .filter(e -> e.has("refVehicle"))
                        .map(e -> e.get("refVehicle").asText())
                        .collect(Collectors.toCollection(TreeSet::new));
        List<JsonNode> vehicles = rows("waste_vehicles");
        assertThat(vehicles.stream().map(v -> v.get("id").asText()))
                .containsExactlyInAnyOrderElementsOf(inEvents)
                .hasSize(6);
        List<JsonNode> depots = rows("waste_depots");
        assertThat(depots).hasSize(1);
        assertThat(vehicles)
                .allSatisfy(
                        v -> {
                            assertThat(v.get("depot_id").asText())
                                    .isEqualTo(depots.get(0).get("id").asText());
                            assertThat(v.get("capacity_kg").asDouble()).isEqualTo(2500);
                            assertThat(v.get("categories").asText()).isEqualTo("Mixed");
                        });
        List<JsonNode> sites = rows("disposal_sites");
        assertThat(sites).hasSize(2);
        assertThat(sites)
                .allSatisfy(
                        s -> {
                            assertThat(s.get("categories").asText()).startsWith("Mixed,");
                            assertThat(s.get("opening_hours").asText()).isNotBlank();
                            assertThat(s.get("lon").asDouble()).isBetween(7.40, 7.45);
                        });
    }

    @Test
    void theSameSeedPlacesTheSameAnotherSeedElsewhere() throws IOException {
        List<ObjectNode> again =
                BinPlacement.place(
                                "edinburgh",
                                WasteLayout.readContainers(feeds, "edinburgh"),
                                network,
                                1)
                        .layout()
                        .containers();
        assertThat(again).isEqualTo(placed.layout().containers());
        List<ObjectNode> other =
                BinPlacement.place(
                                "edinburgh",
                                WasteLayout.readContainers(feeds, "edinburgh"),
                                network,
                                2)
                        .layout()
                        .containers();
        assertThat(other).isNotEqualTo(placed.layout().containers());
    }

    @Test
    void aNetworkTooSmallForTheBinsIsAClearError() throws IOException {
        Path town = Path.of("src", "test", "resources", "osm-puntasur", "puntasur.osm");
        StreetNetwork small =
                StreetNetwork.of(OsmStreetReader.read(town, "EPSG:32721").streets(), "puntasur");
        assertThatThrownBy(
                        () ->
                                BinPlacement.place(
                                        "edinburgh",
                                        WasteLayout.readContainers(feeds, "edinburgh"),
                                        small,
                                        1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bins of")
                .hasMessageContaining("give a larger OSM extract");
    }
}
