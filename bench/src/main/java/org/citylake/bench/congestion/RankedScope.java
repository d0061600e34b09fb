package org.citylake.bench.congestion;

import java.time.LocalDate;

/**
 * One row of a congestion ranking, the columns both engines' results are compared on (those of
 * {@code gold.congestion_ranking} that are not derived from another: congestion %, band and period
 * end follow from these); each component is the column of the same name in snake case.
 */
record RankedScope(
        String periodKind,
        LocalDate periodStart,
        String scopeKind,
        String scopeId,
        String scopeName,
        int scopeRank,
        double peakTti,
        double delayVehicleHours,
        long vehicles,
        double vehicleKm,
        double lengthKm,
        int segments,
        int peakReadings,
        int outlierReadings,
        int daysWithData) {

    /** What identifies a row across engines: the ranking it is in and what it ranks. */
    String key() {
        return periodKind + " " + periodStart + " " + scopeKind + " " + scopeId;
    }
}
