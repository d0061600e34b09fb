package org.citylake.geo.routing;

/** What a route between two points minimises; the other quantity is measured along that route. */
public enum Metric {
    /** The shortest route by length; its travel time is the vehicle's time along it. */
    DISTANCE,
    /** The fastest route for the vehicle; its length is measured along it. */
    TIME
}
