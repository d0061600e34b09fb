package org.citylake.analytics.waste;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of one day's travel matrix: the city's depots, then every placed bin the day concerns
 * (emptied or due), each once.
 */
final class DayPoints {

    private final Map<String, Integer> depotIndex = new LinkedHashMap<>();
    private final Map<String, Integer> binIndex = new LinkedHashMap<>();
    private final List<double[]> points = new ArrayList<>();

    DayPoints(WasteAssets assets, Collection<String> binIds) {
        for (WasteAssets.Depot d : assets.depots().values()) {
            depotIndex.put(d.id(), points.size());
            points.add(new double[] {d.lon(), d.lat()});
        }
        for (String id : binIds) {
            WasteAssets.Bin bin = assets.bins().get(id);
            if (bin != null && bin.placed() && !binIndex.containsKey(id)) {
                binIndex.put(id, points.size());
                points.add(new double[] {bin.lon(), bin.lat()});
            }
        }
    }

    List<double[]> points() {
        return points;
    }

    /** The index of a depot, or -1. */
    int depot(WasteAssets.Depot depot) {
        return depot == null ? -1 : depotIndex.getOrDefault(depot.id(), -1);
    }

    /** The index of a bin, or -1 when it has no position. */
    int bin(String containerId) {
        return binIndex.getOrDefault(containerId, -1);
    }

    double[] at(int index) {
        return points.get(index);
    }
}
