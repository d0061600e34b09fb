package org.citylake.geo.routing;

import com.graphhopper.reader.osm.OSMReader;
import com.graphhopper.routing.OSMReaderConfig;
import com.graphhopper.routing.ev.DefaultImportRegistry;
import com.graphhopper.routing.ev.EncodedValue;
import com.graphhopper.routing.ev.ImportRegistry;
import com.graphhopper.routing.ev.ImportUnit;
import com.graphhopper.routing.ev.ImportUnitSorter;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.subnetwork.PrepareRoutingSubnetworks;
import com.graphhopper.routing.subnetwork.PrepareRoutingSubnetworks.PrepareJob;
import com.graphhopper.routing.util.AreaIndex;
import com.graphhopper.routing.util.CustomArea;
import com.graphhopper.routing.util.EncodingManager;
import com.graphhopper.routing.util.OSMParsers;
import com.graphhopper.routing.weighting.TurnCostProvider;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.routing.weighting.custom.CustomModelParser;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.DAType;
import com.graphhopper.storage.GHDirectory;
import com.graphhopper.storage.index.LocationIndexTree;
import com.graphhopper.util.PMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GraphHopper's import pipeline, assembled from its parts rather than through its {@code
 * GraphHopper} facade: the facade records the graph's encoding as JSON with a Jackson naming
 * constant that the Jackson pinned in this build (2.20) no longer has. The encoding here is fixed
 * in code ({@link Vehicle#ENCODED_VALUES} and the subnetwork flags of the two vehicles), so a
 * stored graph is reopened by building the same encoding again; {@link GraphDirectory#FORMAT}
 * changes with it.
 *
 * <pre>
 *   encoded values + what their parsers need ──▶ EncodingManager, OSM tag parsers
 *   OSMReader(extract) ──▶ BaseGraph (nodes, edges, geometry)
 *   PrepareRoutingSubnetworks per vehicle ──▶ small cut-off pieces flagged (not snapped to)
 *   LocationIndexTree ──▶ nearest-edge index;  flush both to the graph directory
 * </pre>
 */
final class RoadGraph implements AutoCloseable {

    /** GraphHopper's defaults: index cells of 300 m, searched up to 4 rings out. */
    private static final int INDEX_RESOLUTION_M = 300;

    private static final int INDEX_MAX_REGION_SEARCH = 4;

    final EncodingManager encoding;
    final BaseGraph graph;
    final LocationIndexTree index;

    private RoadGraph(EncodingManager encoding, BaseGraph graph, LocationIndexTree index) {
        this.encoding = encoding;
        this.graph = graph;
        this.index = index;
    }

    /** Imports an OSM extract into {@code dir} (empty) and stores it there. */
    static RoadGraph build(Path osm, Path dir, int minNetworkSize) throws IOException {
        Encoding encoding = encoding();
        GHDirectory directory = new GHDirectory(dir.toString(), DAType.RAM_STORE);
        BaseGraph graph = new BaseGraph.Builder(encoding.manager).setDir(directory).build();
        directory.create();
        graph.create(100);
        new OSMReader(graph, encoding.parsers, new OSMReaderConfig())
                .setFile(osm.toFile())
                .setAreaIndex(new AreaIndex<CustomArea>(List.of()))
                .readGraph();
        List<PrepareJob> jobs = new ArrayList<>();
        for (Vehicle v : Vehicle.values()) {
            jobs.add(
                    new PrepareJob(
                            encoding.manager.getBooleanEncodedValue(Subnetwork.key(v.profile())),
                            weighting(encoding.manager, v)));
        }
        new PrepareRoutingSubnetworks(graph, jobs).setMinNetworkSize(minNetworkSize).doWork();
        LocationIndexTree index = index(graph, directory);
        index.prepareIndex();
        graph.flush();
        index.flush();
        return new RoadGraph(encoding.manager, graph, index);
    }

    /** Reopens a graph {@link #build} stored in {@code dir}. */
    static RoadGraph load(Path dir) throws IOException {
        Encoding encoding = encoding();
        GHDirectory directory = new GHDirectory(dir.toString(), DAType.RAM_STORE);
        BaseGraph graph = new BaseGraph.Builder(encoding.manager).setDir(directory).build();
        boolean loaded = graph.loadExisting();
        LocationIndexTree index = loaded ? index(graph, directory) : null;
        if (!loaded || !index.loadExisting()) {
            graph.close();
            throw new IOException(
                    dir
                            + " is recorded as a built road graph but its files cannot be read:"
                            + " delete the directory to build it again");
        }
        return new RoadGraph(encoding.manager, graph, index);
    }

    /** The vehicle's own weighting: travel time where it may drive, infinite elsewhere. */
    Weighting weighting(Vehicle vehicle) {
        return weighting(encoding, vehicle);
    }

    @Override
    public void close() {
        index.close();
        graph.close();
    }

    private static Weighting weighting(EncodingManager encoding, Vehicle vehicle) {
        return CustomModelParser.createWeighting(
                encoding, TurnCostProvider.NO_TURN_COST_PROVIDER, vehicle.customModel());
    }

    private static LocationIndexTree index(BaseGraph graph, GHDirectory directory) {
        LocationIndexTree index = new LocationIndexTree(graph, directory);
        index.setResolution(INDEX_RESOLUTION_M);
        index.setMaxRegionSearch(INDEX_MAX_REGION_SEARCH);
        return index;
    }

    private record Encoding(EncodingManager manager, OSMParsers parsers) {}

    /**
     * The vehicles' encoded values, those GraphHopper always adds (road class and environment,
     * roundabouts, link roads, max speed) and whatever their parsers require, in the order
     * GraphHopper would create them.
     */
    private static Encoding encoding() {
        Map<String, PMap> requested = new LinkedHashMap<>();
        for (String name : Vehicle.ENCODED_VALUES.split(",")) {
            requested.put(name.trim(), new PMap());
        }
        for (String name :
                List.of(
                        "road_class",
                        "road_environment",
                        "roundabout",
                        "car_access",
                        "road_class_link",
                        "max_speed")) {
            requested.putIfAbsent(name, new PMap());
        }
        ImportRegistry registry = new DefaultImportRegistry();
        Map<String, ImportUnit> units = new LinkedHashMap<>();
        ArrayDeque<String> pending = new ArrayDeque<>(requested.keySet());
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            ImportUnit unit = registry.createImportUnit(name);
            if (unit == null) {
                throw new IllegalStateException("GraphHopper has no encoded value " + name);
            }
            if (units.put(name, unit) == null) {
                pending.addAll(unit.getRequiredImportUnits());
            }
        }
        EncodingManager.Builder builder = new EncodingManager.Builder();
        units.forEach(
                (name, unit) -> {
                    if (unit.getCreateEncodedValue() != null) {
                        EncodedValue ev =
                                unit.getCreateEncodedValue()
                                        .apply(requested.getOrDefault(name, new PMap()));
                        builder.add(ev);
                    }
                });
        for (Vehicle v : Vehicle.values()) {
            builder.add(Subnetwork.create(v.profile()));
        }
        EncodingManager manager = builder.build();
        OSMParsers parsers = new OSMParsers();
        new OSMReaderConfig().getIgnoredHighways().forEach(parsers::addIgnoredHighway);
        for (String name : new ImportUnitSorter(units).sort()) {
            ImportUnit unit = units.get(name);
            if (unit.getCreateTagParser() != null) {
                parsers.addWayTagParser(
                        unit.getCreateTagParser()
                                .apply(manager, requested.getOrDefault(name, new PMap())));
            }
        }
        return new Encoding(manager, parsers);
    }
}
