package org.citylake.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.graphhopper.util.DistanceCalcEarth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.geo.routing.Nearest;
import org.citylake.geo.routing.RoadGraphCache;
import org.citylake.geo.routing.RoadNetwork;
import org.citylake.geo.routing.RoadPoint;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.TableRegistry;
import org.locationtech.jts.geom.Coordinate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code citylake waste nearest}: the disposal site a resident reaches by the shortest road route,
 * among a city's {@code ref.disposal_sites} (those accepting a category, when given).
 */
@Command(
        name = "nearest",
        description = {
            "The nearest disposal site (ref.disposal_sites) to a position by road: its name,"
                    + " categories and opening hours, the route length on the --osm network and"
                    + " the straight-line distance.",
            "A position off the roads is snapped to the nearest drivable road and the snap"
                    + " distance is shown; a position farther than --max-snap from every road is"
                    + " answered by straight line, saying how far the network is.",
            "Example: citylake waste nearest --city edinburgh --lon 7.4200 --lat 43.7350"
                    + " --category Mixed --osm test-data/osm-monaco/monaco.osm.gz"
        },
        mixinStandardHelpOptions = true)
final class WasteNearest implements Callable<Integer> {

    static final String SITES = "ref.disposal_sites";

    @Mixin LakeArgs lakeArgs;

    @Option(names = "--city", required = true, paramLabel = "CITY", description = "City id.")
    String city;

    @Option(names = "--lon", required = true, paramLabel = "X", description = "Longitude, WGS84.")
    double lon;

    @Option(names = "--lat", required = true, paramLabel = "Y", description = "Latitude, WGS84.")
    double lat;

    @Option(
            names = "--category",
            paramLabel = "K",
            description = "Only sites accepting this waste category (case does not matter).")
    String category;

    @Option(
            names = "--osm",
            required = true,
            paramLabel = "FILE",
            description = "The city's OSM extract (.osm, .osm.gz, .osm.pbf) to route on.")
    Path osm;

    @Option(
            names = "--max-snap",
            defaultValue = "5000",
            paramLabel = "M",
            description =
                    "Metres from the roads beyond which a position is not on the network"
                            + " (default ${DEFAULT-VALUE}).")
    double maxSnapM;

