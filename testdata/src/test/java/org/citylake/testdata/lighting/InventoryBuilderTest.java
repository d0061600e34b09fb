package org.citylake.testdata.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.citylake.geo.osm.OsmStreet;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.model.City;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lamp inventory of Monaco's real network and of a hand-drawn southern-hemisphere town, both
 * registered by a {@code cities.jsonl} line and run through the same code. Expected counts are
 * computed here from the way lengths and a spacing table written in the test.
 */
class InventoryBuilderTest {

    static final Path MONACO_DIR =
            Path.of("..", "test-data", "osm-monaco").toAbsolutePath().normalize();
    static final Path PUNTASUR_DIR =
            Path.of("src", "test", "resources", "osm-puntasur").toAbsolutePath();

    /** The documented table, written again: spacing by class, lit when untagged. */
    static final Map<String, Double> SPACING =
            Map.ofEntries(
                    Map.entry("trunk", 45.0),
                    Map.entry("primary", 45.0),
                    Map.entry("primary_link", 45.0),
                    Map.entry("secondary", 40.0),
                    Map.entry("secondary_link", 40.0),
                    Map.entry("tertiary", 35.0),
                    Map.entry("tertiary_link", 35.0),
                    Map.entry("unclassified", 35.0),
                    Map.entry("road", 35.0),
                    Map.entry("residential", 30.0),
                    Map.entry("living_street", 30.0),
                    Map.entry("service", 30.0),
                    Map.entry("pedestrian", 25.0));

    static City monaco;
    static List<OsmStreet> monacoStreets;
    static LampInventory inventory;

    @BeforeAll
    static void build() throws Exception {
        monaco = registered(MONACO_DIR.resolve("cities.jsonl"));
        monacoStreets =
                OsmStreetReader.read(MONACO_DIR.resolve("monaco.osm.gz"), monaco.crs()).streets();
        inventory = InventoryBuilder.build(monaco, monacoStreets, settings(7, 0.6), List.of());
    }

    @Test
    void lampsPerWayFollowTheSpacingOfItsClass() {
        int expected = 0;
        Map<String, Integer> expectedPerSegment = new HashMap<>();
        for (OsmStreet s : monacoStreets) {
            assertThat(s.lit()).as("the Monaco extract has no lit tags").isNull();
            Double spacing = SPACING.get(s.highway());
            if (spacing == null) {
                continue;
            }
            int n = (int) Math.max(1, Math.round(s.lengthM() / spacing));
            expected += n;
            expectedPerSegment.put("osm-way-" + s.osmId(), n);
        }
        assertThat(inventory.lamps()).hasSize(expected);
        Map<String, Integer> perSegment = new HashMap<>();
        inventory.lamps().forEach(l -> perSegment.merge(l.segmentId(), 1, Integer::sum));
        assertThat(perSegment).isEqualTo(expectedPerSegment);
        // Neighbouring lamps of one way: never further apart than 1.5 spacings (n rounds
        // length / spacing), measured as the chord, which is no longer than the way between them.
        Map<String, Lamp> previous = new HashMap<>();
        for (Lamp lamp : inventory.lamps()) {
            Lamp before = previous.put(lamp.segmentId(), lamp);
            if (before != null) {
                double spacing = SPACING.get(lamp.roadClass());
                assertThat(haversine(before.lon(), before.lat(), lamp.lon(), lamp.lat()))
                        .as("%s to %s", before.id(), lamp.id())
                        .isLessThanOrEqualTo(1.5 * spacing * 1.003);
            }
        }
        // Densities as published (DESIGN §5): ≈ 33 lamps per km at 30 m.
        double residentialKm =
                inventory.segments().stream()
                                .filter(s -> s.roadClass().equals("residential"))
                                .mapToDouble(LitSegment::lengthM)
                                .sum()
                        / 1000;
        long residentialLamps =
                inventory.lamps().stream().filter(l -> l.roadClass().equals("residential")).count();
        assertThat(residentialLamps / residentialKm).isBetween(30.0, 40.0);
        assertThat(inventory.lamps())
                .extracting(Lamp::roadClass)
                .doesNotContain("footway", "steps");
    }

