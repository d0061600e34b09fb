package org.citylake.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void aStatLineGivesUserPlusSystemTime() {
        // /proc/<pid>/task/<tid>/stat of a compiler thread: the name holds a space, utime = 1234
        // ticks and stime = 56 (fields 14 and 15), cutime/cstime 7/8 (a process's reaped children)
        String stat =
                "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 0 0 0 0 1234 56 7 8 20 0 30 0"
                        + " 100 0 0";
        assertThat(CpuTime.threadSeconds(stat)).isEqualTo(12.90);
        assertThat(CpuTime.parseStat(stat)).isEqualTo(13.05);
    }

    @Test
    void aThreadsCpuTimeGrowsWithItsWorkAndNotWithItsSleep() throws InterruptedException {
        long t0 = CpuTime.thisThreadNanos();
        Thread.sleep(200);
        long slept = CpuTime.thisThreadNanos() - t0;
        long sum = 0;
        long t1 = CpuTime.thisThreadNanos();
        for (int round = 0; round < 200; round++) {
            sum += work(round);
        }
        long worked = CpuTime.thisThreadNanos() - t1;
        assertThat(sum).isNotZero();
        // sleeping costs next to nothing; the loop costs CPU time
        assertThat(slept).isLessThan(50_000_000L);
        assertThat(worked).isGreaterThan(slept).isPositive();
    }

    @Test
    void theCompilerThreadsOfThisJvmHaveWorked() {
        assumeThat(Files.isDirectory(Path.of("/proc/self/task"))).isTrue();
        // compile a loop hot enough for C2, so the compilers have spent well over a tick
        long sum = 0;
        for (int round = 0; round < 200; round++) {
            sum += work(round);
        }
        assertThat(sum).isNotZero();
        double jit = CpuTime.compilerSeconds();
        assertThat(jit).isGreaterThan(0.0).isLessThan(CpuTime.thisProcessSeconds());
    }

    private static long work(int seed) {
        long h = seed;
        for (int i = 0; i < 100_000; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h | 1;
    }
}
