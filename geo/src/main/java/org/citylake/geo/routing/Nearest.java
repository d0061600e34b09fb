package org.citylake.geo.routing;

/**
 * The candidate nearest to a position by road.
 *
 * @param index the candidate's index in the list asked about
 * @param airDistanceM great-circle metres from the position to the candidate (as given, unsnapped)
 * @param route the road route from the position to the candidate; {@code route.from()} carries the
 *     position's snap distance, {@code route.meters()} the road distance
 */
public record Nearest(int index, double airDistanceM, Route route) {

    /** Metres along the roads from the position's road point to the candidate's. */
    public double roadDistanceM() {
        return route.meters();
    }
}