    @Test
    void idsNameTheWayAndTheLampAlongIt() {
        Set<String> ids = new HashSet<>();
        for (Lamp lamp : inventory.lamps()) {
            assertThat(ids.add(lamp.id())).as(lamp.id()).isTrue();
            String way = lamp.segmentId().substring("osm-way-".length());
            assertThat(lamp.id()).matches("urn:ngsi-ld:Streetlight:monaco:" + way + "-[1-9][0-9]*");
        }
        assertThat(inventory.cabinets())
                .extracting(Cabinet::id)
                .first()
                .isEqualTo("urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-0001");
    }

    @Test
    void circuitsAndCabinetsStayWithinTheirLimitsAndAreCompact() {
        Map<String, Integer> perCircuit = new HashMap<>();
        Map<String, Set<String>> circuitsOf = new HashMap<>();
        Map<String, Integer> perCabinet = new HashMap<>();
        for (Lamp lamp : inventory.lamps()) {
            perCircuit.merge(lamp.circuitId(), 1, Integer::sum);
            circuitsOf
                    .computeIfAbsent(lamp.cabinetId(), k -> new HashSet<>())
                    .add(lamp.circuitId());
            perCabinet.merge(lamp.cabinetId(), 1, Integer::sum);
        }
        assertThat(perCircuit.values()).allSatisfy(n -> assertThat(n).isBetween(1, 30));
        assertThat(circuitsOf.values()).allSatisfy(c -> assertThat(c.size()).isBetween(1, 4));
        int lamps = inventory.lamps().size();
        assertThat(inventory.cabinets()).hasSize((lamps + 119) / 120);
        Map<String, Cabinet> cabinets = new HashMap<>();
        for (Cabinet c : inventory.cabinets()) {
            cabinets.put(c.id(), c);
            assertThat(c.lamps()).isEqualTo(perCabinet.get(c.id()));
            assertThat(c.circuits()).isEqualTo(circuitsOf.get(c.id()).size());
        }
        // Locality: a lamp is on average a few hundred metres from its cabinet, in a city about
        // 3 km across (a random assignment would give over a kilometre).
        double sum = 0;
        for (Lamp lamp : inventory.lamps()) {
            Cabinet c = cabinets.get(lamp.cabinetId());
            sum += haversine(lamp.lon(), lamp.lat(), c.lon(), c.lat());
        }
        assertThat(sum / lamps).isLessThan(350);
    }

    @Test
    void technologyFollowsTheShareAndSetsThePower() {
        long led = inventory.lamps().stream().filter(l -> l.technology() == Technology.LED).count();
        assertThat((double) led / inventory.lamps().size()).isCloseTo(0.6, within(0.08));
        for (Lamp lamp : inventory.lamps()) {
            assertThat(lamp.ratedPowerW())
                    .isEqualTo(lamp.technology() == Technology.LED ? 70.0 : 180.0);
        }
        // One way, one technology.
        Map<String, Set<Technology>> perWay = new HashMap<>();
        inventory
                .lamps()
                .forEach(
                        l ->
                                perWay.computeIfAbsent(l.segmentId(), k -> new HashSet<>())
                                        .add(l.technology()));
        assertThat(perWay.values()).allSatisfy(t -> assertThat(t).hasSize(1));
        assertThat(
                        InventoryBuilder.build(monaco, monacoStreets, settings(7, 1.0), List.of())
                                .lamps())
                .allSatisfy(l -> assertThat(l.technology()).isEqualTo(Technology.LED));
        assertThat(
                        InventoryBuilder.build(monaco, monacoStreets, settings(7, 0.0), List.of())
                                .lamps())
                .allSatisfy(l -> assertThat(l.technology()).isEqualTo(Technology.HPS));
    }

