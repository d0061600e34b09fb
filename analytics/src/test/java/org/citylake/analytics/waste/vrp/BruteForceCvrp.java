package org.citylake.analytics.waste.vrp;

import java.util.ArrayList;
import java.util.List;

/**
 * The test oracle: the optimal cost of a small CVRP by enumerating every partition of the customers
 * into groups that fit a vehicle and every visiting order within each group. Written from the
 * definition only (it uses no product code but the problem's arrays).
 */
final class BruteForceCvrp {

    private BruteForceCvrp() {}

    static long optimum(long[][] cost, int[] demand, long capacity) {
        int n = cost.length;
        List<Integer> customers = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            customers.add(i);
        }
        return best(cost, demand, capacity, customers, new ArrayList<>());
    }

    /** Places the first remaining customer into each existing group or a new one. */
    private static long best(
            long[][] cost,
            int[] demand,
            long capacity,
            List<Integer> left,
            List<List<Integer>> groups) {
        if (left.isEmpty()) {
            long total = 0;
            for (List<Integer> g : groups) {
                total += bestOrder(cost, g);
            }
            return total;
        }
        int c = left.get(0);
        List<Integer> rest = left.subList(1, left.size());
        long best = Long.MAX_VALUE;
        for (int k = 0; k < groups.size(); k++) {
            List<Integer> g = groups.get(k);
            long load = demand[c];
            for (int x : g) {
                load += demand[x];
            }
            if (load <= capacity) {
                g.add(c);
                best = Math.min(best, best(cost, demand, capacity, rest, groups));
                g.remove(g.size() - 1);
            }
        }
        List<Integer> fresh = new ArrayList<>(List.of(c));
        groups.add(fresh);
        best = Math.min(best, best(cost, demand, capacity, rest, groups));
        groups.remove(groups.size() - 1);
        return best;
    }

    /** Cheapest depot → all of the group in some order → depot, over every order. */
    private static long bestOrder(long[][] cost, List<Integer> group) {
        int[] g = group.stream().mapToInt(Integer::intValue).toArray();
        return permute(cost, g, 0);
    }

    private static long permute(long[][] cost, int[] a, int k) {
        if (k == a.length) {
            long c = cost[0][a[0]];
            for (int i = 1; i < a.length; i++) {
                c += cost[a[i - 1]][a[i]];
            }
            return c + cost[a[a.length - 1]][0];
        }
        long best = Long.MAX_VALUE;
        for (int i = k; i < a.length; i++) {
            swap(a, k, i);
            best = Math.min(best, permute(cost, a, k + 1));
            swap(a, k, i);
        }
        return best;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
