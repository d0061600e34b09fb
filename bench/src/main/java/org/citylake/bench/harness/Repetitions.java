package org.citylake.bench.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a trial a number of times after warm-ups and collects its metrics per repetition, with a
 * progress line per repetition on stderr.
 */
public final class Repetitions {

    /** One run of the measured work; returns metric name → value. */
    @FunctionalInterface
    public interface Trial {
        Map<String, Double> run(Run run) throws Exception;
    }

    /**
     * Which run this is.
     *
     * @param index 1-based index among the measured repetitions, or among the warm-ups for a
     *     warm-up (runs that create something by name need a distinct name for each)
     * @param warmup true for a warm-up run (its values are discarded)
     */
    public record Run(int index, boolean warmup) {
        public String name() {
            return warmup ? "warm-up " + index : "rep " + index;
        }

        /** A short id for names of things the run creates: {@code warmup2}, {@code r3}. */
        public String id() {
            return (warmup ? "warmup" : "r") + index;
        }
    }

    private final String bench;
    private final PrintStream progress;

    public Repetitions(String bench, PrintStream progress) {
        this.bench = bench;
        this.progress = progress;
    }

    /**
     * Runs {@code warmups} warm-up runs, then {@code reps} measured ones; returns metric → values
     * of the measured runs in order. A failing run fails the whole benchmark (no partial figures).
     */
    public Map<String, List<Double>> run(String label, int warmups, int reps, Trial trial)
            throws Exception {
        if (reps < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + reps);
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int i = 0; i < warmups + reps; i++) {
            boolean warmup = i < warmups;
            Run run = new Run(warmup ? i + 1 : i - warmups + 1, warmup);
            long started = System.nanoTime();
            Map<String, Double> metrics;
            try {
                metrics = trial.run(run);
            } catch (Exception e) {
                throw new IllegalStateException(
                        bench + " " + label + " " + run.name() + " failed: " + e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.printf(
                    Locale.ROOT,
                    "[%s] %s %s%s: %s (%.1f s)%n",
                    bench,
                    label,
                    run.name(),
                    warmup ? "" : "/" + reps,
                    format(metrics),
                    seconds);
            if (!warmup) {
                metrics.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        return values;
    }

    static String format(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((k, v) -> parts.add(k + "=" + Report.number(v)));
        return String.join(", ", parts);
    }
}
