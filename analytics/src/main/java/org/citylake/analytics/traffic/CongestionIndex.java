package org.citylake.analytics.traffic;

import java.util.Arrays;

/**
 * The arithmetic of the travel time index (DESIGN §5): TTI = observed travel time / free-flow
 * travel time, clipped below at 1 (faster than free flow is not "negative congestion"); congestion
 * % = (TTI − 1) × 100; Gaode bands 1.0–1.5 free, 1.5–2.0 slow, 2.0–4.0 congested, ≥ 4 severe.
 */
public final class CongestionIndex {

    private CongestionIndex() {}

    public static double clip(double rawTti) {
        return Math.max(1.0, rawTti);
    }

    public static double congestionPct(double tti) {
        return (tti - 1.0) * 100.0;
    }

    public static String band(double tti) {
        if (tti < 1.5) {
            return "free";
        }
        if (tti < 2.0) {
            return "slow";
        }
        if (tti < 4.0) {
            return "congested";
        }
        return "severe";
    }

    /**
     * The {@code p} percentile of {@code values} by linear interpolation between closest ranks
     * (rank {@code p × (n − 1)}, the common "type 7" definition). {@code values} is sorted in
     * place.
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        Arrays.sort(values);
        double rank = p * (values.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return values[lo] + (rank - lo) * (values[hi] - values[lo]);
    }
}
