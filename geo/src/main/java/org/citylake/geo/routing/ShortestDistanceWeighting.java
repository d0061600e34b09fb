package org.citylake.geo.routing;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.EdgeIteratorState;

/**
 * Weighs an edge by its length in metres where the vehicle may drive it (in that direction), and
 * infinitely where it may not; travel times stay those of the vehicle's own weighting. Routes that
 * minimise this weight are the shortest open routes, with their real driving time.
 */
final class ShortestDistanceWeighting implements Weighting {

    private final Weighting vehicle;

    ShortestDistanceWeighting(Weighting vehicle) {
        this.vehicle = vehicle;
    }

    @Override
    public double calcMinWeightPerDistance() {
        return 1;
    }

    @Override
    public double calcEdgeWeight(EdgeIteratorState edge, boolean reverse) {
        double weight = vehicle.calcEdgeWeight(edge, reverse);
        return Double.isInfinite(weight) ? Double.POSITIVE_INFINITY : edge.getDistance();
    }

    @Override
    public long calcEdgeMillis(EdgeIteratorState edge, boolean reverse) {
        return vehicle.calcEdgeMillis(edge, reverse);
    }

    @Override
    public double calcTurnWeight(int inEdge, int viaNode, int outEdge) {
        return vehicle.calcTurnWeight(inEdge, viaNode, outEdge);
    }

    @Override
    public long calcTurnMillis(int inEdge, int viaNode, int outEdge) {
        return vehicle.calcTurnMillis(inEdge, viaNode, outEdge);
    }

    @Override
    public boolean hasTurnCosts() {
        return vehicle.hasTurnCosts();
    }

    @Override
    public String getName() {
        return "shortest_" + vehicle.getName();
    }
}
