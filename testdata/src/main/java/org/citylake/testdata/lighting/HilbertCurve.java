package org.citylake.testdata.lighting;

/**
 * The position along a Hilbert curve of a point on a 2^16 × 2^16 grid: points close on the curve
 * are close in space, so cutting lamps sorted by it into runs gives compact groups (circuits,
 * cabinets).
 */
public final class HilbertCurve {

    public static final int ORDER = 16;
    public static final int SIDE = 1 << ORDER;

    private HilbertCurve() {}

    /** The curve index of grid cell (x, y), both in [0, 2^16). */
    public static long index(int x, int y) {
        long d = 0;
        for (int s = SIDE / 2; s > 0; s /= 2) {
            int rx = (x & s) > 0 ? 1 : 0;
            int ry = (y & s) > 0 ? 1 : 0;
            d += (long) s * s * ((3 * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) {
                    x = SIDE - 1 - x;
                    y = SIDE - 1 - y;
                }
                int t = x;
                x = y;
                y = t;
            }
        }
        return d;
    }
}
