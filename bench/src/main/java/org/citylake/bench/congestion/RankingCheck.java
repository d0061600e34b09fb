package org.citylake.bench.congestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Are two congestion rankings equal? The same rows (period kind and start, scope kind and id), each
 * with the same rank, counts and name, and the same sums to a relative {@value
 * #RELATIVE_TOLERANCE}: the engines add the same doubles in different orders, which moves the last
 * bits only.
 */
final class RankingCheck {

    static final double RELATIVE_TOLERANCE = 1e-9;

    /** Differences listed in a failure message; the count says how many there were in all. */
    private static final int SHOWN = 5;

    private RankingCheck() {}

    /** Null when equal, else the number of differing rows and the first few differences. */
    static String difference(List<RankedScope> expected, List<RankedScope> actual) {
        Map<String, RankedScope> want = byKey(expected, "first");
        Map<String, RankedScope> got = byKey(actual, "second");
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(want.keySet());
        keys.addAll(got.keySet());
        for (String key : keys) {
            RankedScope a = want.get(key);
            RankedScope b = got.get(key);
            if (a == null) {
                differences.add(key + ": only in the second (rank " + b.scopeRank() + ")");
            } else if (b == null) {
                differences.add(key + ": only in the first (rank " + a.scopeRank() + ")");
            } else {
                String d = rowDifference(a, b);
                if (d != null) {
                    differences.add(key + ": " + d);
                }
            }
        }
        if (differences.isEmpty()) {
            return null;
        }
        return differences.size()
                + " of "
                + keys.size()
                + " rows differ, e.g. "
                + String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())));
    }

    private static Map<String, RankedScope> byKey(List<RankedScope> rows, String which) {
        Map<String, RankedScope> map = new LinkedHashMap<>();
        for (RankedScope r : rows) {
            if (map.put(r.key(), r) != null) {
                throw new IllegalArgumentException(
                        "the " + which + " ranking holds " + r.key() + " twice");
            }
        }
        return map;
    }

    private static String rowDifference(RankedScope a, RankedScope b) {
        List<String> d = new ArrayList<>();
        exact(d, "scope_rank", a.scopeRank(), b.scopeRank());
        exact(d, "scope_name", a.scopeName(), b.scopeName());
        exact(d, "vehicles", a.vehicles(), b.vehicles());
        exact(d, "segments", a.segments(), b.segments());
        exact(d, "peak_readings", a.peakReadings(), b.peakReadings());
        exact(d, "outlier_readings", a.outlierReadings(), b.outlierReadings());
        exact(d, "days_with_data", a.daysWithData(), b.daysWithData());
        close(d, "peak_tti", a.peakTti(), b.peakTti());
        close(d, "delay_vehicle_hours", a.delayVehicleHours(), b.delayVehicleHours());
        close(d, "vehicle_km", a.vehicleKm(), b.vehicleKm());
        close(d, "length_km", a.lengthKm(), b.lengthKm());
        return d.isEmpty() ? null : String.join(", ", d);
    }

    private static void exact(List<String> d, String column, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            d.add(column + " " + a + " vs " + b);
        }
    }

    private static void close(List<String> d, String column, double a, double b) {
        if (!closeTo(a, b)) {
            d.add(column + " " + a + " vs " + b);
        }
    }

    /** Equal to a relative tolerance; NaN only equals NaN. */
    static boolean closeTo(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