    @Test
    void theSameSeedGivesTheSameInventoryAnotherSeedAnotherMix(@TempDir Path dir) throws Exception {
        LampInventory again =
                InventoryBuilder.build(monaco, monacoStreets, settings(7, 0.6), List.of());
        assertThat(again).isEqualTo(inventory);
        LampInventory other =
                InventoryBuilder.build(monaco, monacoStreets, settings(8, 0.6), List.of());
        assertThat(other.lamps())
                .extracting(Lamp::id)
                .isEqualTo(inventory.lamps().stream().map(Lamp::id).toList());
        assertThat(other.lamps())
                .extracting(Lamp::technology)
                .isNotEqualTo(inventory.lamps().stream().map(Lamp::technology).toList());
        // Written and read back: the same inventory (lengths rounded to the centimetre).
        inventory.write(dir);
        LampInventory read = LampInventory.read(dir, "monaco");
        assertThat(read.lamps()).isEqualTo(inventory.lamps());
        assertThat(read.cabinets()).isEqualTo(inventory.cabinets());
        assertThat(read.segments()).hasSameSizeAs(inventory.segments());
        assertThat(read.litKm()).isCloseTo(inventory.litKm(), within(0.01));
        byte[] first = Files.readAllBytes(dir.resolve("monaco/ref/streetlights.jsonl"));
        inventory.write(dir);
        assertThat(Files.readAllBytes(dir.resolve("monaco/ref/streetlights.jsonl")))
                .isEqualTo(first);
    }

    @Test
    void aSecondCityInTheSouthernHemisphereRunsThroughTheSameCode(@TempDir Path dir)
            throws Exception {
        City puntasur = registered(PUNTASUR_DIR.resolve("cities.jsonl"));
        assertThat(puntasur.crs()).isEqualTo("EPSG:32721");
        List<OsmStreet> streets =
                OsmStreetReader.read(PUNTASUR_DIR.resolve("puntasur.osm"), puntasur.crs())
                        .streets();
        LampInventory town = InventoryBuilder.build(puntasur, streets, settings(1, 0.5), List.of());
        // By hand (see the sketch in puntasur.osm): 0.0036° of latitude at 34.9° S is 399.4 m
        // → 399.4 / 45 = 8.9 → 9 lamps; 0.0036° of longitude is 329.0 m → / 30 = 11.0 → 11;
        // the lit footway, 0.0009° of latitude = 99.8 m → / 25 = 4.0 → 4. The untagged footway
        // and the service road tagged lit=no get none.
        Map<String, Long> perSegment = new TreeMap<>();
        town.lamps().forEach(l -> perSegment.merge(l.segmentId(), 1L, Long::sum));
        assertThat(perSegment)
                .containsExactlyEntriesOf(
                        new TreeMap<>(
                                Map.of("osm-way-101", 9L, "osm-way-102", 11L, "osm-way-103", 4L)));
        assertThat(town.segments())
                .extracting(LitSegment::id, LitSegment::lit, LitSegment::widthM)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("osm-way-101", "assumed", null),
                        org.assertj.core.groups.Tuple.tuple("osm-way-102", "assumed", 8.0),
                        org.assertj.core.groups.Tuple.tuple("osm-way-103", "yes", null));
        assertThat(town.segments().get(0).lengthM()).isCloseTo(399.3, within(0.5));
        assertThat(town.cabinets()).hasSize(1);
        assertThat(town.cabinets().get(0).lamps()).isEqualTo(24);
        assertThat(town.lamps()).allSatisfy(l -> assertThat(l.lat()).isBetween(-34.905, -34.9));
        assertThat(town.lamps().get(0).id()).isEqualTo("urn:ngsi-ld:Streetlight:puntasur:101-1");
        town.write(dir);
        assertThat(LampInventory.read(dir, "puntasur").lamps()).isEqualTo(town.lamps());
    }

    static InventorySettings settings(long seed, double led) {
        return new InventorySettings(seed, led);
    }

    /** The city of a one-line cities.jsonl, read here with Jackson. */
    static City registered(Path citiesJsonl) throws Exception {
        JsonNode row = new ObjectMapper().readTree(Files.readAllLines(citiesJsonl).get(0));
        return City.of(
                row.get("city").asText(),
                row.get("name").asText(),
                row.get("country").asText(),
                row.get("time_zone").asText(),
                row.get("lon").asDouble(),
                row.get("lat").asDouble(),
                null,
                null);
    }

    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double r = 6_371_008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double h =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * r * Math.asin(Math.sqrt(h));
    }
}
