package org.citylake.analytics.waste;

import java.util.List;

/** Where a day's distances come from: the road network, or the great circle without one. */
public interface Travel extends AutoCloseable {

    /** The matrix between {@code points} ({lon, lat}, WGS84). */
    TravelMatrix between(List<double[]> points);

    /** {@link TravelMatrix#ROAD} or {@link TravelMatrix#GREAT_CIRCLE}. */
    String source();

    @Override
    default void close() {}
}
