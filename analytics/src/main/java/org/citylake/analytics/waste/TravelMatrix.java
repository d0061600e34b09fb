package org.citylake.analytics.waste;

/**
 * Distances and driving times between points, index by index (row: from, column: to; may be
 * asymmetric).
 *
 * @param metres NaN where no route exists
 * @param seconds NaN where no route exists
 * @param source {@value #ROAD} or {@value #GREAT_CIRCLE}
 */
public record TravelMatrix(double[][] metres, double[][] seconds, String source) {

    public static final String ROAD = "road";
    public static final String GREAT_CIRCLE = "great_circle";

    public int size() {
        return metres.length;
    }
}
