package org.citylake.bench.harness;

import java.util.List;

/**
 * One measured quantity over the repetitions of a benchmark, e.g. "ingest p=1" in readings/s.
 *
 * @param label what was measured, unique within a report
 * @param unit unit of the values
 * @param values one value per measured repetition (warm-ups excluded), in run order
 * @param reference true for the reference a ratio is taken against (the ceiling, the peer)
 */
public record Series(String label, String unit, List<Double> values, boolean reference) {

    public Series {
        values = List.copyOf(values);
        Stats.summarize(values); // rejects empty and NaN series early
    }

    public static Series measured(String label, String unit, List<Double> values) {
        return new Series(label, unit, values, false);
    }

    public static Series reference(String label, String unit, List<Double> values) {
        return new Series(label, unit, values, true);
    }

    public Stats.Summary summary() {
        return Stats.summarize(values);
    }

    public double median() {
        return summary().median();
    }
}
