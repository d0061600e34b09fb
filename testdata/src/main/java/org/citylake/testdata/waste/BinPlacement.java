package org.citylake.testdata.waste;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.citylake.testdata.lighting.Seeded;
import org.locationtech.jts.geom.Coordinate;

/**
 * Places bins that have a street and a collection round but no position (the Edinburgh sites) on
 * the named streets of a real network, keeping the sites' grouping: the sites of one source street
 * stand on one network street, and the streets of one round on a compact run of the network.
 *
 * <pre>
 *   network's named streets, along the Hilbert curve (StreetNetwork), the start turned by the seed
 *        ──▶ cut into one run per round, each run's length ∝ the length its round needs
 *            (Σ sites × 17.5 m: a bin every 35 m on each side of the street)
 *   per round, its source streets by number of sites (most first, then by name)
 *        ──▶ the run's free street that fits best: long enough at 17.5 m a bin, else the longest
 *            that holds the sites at 5 m a bin; none in the run: the best of all free streets
 *   per source street, its sites by id
 *        ──▶ along the network street, every min(17.5 m, length / sites), centred on its middle,
 *            alternately 4 m left and right of the centre line
 * </pre>
 *
 * A street that cannot hold a source street's sites even at 5 m is an error naming the largest
 * source street and what the network holds.
 */
public final class BinPlacement {

    /** Along-street step between consecutive bins, alternating sides: 35 m on each side, m. */
    public static final double STEP_M = 17.5;

    /** Smallest along-street step: 10 m between bins of one side, m. */
    public static final double MIN_STEP_M = 5;

    /** Distance of a bin from the street's centre line, m. */
    public static final double SIDE_OFFSET_M = 4;

    private BinPlacement() {}

    /** What the placement did, for the command's report. */
    public record Result(WasteLayout layout, Map<String, String> networkStreetOf, int borrowed) {}

