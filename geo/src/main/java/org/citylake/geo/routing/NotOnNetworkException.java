package org.citylake.geo.routing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Positions farther from every drivable road than the network's maximum snap distance: they lie
 * outside the area the network covers (a wrong city, swapped lon/lat) and cannot be routed.
 */
public final class NotOnNetworkException extends IllegalArgumentException {

    private final transient List<RoadPoint> offNetwork;

    NotOnNetworkException(List<RoadPoint> offNetwork, double maxSnapM, String network) {
        super(
                offNetwork.size()
                        + " position(s) farther than "
                        + Math.round(maxSnapM)
                        + " m from every road of "
                        + network
                        + ": "
                        + offNetwork.stream()
                                .limit(5)
                                .map(RoadPoint::describe)
                                .collect(Collectors.joining("; "))
                        + (offNetwork.size() > 5 ? "; …" : "")
                        + ". Check the positions (lon first, then lat) and the city's OSM extract,"
                        + " or raise the maximum snap distance.");
        this.offNetwork = List.copyOf(offNetwork);
    }

    /** The positions that are not on the network, with the distance to the nearest road. */
    public List<RoadPoint> offNetwork() {
        return offNetwork;
    }
}
