package org.citylake.geo.routing;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * Travel distances and times between positions: by road on a city's network ({@link RoadNetwork})
 * or along great circles where a city has none ({@link GreatCircle}).
 */
public interface TravelMatrixSource {

    /**
     * The matrix from every position to every other, in list order.
     *
     * @param positions WGS84 lon/lat (x = longitude)
     * @throws NotOnNetworkException when a road network cannot place a position on its roads
     */
    TravelMatrix matrix(List<Coordinate> positions);

    /** What the distances are, for logs and reports (e.g. "car roads of monaco.osm.gz"). */
    String describe();
}
