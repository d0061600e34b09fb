package org.citylake.bench.lighting;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.citylake.model.LightingFault;

/**
 * Precision and recall of detected faults against a ground truth, per fault type. A fault is the
 * triple (entity id, night, type); a detection counts when the same triple is in the truth.
 */
public final class FaultScore {

    /** One fault: the lamp's or cabinet's id, the lighting night, the type. */
    public record Fault(String entityId, LocalDate night, LightingFault type) {}

    /**
     * The score of one fault type.
     *
     * @param truePositives detected and in the truth
     * @param falsePositives detected, not in the truth
     * @param falseNegatives in the truth, not detected
     */
    public record TypeScore(
            LightingFault type, int truePositives, int falsePositives, int falseNegatives) {

        /** Detected faults that are real; 1 when nothing was detected and nothing was there. */
        public double precision() {
            int detected = truePositives + falsePositives;
            return detected == 0
                    ? (falseNegatives == 0 ? 1.0 : 0.0)
                    : truePositives / (double) detected;
        }

        /** Real faults that were detected; 1 when there were none and none was detected. */
        public double recall() {
            int real = truePositives + falseNegatives;
            return real == 0 ? (falsePositives == 0 ? 1.0 : 0.0) : truePositives / (double) real;
        }

        public int truth() {
            return truePositives + falseNegatives;
        }

        public int detected() {
            return truePositives + falsePositives;
        }
    }

    private FaultScore() {}

    /** Scores per fault type, in the order of {@link LightingFault}. */
    public static Map<LightingFault, TypeScore> score(
            Collection<Fault> truth, Collection<Fault> detected) {
        Set<Fault> real = new HashSet<>(truth);
        Set<Fault> found = new HashSet<>(detected);
        Map<LightingFault, TypeScore> scores = new LinkedHashMap<>();
        for (LightingFault type : LightingFault.values()) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (Fault f : found) {
                if (f.type() == type) {
                    if (real.contains(f)) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            for (Fault f : real) {
                if (f.type() == type && !found.contains(f)) {
                    fn++;
                }
            }
            scores.put(type, new TypeScore(type, tp, fp, fn));
        }
        return scores;
    }
}
