package org.citylake.geo.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Distances in metres and travel times in seconds from each of n points to each other, in the order
 * the points were given. Entry (i, j) is the trip from i to j; on one-way streets it differs from
 * (j, i). The diagonal is 0. A pair with no route (a one-way dead end, a separate network) is
 * <em>unreachable</em>: {@link #isReachable} is false, it is listed in {@link #unreachable()}, and
 * asking for its distance or time throws rather than returning a number.
 */
public final class TravelMatrix {

    /** A trip from one point to another, by index. */
    public record Pair(int from, int to) {}

    private final int size;
    private final double[] meters;
    private final double[] seconds;
    private final String source;

    private TravelMatrix(int size, double[] meters, double[] seconds, String source) {
        this.size = size;
        this.meters = meters;
        this.seconds = seconds;
        this.source = source;
    }

    /**
     * A matrix from square arrays, {@code NaN} (in both) marking an unreachable pair.
     *
     * @param source what the numbers are (see {@link TravelMatrixSource#describe()})
     * @throws IllegalArgumentException when the arrays are not square and of the same size, a value
     *     is negative or infinite, or only one of a pair's two values is {@code NaN}
     */
    public static TravelMatrix of(double[][] meters, double[][] seconds, String source) {
        int n = meters.length;
        if (seconds.length != n) {
            throw new IllegalArgumentException(
                    "distance matrix has " + n + " rows, time matrix " + seconds.length);
        }
        double[] m = new double[n * n];
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (meters[i].length != n || seconds[i].length != n) {
                throw new IllegalArgumentException(
                        "row " + i + " of a " + n + "-point matrix is not " + n + " long");
            }
            for (int j = 0; j < n; j++) {
                double d = meters[i][j];
                double t = seconds[i][j];
                if (Double.isNaN(d) != Double.isNaN(t)
                        || d < 0
                        || t < 0
                        || Double.isInfinite(d)
                        || Double.isInfinite(t)) {
                    throw new IllegalArgumentException(
                            "entry ("
                                    + i
                                    + ", "
                                    + j
                                    + ") is "
                                    + d
                                    + " m, "
                                    + t
                                    + " s: give finite non-negative values, or NaN in both for"
                                    + " an unreachable pair");
                }
                m[i * n + j] = d;
                s[i * n + j] = t;
            }
        }
        return new TravelMatrix(n, m, s, source);
    }

    /** The number of points. */
    public int size() {
        return size;
    }

    /** What the numbers are: road distances of a network, or great circles at a speed. */
    public String source() {
        return source;
    }

    /** Whether there is a route from point {@code from} to point {@code to}. */
    public boolean isReachable(int from, int to) {
        return !Double.isNaN(meters[index(from, to)]);
    }

    /**
     * Metres from point {@code from} to point {@code to}.
     *
     * @throws UnreachableException when there is no route (see {@link #isReachable})
     */
    public double meters(int from, int to) {
        return value(meters, from, to);
    }

    /**
     * Seconds of travel from point {@code from} to point {@code to}.
     *
     * @throws UnreachableException when there is no route (see {@link #isReachable})
     */
    public double seconds(int from, int to) {
        return value(seconds, from, to);
    }

    /** Every unreachable pair, by origin then destination. */
    public List<Pair> unreachable() {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (Double.isNaN(meters[i * size + j])) {
                    pairs.add(new Pair(i, j));
                }
            }
        }
        return pairs;
    }

    private double value(double[] values, int from, int to) {
        double v = values[index(from, to)];
        if (Double.isNaN(v)) {
            throw new UnreachableException(from, to, source);
        }
        return v;
    }

    private int index(int from, int to) {
        if (from < 0 || from >= size || to < 0 || to >= size) {
            throw new IndexOutOfBoundsException(
                    "(" + from + ", " + to + ") is outside a " + size + "-point matrix");
        }
        return from * size + to;
    }

    /** Asked for the distance or time of a pair that has no route. */
    public static final class UnreachableException extends IllegalStateException {
        private final int from;
        private final int to;

        UnreachableException(int from, int to, String source) {
            super(
                    "no route from point "
                            + from
                            + " to point "
                            + to
                            + " on "
                            + source
                            + " (one-way streets lead away, or the points lie on separate"
                            + " networks); check TravelMatrix.isReachable first, or leave one of"
                            + " them out");
            this.from = from;
            this.to = to;
        }

        public int from() {
            return from;
        }

        public int to() {
            return to;
        }
    }
}
