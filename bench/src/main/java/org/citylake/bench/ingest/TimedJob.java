package org.citylake.bench.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.citylake.bench.harness.CpuTime;
import org.citylake.bench.stack.BenchStack;

/**
 * One Flink job timed from its submission to its completion: wall time, this JVM's CPU (the
 * MiniCluster runs in it), the JIT compilers' part of it, and the services' CPU.
 */
record TimedJob(double seconds, double cpu, double jit, double services) {

    /** Submits the job with {@code submit} and waits for it to finish. */
    static TimedJob run(BenchStack stack, Callable<JobClient> submit) throws Exception {
        List<Long> servicePids = new ArrayList<>(stack.pids().values());
        double cpu0 = CpuTime.thisProcessSeconds();
        double jit0 = CpuTime.compilerSeconds();
        double services0 = CpuTime.processesSeconds(servicePids);
        long t0 = System.nanoTime();
        submit.call().getJobExecutionResult().get();
        return new TimedJob(
                (System.nanoTime() - t0) / 1e9,
                CpuTime.thisProcessSeconds() - cpu0,
                CpuTime.compilerSeconds() - jit0,
                CpuTime.processesSeconds(servicePids) - services0);
    }

    /** The bench's metrics for a job that handled {@code readings} readings. */
    Map<String, Double> metrics(long readings) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("readings_per_s", readings / seconds);
        m.put("cpu_s_per_million", cpu / readings * 1e6);
        m.put("jit_cpu_s_per_million", jit / readings * 1e6);
        m.put("services_cpu_s_per_million", services / readings * 1e6);
        return m;
    }
}
