package org.citylake.bench.cityday;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time and peak memory of one stage of the bench JVM (which runs the Flink MiniCluster too).
 *
 * <ul>
 *   <li><b>heap peak</b>: before the stage a full GC, then every heap pool's peak is reset; after
 *       it, the sum of the pools' peak usages. Pools peak at different moments, so the sum is an
 *       upper bound of the heap in use at any one time (tight for the old generation, which
 *       dominates).
 *   <li><b>RSS peak</b>: the process's resident-set high-water mark ({@code VmHWM} in {@code
 *       /proc/self/status}), reset before the stage by writing {@code 5} to {@code
 *       /proc/self/clear_refs}. Where the reset is refused the mark is the process's since start,
 *       and {@link Result#rssReset()} says so.
 *   <li><b>GC time</b>: the collectors' accumulated time over the stage.
 * </ul>
 */
public final class StageMeter {

    /** What a stage took. */
    public record Result(
            double seconds,
            double heapPeakMb,
            double rssPeakMb,
            boolean rssReset,
            double gcSeconds) {}

    private final long started;
    private final long gcStart;
    private final boolean rssReset;

    private StageMeter(long started, long gcStart, boolean rssReset) {
        this.started = started;
        this.gcStart = gcStart;
        this.rssReset = rssReset;
    }

    /** Collects garbage, resets the peaks and starts the clock. */
    public static StageMeter start() {
        System.gc();
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
        boolean reset;
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            reset = true;
        } catch (IOException | RuntimeException e) {
            reset = false;
        }
        return new StageMeter(System.nanoTime(), gcMillis(), reset);
    }

    public Result stop() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            heapPeak += pool.getPeakUsage().getUsed();
        }
        return new Result(
                seconds,
                heapPeak / 1048576.0,
                rssHighWaterKb() / 1024.0,
                rssReset,
                (gcMillis() - gcStart) / 1000.0);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** {@code VmHWM} in kB, or −1 off Linux. */
    static long rssHighWaterKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
