package org.citylake.analytics.waste;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.geo.routing.TravelMatrix;

/**
 * Routes reconstructed from the collections of one day, pure. A vehicle's pickups in time order
 * form its route; a pause longer than the route gap starts a new one. Its distance is depot →
 * pickups in time order → depot (the vehicle's depot, else the city's first; without a depot, the
 * pickups only), by the day's travel matrix; bins without a position are left out of the distance
 * and counted. Truck hours are the matrix's driving time plus a service time per pickup, the same
 * model the plan is measured in.
 */
final class Routes {

    private Routes() {}

    /** The day's pickups by vehicle, in time order (vehicle id order). */
    static Map<String, List<BinEvent>> byVehicle(List<BinEvent> pickups) {
        Map<String, List<BinEvent>> by = new TreeMap<>();
        for (BinEvent e : pickups) {
            by.computeIfAbsent(e.vehicleId, k -> new ArrayList<>()).add(e);
        }
        by.values()
                .forEach(
                        l ->
                                l.sort(
                                        Comparator.comparingLong((BinEvent e) -> e.atMs)
                                                .thenComparing(e -> e.containerId)));
        return by;
    }

    /** One vehicle's pickups (in time order) cut into routes at pauses longer than {@code gap}. */
    static List<List<BinEvent>> split(List<BinEvent> pickups, Duration gap) {
        List<List<BinEvent>> routes = new ArrayList<>();
        List<BinEvent> current = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (BinEvent e : pickups) {
            if (!current.isEmpty() && e.atMs - last > gap.toMillis()) {
                routes.add(current);
                current = new ArrayList<>();
            }
            current.add(e);
            last = e.atMs;
        }
        if (!current.isEmpty()) {
            routes.add(current);
        }
        return routes;
    }

    /** The KPIs of every route of the day. */
    static List<RouteKpiRow> kpis(
            int day,
            List<BinEvent> pickups,
            WasteAssets assets,
            DayPoints points,
            TravelMatrix matrix,
            WasteSettings settings) {
        List<RouteKpiRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<BinEvent>> v : byVehicle(pickups).entrySet()) {
            int no = 0;
            for (List<BinEvent> route : split(v.getValue(), settings.routeGap())) {
                rows.add(
                        kpi(
                                day,
                                v.getKey(),
                                ++no,
                                route,
                                points.depot(assets.depotOf(v.getKey())),
                                points,
                                matrix,
                                settings));
            }
        }
        return rows;
    }

    static RouteKpiRow kpi(
            int day,
            String vehicleId,
            int routeNo,
            List<BinEvent> stops,
            int depot,
            DayPoints points,
            TravelMatrix matrix,
            WasteSettings settings) {
        RouteKpiRow row = new RouteKpiRow();
        row.day = day;
        row.vehicleId = vehicleId;
        row.routeNo = routeNo;
        row.startedMs = stops.get(0).atMs;
        row.endedMs = stops.get(stops.size() - 1).atMs;
        row.binsEmptied = stops.size();
        row.distanceSource = matrix.source();
        List<Integer> path = new ArrayList<>();
        if (depot >= 0) {
            path.add(depot);
        }
        double fillSum = 0;
        int fills = 0;
        int low = 0;
        for (BinEvent e : stops) {
            row.kg += e.weightKg == null ? 0 : e.weightKg;
            if (e.level != null) {
                fillSum += e.level;
                fills++;
                if (e.level < settings.lowFill()) {
                    low++;
                }
                if (e.level >= settings.overflowLevel()) {
                    row.overflows++;
                }
            }
            int at = points.bin(e.containerId);
            if (at < 0) {
                row.unplacedStops++;
            } else {
                path.add(at);
            }
        }
        if (depot >= 0) {
            path.add(depot);
        }
        double metres = 0;
        double seconds = 0;
        for (int i = 1; i < path.size(); i++) {
            metres += matrix.meters(path.get(i - 1), path.get(i));
            seconds += matrix.seconds(path.get(i - 1), path.get(i));
        }
        row.km = metres / 1000;
        row.driveHours = seconds / 3600;
        row.truckHours = row.driveHours + stops.size() * settings.service().toSeconds() / 3600.0;
        row.meanFill = fills == 0 ? null : fillSum / fills;
        row.lowFillShare = fills == 0 ? null : low / (double) fills;
        return row;
    }
}
