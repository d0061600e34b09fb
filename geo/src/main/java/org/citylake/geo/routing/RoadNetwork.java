package org.citylake.geo.routing;

import com.carrotsearch.hppc.IntObjectHashMap;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.DijkstraBidirectionRef;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.index.LocationIndex;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.GHPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * The drivable street network of an OSM extract, built with GraphHopper, for road distances, times
 * and routes of one {@link Vehicle}.
 *
 * <pre>
 *   OSM extract ──▶ GraphHopper import (car + truck profiles, one-way streets, small isolated
 *   (.osm/.gz/.pbf)  pieces under minNetworkSize edges left out of snapping) ──▶ graph directory
 *                                                        (reused when the extract is the same)
 *   position ──snap──▶ RoadPoint: nearest drivable road point + snap distance (or "not on network")
 *   points ──one shortest-path tree per origin over all points──▶ TravelMatrix (asymmetric)
 *   a, b ──bidirectional Dijkstra──▶ Route (metres, seconds, lon/lat LineString)
 * </pre>
 *
 * <p>Lengths are GraphHopper's: great-circle metres on a sphere of radius 6,371 km between the OSM
 * nodes, which differ from the WGS84 ellipsoid by at most a few parts per thousand. Times are the
 * vehicle's speed model (no traffic, no turn costs). Routes minimise the {@link Metric} of the
 * {@link Options}.
 *
 * <p>A graph directory given in the options is kept and reused by the next load of the same extract
 * (same SHA-256) and settings; without one, a temporary directory holds the graph and is deleted by
 * {@link #close()}. One process at a time may build into a directory. Queries may run from several
 * threads at once.
 */
public final class RoadNetwork implements TravelMatrixSource, AutoCloseable {

    /**
     * How to build and query a network.
     *
     * @param graphDir where the graph is stored and reused; {@code null} for a temporary directory
     *     deleted on close
     * @param vehicle whose roads and speeds
     * @param metric what routes minimise
     * @param maxSnapM a position farther than this from every drivable road is not on the network
     * @param minNetworkSize road pieces with fewer edges that are cut off from the rest (parking
     *     lots, islands of private roads) are not snapped to; GraphHopper's default is 200
     */
    public record Options(
            Path graphDir, Vehicle vehicle, Metric metric, double maxSnapM, int minNetworkSize) {

        public static final double DEFAULT_MAX_SNAP_M = 5_000;
        public static final int DEFAULT_MIN_NETWORK_SIZE = 200;

        public Options {
            Objects.requireNonNull(vehicle, "vehicle");
            Objects.requireNonNull(metric, "metric");
            if (!(maxSnapM > 0)) {
                throw new IllegalArgumentException(
                        "maximum snap distance " + maxSnapM + " m: give a positive distance");
            }
            if (minNetworkSize < 0) {
                throw new IllegalArgumentException(
                        "minimum network size " + minNetworkSize + ": give 0 or more edges");
            }
        }

        /**
         * A temporary graph, {@link Vehicle#CAR}, {@link Metric#DISTANCE}, 5 km maximum snap
         * distance, pieces under 200 edges left out.
         */
        public static Options defaults() {
            return new Options(
                    null,
                    Vehicle.CAR,
                    Metric.DISTANCE,
                    DEFAULT_MAX_SNAP_M,
                    DEFAULT_MIN_NETWORK_SIZE);
        }

        public Options withGraphDir(Path dir) {
            return new Options(dir, vehicle, metric, maxSnapM, minNetworkSize);
        }

        public Options withVehicle(Vehicle v) {
            return new Options(graphDir, v, metric, maxSnapM, minNetworkSize);
        }

        public Options withMetric(Metric m) {
            return new Options(graphDir, vehicle, m, maxSnapM, minNetworkSize);
        }

        public Options withMaxSnapM(double meters) {
            return new Options(graphDir, vehicle, metric, meters, minNetworkSize);
        }

        public Options withMinNetworkSize(int edges) {
            return new Options(graphDir, vehicle, metric, maxSnapM, edges);
        }
    }

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Ends a shortest-path tree search once every destination is settled. */
    private static final class AllSettled extends RuntimeException {
        AllSettled() {
            super(null, null, false, false);
        }
    }

    private static final AllSettled ALL_SETTLED = new AllSettled();

    private final RoadGraph roads;
    private final Options options;
    private final Path osm;
    private final Path graphDir;
    private final boolean temporary;
    private final boolean reused;
    private final BaseGraph graph;
    private final LocationIndex index;
    private final Weighting vehicleWeighting;
    private final Weighting routeWeighting;
    private final EdgeFilter snapFilter;

    private RoadNetwork(
            RoadGraph roads,
            Options options,
            Path osm,
            Path graphDir,
            boolean temporary,
            boolean reused) {
        this.roads = roads;
        this.options = options;
        this.osm = osm;
        this.graphDir = graphDir;
        this.temporary = temporary;
        this.reused = reused;
        this.graph = roads.graph;
        this.index = roads.index;
        this.vehicleWeighting = roads.weighting(options.vehicle());
        this.routeWeighting =
                options.metric() == Metric.DISTANCE
                        ? new ShortestDistanceWeighting(vehicleWeighting)
                        : vehicleWeighting;
        BooleanEncodedValue subnetwork =
                roads.encoding.getBooleanEncodedValue(Subnetwork.key(options.vehicle().profile()));
        this.snapFilter = new DefaultSnapFilter(vehicleWeighting, subnetwork);
    }

    /** The network of an extract with the default options (temporary graph, car, shortest). */
    public static RoadNetwork open(Path osm) throws IOException {
        return open(osm, Options.defaults());
    }

    /**
     * Loads the network of an OSM extract: from the graph directory when it holds this extract's
     * graph, else by importing the extract (a few seconds for a city, minutes for a region).
     *
     * @param osm an OSM extract: {@code .osm}, {@code .osm.gz} or {@code .osm.pbf}
     * @throws NoSuchFileException when the extract does not exist
     * @throws IOException when it cannot be read or imported, when the graph directory holds files
     *     that are not a road graph, or when no road of the extract is open to the vehicle
     */
    public static RoadNetwork open(Path osm, Options options) throws IOException {
        if (!Files.isRegularFile(osm)) {
            throw new NoSuchFileException(
                    osm.toString(), null, "no OSM extract (.osm, .osm.gz or .osm.pbf) here");
        }
        boolean temporary = options.graphDir() == null;
        Path dir =
                temporary
                        ? Files.createTempDirectory("citylake-road-graph-")
                        : options.graphDir().toAbsolutePath();
        try {
            Properties key = GraphDirectory.key(osm, options.minNetworkSize());
            boolean reuse = GraphDirectory.reusable(dir, key);
            RoadGraph roads;
            if (reuse) {
                roads = RoadGraph.load(dir);
            } else {
                GraphDirectory.record(dir, key, osm, false);
                try {
                    roads = RoadGraph.build(osm, dir, options.minNetworkSize());
                } catch (RuntimeException e) {
                    throw new IOException(
                            osm + " could not be imported as a road network: " + e.getMessage(), e);
                }
                GraphDirectory.record(dir, key, osm, true);
            }
            RoadNetwork network = new RoadNetwork(roads, options, osm, dir, temporary, reuse);
            network.requireRoads();
            return network;
        } catch (IOException | RuntimeException e) {
            if (temporary) {
                GraphDirectory.delete(dir);
            }
            throw e;
        }
    }

    private void requireRoads() throws IOException {
        AllEdgesIterator edges = graph.getAllEdges();
        while (edges.next()) {
            if (snapFilter.accept(edges)) {
                return;
            }
        }
        close();
        throw new IOException(
                osm
                        + " has no road a "
                        + options.vehicle().name().toLowerCase(Locale.ROOT)
                        + " may drive (after leaving out pieces under "
                        + options.minNetworkSize()
                        + " edges): is it the right extract?");
    }

    /** The options this network was opened with. */
    public Options options() {
        return options;
    }

    /** Where the graph is stored. */
    public Path graphDir() {
        return graphDir;
    }

    /** Whether this load reused a graph built earlier instead of importing the extract. */
    public boolean reusedGraph() {
        return reused;
    }

    @Override
    public String describe() {
        return options.vehicle().name().toLowerCase(Locale.ROOT)
                + " roads of "
                + osm.getFileName()
                + " ("
                + options.metric().name().toLowerCase(Locale.ROOT)
                + "-minimising routes)";
    }

    /**
     * Places a position on the network: the nearest point of a road the vehicle may drive. A
     * position off the roads is snapped to them; one farther than the maximum snap distance comes
     * back with {@link RoadPoint#onNetwork()} false and the distance to the nearest road.
     *
     * @param lon WGS84 longitude
     * @param lat WGS84 latitude
     */
    public RoadPoint snap(double lon, double lat) {
        requireLonLat(lon, lat);
        Snap snap = index.findClosest(lat, lon, snapFilter);
        Coordinate position = new Coordinate(lon, lat);
        if (snap.isValid() && snap.getQueryDistance() <= options.maxSnapM()) {
            return new RoadPoint(
                    position, lonLat(snap.getSnappedPoint()), snap.getQueryDistance(), true);
        }
        // The index searches a few tiles around the position; beyond them, look at every road.
        return nearestRoadFarAway(position);
    }

    /** {@link #snap(double, double)} of each position, in order. */
    public List<RoadPoint> snapAll(List<Coordinate> positions) {
        List<RoadPoint> points = new ArrayList<>(positions.size());
        for (Coordinate c : positions) {
            points.add(snap(c.x, c.y));
        }
        return points;
    }

    /**
     * Road distances and times between positions, each snapped to the network first.
     *
     * @throws NotOnNetworkException when a position is not on the network
     */
    @Override
    public TravelMatrix matrix(List<Coordinate> positions) {
        return matrixBetween(snapAll(positions));
    }

    /**
     * Road distances and times between points placed by {@link #snap}, from each point's road
     * position to each other's along the routes that minimise the metric: one shortest-path tree
     * per origin over a graph holding all the points, stopped once every point is reached.
     *
     * @throws NotOnNetworkException when a point is not on the network
     */
    public TravelMatrix matrixBetween(List<RoadPoint> points) {
        requireOnNetwork(points);
        int n = points.size();
        double[][] meters = new double[n][n];
        double[][] seconds = new double[n][n];
        for (double[] row : meters) {
            Arrays.fill(row, Double.NaN);
        }
        for (double[] row : seconds) {
            Arrays.fill(row, Double.NaN);
        }
        if (n == 0) {
            return TravelMatrix.of(meters, seconds, describe());
        }
        List<Snap> snaps = snapsOf(points);
        QueryGraph queryGraph = QueryGraph.create(graph, snaps);
        Weighting weighting = queryGraph.wrapWeighting(routeWeighting);
        int[] nodes = new int[n];
        IntObjectHashMap<int[]> pointsAtNode = new IntObjectHashMap<>();
        for (int i = 0; i < n; i++) {
            nodes[i] = snaps.get(i).getClosestNode();
            int[] at = pointsAtNode.get(nodes[i]);
            pointsAtNode.put(nodes[i], at == null ? new int[] {i} : append(at, i));
        }
        int distinctNodes = pointsAtNode.size();
        for (int from = 0; from < n; from++) {
            final int origin = from;
            int[] settled = {0};
            ShortestPathTree tree =
                    new ShortestPathTree(queryGraph, weighting, false, TraversalMode.NODE_BASED);
            tree.setWeightLimit(Double.MAX_VALUE);
            try {
                tree.search(
                        nodes[from],
                        label -> {
                            int[] at = pointsAtNode.get(label.node);
                            if (at == null) {
                                return;
                            }
                            for (int to : at) {
                                meters[origin][to] = label.distance;
                                seconds[origin][to] = label.time / 1000.0;
                            }
                            if (++settled[0] == distinctNodes) {
                                throw ALL_SETTLED;
                            }
                        });
            } catch (AllSettled done) {
                // every point reached: the rest of the tree is not needed
            }
        }
        return TravelMatrix.of(meters, seconds, describe());
    }

    /**
     * The route from one position to another, each snapped to the network first.
     *
     * @return empty when no road leads from {@code from} to {@code to}
     * @throws NotOnNetworkException when a position is not on the network
     */
    public Optional<Route> route(Coordinate from, Coordinate to) {
        return route(snap(from.x, from.y), snap(to.x, to.y));
    }

    /**
     * The route between two points placed by {@link #snap}, minimising the metric.
     *
     * @return empty when no road leads from {@code from} to {@code to}
     * @throws NotOnNetworkException when a point is not on the network
     */
    public Optional<Route> route(RoadPoint from, RoadPoint to) {
        requireOnNetwork(List.of(from, to));
        List<Snap> snaps = snapsOf(List.of(from, to));
        QueryGraph queryGraph = QueryGraph.create(graph, snaps);
        DijkstraBidirectionRef algorithm =
                new DijkstraBidirectionRef(
                        queryGraph,
                        queryGraph.wrapWeighting(routeWeighting),
                        TraversalMode.NODE_BASED);
        com.graphhopper.routing.Path path =
                algorithm.calcPath(snaps.get(0).getClosestNode(), snaps.get(1).getClosestNode());
        if (!path.isFound()) {
            return Optional.empty();
        }
        return Optional.of(
                new Route(
                        from,
                        to,
                        path.getDistance(),
                        path.getTime() / 1000.0,
                        lineString(path.calcPoints())));
    }

    /**
     * The candidate nearest to a position by road (the metric decides "nearest": length or time),
     * found with one shortest-path tree from the position. Candidates not on the network or not
     * reachable from the position are passed over; among equally near candidates the first wins.
     *
     * @return empty when no candidate can be reached from the position
     * @throws NotOnNetworkException when the position is not on the network
     */
    public Optional<Nearest> nearest(Coordinate position, List<Coordinate> candidates) {
        RoadPoint from = snap(position.x, position.y);
        requireOnNetwork(List.of(from));
        List<RoadPoint> sites = snapAll(candidates);
        List<RoadPoint> points = new ArrayList<>();
        List<Integer> siteIndex = new ArrayList<>();
        points.add(from);
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i).onNetwork()) {
                points.add(sites.get(i));
                siteIndex.add(i);
            }
        }
        int best = -1;
        double bestWeight = Double.POSITIVE_INFINITY;
        TravelMatrix fromPosition = matrixFrom(points);
        for (int k = 1; k < points.size(); k++) {
            if (!fromPosition.isReachable(0, k)) {
                continue;
            }
            double weight =
                    options.metric() == Metric.DISTANCE
                            ? fromPosition.meters(0, k)
                            : fromPosition.seconds(0, k);
            if (weight < bestWeight) {
                bestWeight = weight;
                best = k;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        int index = siteIndex.get(best - 1);
        Route route =
                route(from, points.get(best))
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "candidate "
                                                        + index
                                                        + " was reached by the tree but"
                                                        + " not by a route"));
        Coordinate c = candidates.get(index);
        double air = DistanceCalcEarth.DIST_EARTH.calcDist(position.y, position.x, c.y, c.x);
        return Optional.of(new Nearest(index, air, route));
    }

    /** Row 0 of the matrix of {@code points}: from the first point to each (one tree). */
    private TravelMatrix matrixFrom(List<RoadPoint> points) {
        int n = points.size();
        List<Snap> snaps = snapsOf(points);
        QueryGraph queryGraph = QueryGraph.create(graph, snaps);
        double[][] meters = new double[n][n];
        double[][] seconds = new double[n][n];
        for (double[] row : meters) {
            Arrays.fill(row, Double.NaN);
        }
        for (double[] row : seconds) {
            Arrays.fill(row, Double.NaN);
        }
        IntObjectHashMap<int[]> pointsAtNode = new IntObjectHashMap<>();
        for (int i = 0; i < n; i++) {
            int node = snaps.get(i).getClosestNode();
            int[] at = pointsAtNode.get(node);
            pointsAtNode.put(node, at == null ? new int[] {i} : append(at, i));
        }
        ShortestPathTree tree =
                new ShortestPathTree(
                        queryGraph,
                        queryGraph.wrapWeighting(routeWeighting),
                        false,
                        TraversalMode.NODE_BASED);
        tree.setWeightLimit(Double.MAX_VALUE);
        tree.search(
                snaps.get(0).getClosestNode(),
                label -> {
                    int[] at = pointsAtNode.get(label.node);
                    if (at != null) {
                        for (int to : at) {
                            meters[0][to] = label.distance;
                            seconds[0][to] = label.time / 1000.0;
                        }
                    }
                });
        for (int i = 1; i < n; i++) {
            meters[i][i] = 0;
            seconds[i][i] = 0;
        }
        return TravelMatrix.of(meters, seconds, describe());
    }

    @Override
    public void close() {
        roads.close();
        if (temporary) {
            try {
                GraphDirectory.delete(graphDir);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not delete the temporary graph " + graphDir, e);
            }
        }
    }

    private List<Snap> snapsOf(List<RoadPoint> points) {
        // Fresh snaps every time: a QueryGraph rewrites the snaps it is built from.
        List<Snap> snaps = new ArrayList<>(points.size());
        for (RoadPoint p : points) {
            Snap snap = index.findClosest(p.position().y, p.position().x, snapFilter);
            if (!snap.isValid()) {
                throw new IllegalStateException(
                        p.describe() + " was on the network but no longer snaps to it");
            }
            snaps.add(snap);
        }
        return snaps;
    }

    private void requireOnNetwork(List<RoadPoint> points) {
        List<RoadPoint> off = points.stream().filter(p -> !p.onNetwork()).toList();
        if (!off.isEmpty()) {
            throw new NotOnNetworkException(off, options.maxSnapM(), describe());
        }
    }

    private RoadPoint nearestRoadFarAway(Coordinate position) {
        DistanceCalcEarth calc = DistanceCalcEarth.DIST_EARTH;
        double best = Double.POSITIVE_INFINITY;
        GHPoint bestPoint = null;
        AllEdgesIterator edges = graph.getAllEdges();
        while (edges.next()) {
            if (!snapFilter.accept(edges)) {
                continue;
            }
            PointList geometry = edges.fetchWayGeometry(FetchMode.ALL);
            for (int i = 0; i < geometry.size(); i++) {
                double d =
                        calc.calcDist(
                                position.y, position.x, geometry.getLat(i), geometry.getLon(i));
                if (d < best) {
                    best = d;
                    bestPoint = new GHPoint(geometry.getLat(i), geometry.getLon(i));
                }
                if (i > 0
                        && calc.validEdgeDistance(
                                position.y,
                                position.x,
                                geometry.getLat(i - 1),
                                geometry.getLon(i - 1),
                                geometry.getLat(i),
                                geometry.getLon(i))) {
                    GHPoint foot =
                            calc.calcCrossingPointToEdge(
                                    position.y,
                                    position.x,
                                    geometry.getLat(i - 1),
                                    geometry.getLon(i - 1),
                                    geometry.getLat(i),
                                    geometry.getLon(i));
                    double f = calc.calcDist(position.y, position.x, foot.lat, foot.lon);
                    if (f < best) {
                        best = f;
                        bestPoint = foot;
                    }
                }
            }
        }
        boolean within = best <= options.maxSnapM();
        if (within) {
            // Only reached when the index missed a road in range: trust the index's answer there.
            Snap snap = index.findClosest(position.y, position.x, snapFilter);
            if (snap.isValid()) {
                return new RoadPoint(
                        position,
                        lonLat(snap.getSnappedPoint()),
                        snap.getQueryDistance(),
                        snap.getQueryDistance() <= options.maxSnapM());
            }
        }
        return new RoadPoint(position, new Coordinate(bestPoint.lon, bestPoint.lat), best, false);
    }

    private static void requireLonLat(double lon, double lat) {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException(
                    "("
                            + lon
                            + " "
                            + lat
                            + ") is not a WGS84 lon/lat position: give the longitude first,"
                            + " then the latitude, in degrees");
        }
    }

    private static Coordinate lonLat(GHPoint p) {
        return new Coordinate(p.lon, p.lat);
    }

    private static LineString lineString(PointList points) {
        Coordinate[] cs = new Coordinate[Math.max(2, points.size())];
        for (int i = 0; i < points.size(); i++) {
            cs[i] = new Coordinate(points.getLon(i), points.getLat(i));
        }
        if (points.size() == 1) {
            cs[1] = cs[0].copy();
        }
        return GEOMETRY.createLineString(cs);
    }

    private static int[] append(int[] values, int value) {
        int[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }
}
