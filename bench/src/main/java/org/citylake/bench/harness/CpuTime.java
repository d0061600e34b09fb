package org.citylake.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time consumed: this JVM (user + system, from the OperatingSystemMXBean) and other processes
 * (from {@code /proc/<pid>/stat}, the process and its live descendants).
 */
public final class CpuTime {

    /** Kernel clock ticks per second; 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {}

    /** CPU nanoseconds the calling thread has used so far. */
    public static long thisThreadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** CPU seconds this JVM has used so far. */
    public static double thisProcessSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            if (nanos >= 0) {
                return nanos / 1e9;
            }
        }
        throw new IllegalStateException(
                "this JVM does not report its process CPU time (no com.sun.management"
                        + " OperatingSystemMXBean); run the benchmarks on a HotSpot/OpenJDK JVM");
    }

    /**
     * CPU seconds used so far by the processes {@code pids} and their live descendants (user +
     * system, plus what their already-reaped children used). 0 for a process that is gone.
     */
    public static double processesSeconds(Collection<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            total += procSeconds(pid);
            total +=
                    ProcessHandle.of(pid)
                            .map(h -> h.descendants().mapToDouble(d -> procSeconds(d.pid())).sum())
                            .orElse(0.0);
        }
        return total;
    }

    /**
     * CPU seconds this JVM's JIT compiler threads have used so far (HotSpot's {@code C1/C2
     * CompilerThread}s, from {@code /proc/self/task}), or {@code NaN} where there is no such
     * directory. The process CPU includes it: JIT compilation is warm-up, which a long-running job
     * stops paying, so the benches report it beside the total.
     */
    public static double compilerSeconds() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        double total = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        total +=
                                threadSeconds(
                                        Files.readString(
                                                task.resolve("stat"), StandardCharsets.UTF_8));
                    }
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read: nothing to add
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    /** utime + stime of one thread, in seconds, from the text of its {@code stat} file. */
    static double threadSeconds(String stat) {
        String[] f = fieldsAfterName(stat);
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime of one process, in seconds; 0 when unreadable. */
    static double procSeconds(long pid) {
        try {
            return parseStat(
                    Files.readString(
                            Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds from the text of a {@code /proc/<pid>/stat} file. */
    static double parseStat(String stat) {
        String[] f = fieldsAfterName(stat);
        long ticks =
                Long.parseLong(f[11])
                        + Long.parseLong(f[12])
                        + Long.parseLong(f[13])
                        + Long.parseLong(f[14]);
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * The fields of a {@code stat} text after the command name. The name (field 2) may contain
     * spaces, so they follow the last ')': f[0] is field 3 (state), utime (field 14) is f[11],
     * stime f[12], cutime f[13], cstime f[14].
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }
}
