package org.citylake.geo.routing;

import org.locationtech.jts.geom.LineString;

/**
 * A route on the road network between two placed points.
 *
 * @param from where it starts (the start position and its snap to the road)
 * @param to where it ends
 * @param meters length along the roads, from {@code from.onRoad()} to {@code to.onRoad()}
 * @param seconds the vehicle's driving time along it
 * @param geometry the path, WGS84 lon/lat, from {@code from.onRoad()} to {@code to.onRoad()} (two
 *     equal points when both snap to the same place)
 */
public record Route(
        RoadPoint from, RoadPoint to, double meters, double seconds, LineString geometry) {}
