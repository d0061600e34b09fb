package org.citylake.analytics.traffic;

/** One row of {@code gold.congestion_ranking} (without the city). A Flink POJO. */
public final class RankingRow {
    public String period;
    public int periodStartEpochDay;
    public int periodEndEpochDay;
    public String scope;
    public String scopeId;
    public String scopeName;
    public int rank;
    public double peakTti;
    public double delayVehicleHours;
    public long vehicles;
    public double vehicleKm;
    public double lengthKm;
    public int segments;
    public int peakReadings;
    public int outlierReadings;
    public int daysWithData;

    public RankingRow() {}

    @Override
    public String toString() {
        return period + " " + scope + " #" + rank + " " + scopeId + " tti=" + peakTti;
    }
}
