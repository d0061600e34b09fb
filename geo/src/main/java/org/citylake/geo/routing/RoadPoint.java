package org.citylake.geo.routing;

import org.locationtech.jts.geom.Coordinate;

/**
 * A position placed on a road network: the nearest point of a road the vehicle may drive (lon/lat,
 * x = longitude) and how far that is from the position.
 *
 * @param position the position asked for (WGS84 lon/lat)
 * @param onRoad the nearest point on a drivable road of the network (WGS84 lon/lat)
 * @param snapDistanceM metres from {@code position} to {@code onRoad}
 * @param onNetwork false when {@code snapDistanceM} exceeds the network's maximum snap distance:
 *     the position is not in the area the network covers and cannot be routed from or to
 */
public record RoadPoint(
        Coordinate position, Coordinate onRoad, double snapDistanceM, boolean onNetwork) {

    /** One line for a person: where the position lies with respect to the network. */
    public String describe() {
        String at = String.format(java.util.Locale.ROOT, "(%.6f %.6f)", position.x, position.y);
        return onNetwork
                ? String.format(
                        java.util.Locale.ROOT,
                        "%s snapped %.1f m to the road at (%.6f %.6f)",
                        at,
                        snapDistanceM,
                        onRoad.x,
                        onRoad.y)
                : String.format(
                        java.util.Locale.ROOT,
                        "%s is not on this road network: the nearest road is %.0f m away",
                        at,
                        snapDistanceM);
    }
}