    /**
     * @param containers rows with id, street and collection_round (read by {@link
     *     WasteLayout#readContainers}); lon, lat, network_street and network_way_id are set
     * @param seed turns the start of the network's order, so another seed gives another layout
     */
    public static Result place(
            String city, List<ObjectNode> containers, StreetNetwork network, long seed) {
        Map<String, Map<String, List<ObjectNode>>> byRound = new TreeMap<>();
        for (ObjectNode c : containers) {
            byRound.computeIfAbsent(c.get("collection_round").asText(), r -> new TreeMap<>())
                    .computeIfAbsent(c.get("street").asText(), s -> new ArrayList<>())
                    .add(c);
        }
        List<StreetNetwork.Street> named =
                new ArrayList<>(
                        network.streets().stream().filter(StreetNetwork.Street::named).toList());
        if (named.isEmpty()) {
            throw new IllegalArgumentException(
                    "the network has no named drivable street to place bins on");
        }
        int turn = (int) Math.floorMod(Seeded.mix(seed, 7, 0, 0), (long) named.size());
        List<StreetNetwork.Street> order = new ArrayList<>(named.subList(turn, named.size()));
        order.addAll(named.subList(0, turn));
        double networkM = order.stream().mapToDouble(StreetNetwork.Street::lengthM).sum();
        Map<String, Double> need = new LinkedHashMap<>();
        double needTotal = 0;
        for (var round : byRound.entrySet()) {
            double m = 0;
            for (List<ObjectNode> sites : round.getValue().values()) {
                m += sites.size() * STEP_M;
            }
            need.put(round.getKey(), m);
            needTotal += m;
        }
        Map<String, List<StreetNetwork.Street>> runs = new LinkedHashMap<>();
        double cumulative = 0;
        double wanted = 0;
        int next = 0;
        List<String> rounds = new ArrayList<>(byRound.keySet());
        for (int r = 0; r < rounds.size(); r++) {
            wanted += need.get(rounds.get(r)) / needTotal * networkM;
            List<StreetNetwork.Street> run = new ArrayList<>();
            boolean last = r == rounds.size() - 1;
            while (next < order.size() && (last || cumulative < wanted || run.isEmpty())) {
                run.add(order.get(next));
                cumulative += order.get(next).lengthM();
                next++;
            }
            runs.put(rounds.get(r), run);
        }
        Set<String> used = new HashSet<>();
        Map<String, String> networkStreetOf = new LinkedHashMap<>();
        Map<String, List<Coordinate>> binsByRound = new LinkedHashMap<>();
        int borrowed = 0;
        for (String round : rounds) {
            List<Map.Entry<String, List<ObjectNode>>> streets =
                    new ArrayList<>(byRound.get(round).entrySet());
            streets.sort(
                    Comparator.comparingInt(
                                    (Map.Entry<String, List<ObjectNode>> e) -> -e.getValue().size())
                            .thenComparing(Map.Entry::getKey));
            for (var source : streets) {
                int sites = source.getValue().size();
                StreetNetwork.Street street = bestFit(runs.get(round), used, sites);
                if (street == null) {
                    street = bestFit(order, used, sites);
                    borrowed++;
                }
                if (street == null) {
                    throw new IllegalArgumentException(
                            "no free named street of the network holds the "
                                    + sites
                                    + " bins of "
                                    + source.getKey()
                                    + " (round "
                                    + round
                                    + ") at "
                                    + MIN_STEP_M
                                    + " m a bin ("
                                    + sites * MIN_STEP_M
                                    + " m); the network has "
                                    + named.size()
                                    + " named drivable streets for "
                                    + containers.size()
                                    + " bins on "
                                    + byRound.values().stream().mapToInt(Map::size).sum()
                                    + " streets: give a larger OSM extract");
                }
                used.add(street.name());
                networkStreetOf.put(source.getKey(), street.name());
                List<ObjectNode> onStreet = new ArrayList<>(source.getValue());
                onStreet.sort(Comparator.comparing(c -> c.get("id").asText()));
                double step = Math.min(STEP_M, street.lengthM() / sites);
                double start = (street.lengthM() - step * sites) / 2;
                Coordinate[] xy = new Coordinate[sites];
                long[] way = new long[sites];
                for (int i = 0; i < sites; i++) {
                    StreetNetwork.Located at =
                            street.at(
                                    start + (i + 0.5) * step,
                                    i % 2 == 0 ? SIDE_OFFSET_M : -SIDE_OFFSET_M);
                    xy[i] = at.xy();
                    way[i] = at.wayId();
                }
                Coordinate[] lonLat = network.lonLat(xy);
                for (int i = 0; i < sites; i++) {
                    ObjectNode c = onStreet.get(i);
                    c.put("lon", lonLat[i].x);
                    c.put("lat", lonLat[i].y);
                    c.put("network_street", street.name());
                    c.put("network_way_id", way[i]);
                    binsByRound.computeIfAbsent(round, r -> new ArrayList<>()).add(xy[i]);
                }
            }
        }
        WasteLayout layout = WasteLayout.withFleet(city, network, containers, binsByRound, used);
        return new Result(layout, networkStreetOf, borrowed);
    }

    /**
     * The free street that holds {@code sites} at {@link #STEP_M} with the least length to spare;
     * when none is that long, the longest that holds them at {@link #MIN_STEP_M}; else null.
     */
    static StreetNetwork.Street bestFit(
            List<StreetNetwork.Street> candidates, Set<String> used, int sites) {
        StreetNetwork.Street best = null;
        double need = sites * STEP_M;
        for (StreetNetwork.Street s : candidates) {
            if (used.contains(s.name()) || s.lengthM() < need) {
                continue;
            }
            if (best == null || s.lengthM() < best.lengthM()) {
                best = s;
            }
        }
        if (best != null) {
            return best;
        }
        for (StreetNetwork.Street s : candidates) {
            if (used.contains(s.name()) || s.lengthM() < sites * MIN_STEP_M) {
                continue;
            }
            if (best == null || s.lengthM() > best.lengthM()) {
                best = s;
            }
        }
        return best;
    }
}
