package org.citylake.testdata.waste;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citylake.model.EntityType;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.FeedConverter;
import org.citylake.testdata.RefRows;
import org.locationtech.jts.geom.Coordinate;

/**
 * A city's bins placed on a street network with the fleet that empties them, as the four ref files
 * {@code citylake ref load} loads:
 *
 * <pre>
 *   &lt;feeds&gt;/&lt;city&gt;/ref/waste_containers.jsonl  ref.waste_containers  (with lon, lat, network_street)
 *   &lt;feeds&gt;/&lt;city&gt;/ref/waste_vehicles.jsonl    ref.waste_vehicles    one per collection round
 *   &lt;feeds&gt;/&lt;city&gt;/ref/waste_depots.jsonl      ref.waste_depots
 *   &lt;feeds&gt;/&lt;city&gt;/ref/disposal_sites.jsonl    ref.disposal_sites
 * </pre>
 */
public record WasteLayout(
        String city,
        List<ObjectNode> containers,
        List<ObjectNode> vehicles,
        List<ObjectNode> depots,
        List<ObjectNode> disposalSites) {

    public static final String CONTAINERS = EntityType.WASTE_CONTAINER.refTable();
    public static final String VEHICLES = "ref.waste_vehicles";
    public static final String DEPOTS = "ref.waste_depots";
    public static final String DISPOSAL_SITES = "ref.disposal_sites";

    private static final ObjectMapper JSON = new ObjectMapper();

    public WasteLayout {
        containers = List.copyOf(containers);
        vehicles = List.copyOf(vehicles);
        depots = List.copyOf(depots);
        disposalSites = List.copyOf(disposalSites);
    }

    /** Writes the four ref files (replacing them); returns what it wrote. */
    public List<ConvertedFile> write(Path feedsDir) throws IOException {
        List<ConvertedFile> files = new ArrayList<>();
        files.add(write(feedsDir, CONTAINERS, containers));
        files.add(write(feedsDir, VEHICLES, vehicles));
        files.add(write(feedsDir, DEPOTS, depots));
        files.add(write(feedsDir, DISPOSAL_SITES, disposalSites));
        return files;
    }

    private ConvertedFile write(Path feedsDir, String table, List<ObjectNode> rows)
            throws IOException {
        RefRows out = new RefRows(table, city);
        rows.forEach(out::add);
        return out.write(feedsDir);
    }

    /**
     * The container rows of {@code <feeds>/<city>/ref/waste_containers.jsonl}, in file order.
     *
     * @throws NoSuchFileException naming the command that writes the file when it is missing
     */
    public static List<ObjectNode> readContainers(Path feedsDir, String city) throws IOException {
        Path file = FeedConverter.refPath(feedsDir, city, CONTAINERS);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(),
                    null,
                    "no bins of city "
                            + city
                            + "; convert them first with `citylake testdata convert`");
        }
        List<ObjectNode> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                for (String column : List.of("id", "street", "collection_round")) {
                    if (!row.hasNonNull(column)) {
                        throw new IOException(
                                file
                                        + ":"
                                        + n
                                        + ": bin "
                                        + row.path("id").asText("?")
                                        + " has no "
                                        + column
                                        + "; convert the bins again with `citylake testdata"
                                        + " convert` (it writes each bin's street and round)");
                    }
                }
                rows.add((ObjectNode) row);
            }
        }
        return rows;
    }

    /** A metric point and the street it is on, for the rows below. */
    record Spot(Coordinate xy, String street, long wayId) {}

    /**
     * Depots and disposal sites on named streets that carry no bin (when too few are left: on any
     * named street, else on any street), and one vehicle per round.
     *
     * <ul>
     *   <li>The rounds, in the order given (an order along the network), are cut into {@link
     *       WasteFleet#depots} runs; each run's depot stands at the middle of the street nearest
     *       the run's bins' centroid.
     *   <li>{@link WasteFleet#disposalSites} sites, spread by farthest-point sampling: each next
     *       site is the street middle farthest from the depots and the sites chosen before.
     * </ul>
     */
    public static WasteLayout withFleet(
            String city,
            StreetNetwork network,
            List<ObjectNode> containers,
            Map<String, List<Coordinate>> binsByRound,
            Set<String> streetsWithBins) {
        List<StreetNetwork.Street> free =
                network.streets().stream()
                        .filter(s -> s.named() && !streetsWithBins.contains(s.name()))
                        .toList();
        List<String> rounds = new ArrayList<>(binsByRound.keySet());
        int depotCount = Math.min(rounds.size(), WasteFleet.depots(rounds.size()));
        int wanted = depotCount + WasteFleet.disposalSites(rounds.size());
        if (free.size() < wanted) {
            free = network.streets().stream().filter(StreetNetwork.Street::named).toList();
        }
        if (free.size() < wanted) {
            free = network.streets();
        }
        Map<String, String> depotOfRound = new LinkedHashMap<>();
        List<Spot> depotSpots = new ArrayList<>();
        for (int d = 0; d < depotCount; d++) {
            int from = d * rounds.size() / depotCount;
            int to = (d + 1) * rounds.size() / depotCount;
            double x = 0, y = 0;
            int n = 0;
            for (String round : rounds.subList(from, to)) {
                for (Coordinate c : binsByRound.get(round)) {
                    x += c.x;
                    y += c.y;
                    n++;
                }
            }
            Coordinate centroid = new Coordinate(x / Math.max(1, n), y / Math.max(1, n));
            StreetNetwork.Street nearest = null;
            for (StreetNetwork.Street s : free) {
                if (nearest == null
                        || s.middle().distance(centroid) < nearest.middle().distance(centroid)) {
                    nearest = s;
                }
            }
            depotSpots.add(spot(nearest));
            for (String round : rounds.subList(from, to)) {
                depotOfRound.put(round, WasteFleet.depotId(city, d + 1));
            }
        }
        List<Spot> siteSpots = new ArrayList<>();
        int siteCount = WasteFleet.disposalSites(rounds.size());
        List<Coordinate> chosen = new ArrayList<>();
        depotSpots.forEach(s -> chosen.add(s.xy()));
        for (int k = 0; k < siteCount && k < free.size(); k++) {
            StreetNetwork.Street farthest = null;
            double best = -1;
            for (StreetNetwork.Street s : free) {
                double d = Double.MAX_VALUE;
                for (Coordinate c : chosen) {
                    d = Math.min(d, s.middle().distance(c));
                }
                if (d > best) {
                    best = d;
                    farthest = s;
                }
            }
            Spot spot = spot(farthest);
            siteSpots.add(spot);
            chosen.add(spot.xy());
        }
        Set<String> categories = new LinkedHashSet<>();
        Map<String, Set<String>> categoriesOfRound = new LinkedHashMap<>();
        for (ObjectNode c : containers) {
            String category = c.path("category").asText("");
            if (!category.isEmpty()) {
                categories.add(category);
                categoriesOfRound
                        .computeIfAbsent(
                                c.get("collection_round").asText(), r -> new LinkedHashSet<>())
                        .add(category);
            }
        }
        List<ObjectNode> vehicles = new ArrayList<>();
        for (String round : rounds) {
            ObjectNode v = row(city, WasteFleet.vehicleId(city, round));
            v.put("name", "litter-bin truck " + round);
            v.put("depot_id", depotOfRound.get(round));
            v.put("collection_round", round);
            v.put("capacity_kg", WasteFleet.VEHICLE_CAPACITY_KG);
            v.put("capacity_l", WasteFleet.VEHICLE_CAPACITY_L);
            Set<String> collects = categoriesOfRound.getOrDefault(round, Set.of());
            if (!collects.isEmpty()) {
                v.put("categories", String.join(",", collects));
            }
            vehicles.add(v);
        }
        List<ObjectNode> depots = new ArrayList<>();
        for (int d = 0; d < depotSpots.size(); d++) {
            ObjectNode row =
                    placed(city, WasteFleet.depotId(city, d + 1), network, depotSpots.get(d));
            row.put("name", "depot " + (d + 1));
            depots.add(row);
        }
        Set<String> accepted = new LinkedHashSet<>(categories);
        accepted.addAll(WasteFleet.HOUSEHOLD_CATEGORIES);
        List<ObjectNode> sites = new ArrayList<>();
        for (int k = 0; k < siteSpots.size(); k++) {
            ObjectNode row =
                    placed(city, WasteFleet.disposalSiteId(city, k + 1), network, siteSpots.get(k));
            row.put("name", "recycling centre " + (k + 1) + ", " + siteSpots.get(k).street());
            row.put("categories", String.join(",", accepted));
            row.put("opening_hours", WasteFleet.OPENING_HOURS);
            sites.add(row);
        }
        return new WasteLayout(city, containers, vehicles, depots, sites);
    }

    private static Spot spot(StreetNetwork.Street street) {
        StreetNetwork.Located at = street.at(street.lengthM() / 2, 0);
        return new Spot(at.xy(), street.name(), at.wayId());
    }

    private static ObjectNode placed(String city, String id, StreetNetwork network, Spot spot) {
        ObjectNode row = row(city, id);
        Coordinate lonLat = network.lonLat(spot.xy())[0];
        row.put("lon", lonLat.x);
        row.put("lat", lonLat.y);
        row.put("network_street", spot.street());
        return row;
    }

    private static ObjectNode row(String city, String id) {
        ObjectNode row = JSON.createObjectNode();
        row.put("city", city);
        row.put("id", id);
        return row;
    }
}