    @Option(
            names = "--min-network-size",
            defaultValue = "200",
            paramLabel = "EDGES",
            description =
                    "Road pieces with fewer edges, cut off from the rest (car parks, private"
                            + " islands), are not snapped to (default ${DEFAULT-VALUE}; 0 for a"
                            + " tiny network).")
    int minNetworkSize;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "Answer as text or as one JSON object (default ${DEFAULT-VALUE}).")
    String format;

    /** A disposal site as read from the lake. */
    record Site(
            String id,
            String name,
            String categories,
            String openingHours,
            double lon,
            double lat) {
        boolean accepts(String category) {
            return category == null
                    || (categories != null
                            && Arrays.stream(categories.split(","))
                                    .map(c -> c.trim().toLowerCase(Locale.ROOT))
                                    .anyMatch(
                                            c ->
                                                    c.equals(
                                                            category.trim()
                                                                    .toLowerCase(Locale.ROOT))));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format " + format + ": give text or json");
        }
        List<Site> all = sites(city);
        List<Site> sites = all.stream().filter(s -> s.accepts(category)).toList();
        if (sites.isEmpty()) {
            throw new IllegalArgumentException(
                    all.isEmpty()
                            ? SITES
                                    + " has no site with a position for city '"
                                    + city
                                    + "': write <feeds>/"
                                    + city
                                    + "/ref/disposal_sites.jsonl (or run `citylake waste place`),"
                                    + " then `citylake ref load`"
                            : "no disposal site of city '"
                                    + city
                                    + "' accepts category '"
                                    + category
                                    + "'; categories there: "
                                    + all.stream()
                                            .map(Site::categories)
                                            .distinct()
                                            .sorted()
                                            .toList());
        }
        List<Coordinate> candidates = new ArrayList<>();
        sites.forEach(s -> candidates.add(new Coordinate(s.lon(), s.lat())));
        Coordinate here = new Coordinate(lon, lat);
        try (RoadNetwork network =
                RoadGraphCache.open(
                        osm,
                        RoadNetwork.Options.defaults()
                                .withMaxSnapM(maxSnapM)
                                .withMinNetworkSize(minNetworkSize))) {
            RoadPoint snapped = network.snap(lon, lat);
            Answer answer;
            if (!snapped.onNetwork()) {
                answer = byAir(here, sites, snapped);
            } else {
                Optional<Nearest> nearest = network.nearest(here, candidates);
                answer =
                        nearest.map(n -> byRoad(sites.get(n.index()), n, snapped))
                                .orElseGet(() -> byAir(here, sites, snapped));
            }
            System.out.println(format.equals("json") ? answer.json() : answer.text(network));
        }
        return 0;
    }

    /** The answer: the site and how far it is. */
    record Answer(
            Site site,
            boolean byRoad,
            Double routeM,
            Double routeS,
            double airM,
            RoadPoint from,
            String why) {

        String text(RoadNetwork network) {
            StringBuilder b = new StringBuilder();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "Nearest disposal site %s: %s (%s)%n",
                            byRoad ? "by road" : "by straight line",
                            site.name(),
                            site.id()));
            b.append(String.format(Locale.ROOT, "  accepts       %s%n", site.categories()));
            if (site.openingHours() != null) {
                b.append(String.format(Locale.ROOT, "  open          %s%n", site.openingHours()));
            }
            b.append(
                    String.format(
                            Locale.ROOT, "  at            %.6f %.6f%n", site.lon(), site.lat()));
            if (byRoad) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "  route length  %.0f m by road (about %.0f min by car)%n",
                                routeM,
                                routeS / 60));
            }
            b.append(
                    String.format(
                            Locale.ROOT, "  distance      %.0f m in a straight line%n", airM));
            b.append(String.format(Locale.ROOT, "  your position %s%n", from.describe()));
            if (why != null) {
                b.append("  note          ").append(why).append(System.lineSeparator());
            }
            b.append("  network       ").append(network.describe());
            return b.toString();
        }

        String json() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("site_id", site.id());
            o.put("name", site.name());
            o.put("categories", site.categories());
            o.put("opening_hours", site.openingHours());
            o.put("lon", site.lon());
            o.put("lat", site.lat());
            o.put("by", byRoad ? "road" : "straight_line");
            if (byRoad) {
                o.put("route_length_m", routeM);
                o.put("route_time_s", routeS);
            }
            o.put("distance_m", airM);
            o.put("on_network", from.onNetwork());
            o.put("snap_distance_m", from.snapDistanceM());
            o.put("snapped_lon", from.onRoad().x);
            o.put("snapped_lat", from.onRoad().y);
            if (why != null) {
                o.put("note", why);
            }
            return o.toString();
        }
    }

    private static Answer byRoad(Site site, Nearest n, RoadPoint from) {
        return new Answer(
                site, true, n.roadDistanceM(), n.route().seconds(), n.airDistanceM(), from, null);
    }

    private static Answer byAir(Coordinate here, List<Site> sites, RoadPoint from) {
        Site best = null;
        double bestM = Double.POSITIVE_INFINITY;
        for (Site s : sites) {
            double m = DistanceCalcEarth.DIST_EARTH.calcDist(here.y, here.x, s.lat(), s.lon());
            if (m < bestM) {
                bestM = m;
                best = s;
            }
        }
        String why =
                from.onNetwork()
                        ? "no site can be reached by road from this position; the nearest in a"
                                + " straight line is shown"
                        : String.format(
                                Locale.ROOT,
                                "the position is %.0f m from the nearest road of the network, beyond"
                                        + " --max-snap: the nearest site in a straight line is shown",
                                from.snapDistanceM());
        return new Answer(best, false, null, null, bestM, from, why);
    }

    private List<Site> sites(String city) throws Exception {
        List<Site> sites = new ArrayList<>();
        try (Lake lake = Lake.open(lakeArgs.load())) {
            if (!lake.catalog().tableExists(TableIdentifier.parse(SITES))) {
                return sites;
            }
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(lake.table(SITES))
                            .where(Expressions.equal(TableRegistry.CITY, city))
                            .build()) {
                for (Record r : rows) {
                    Double siteLon = (Double) r.getField("lon");
                    Double siteLat = (Double) r.getField("lat");
                    if (siteLon != null && siteLat != null) {
                        sites.add(
                                new Site(
                                        (String) r.getField("id"),
                                        (String) r.getField("name"),
                                        (String) r.getField("categories"),
                                        (String) r.getField("opening_hours"),
                                        siteLon,
                                        siteLat));
                    }
                }
            }
        }
        sites.sort(java.util.Comparator.comparing(Site::id));
        return sites;
    }
}
