package org.citylake.analytics.waste;

/** One row of {@code gold.waste_bin_stats}: a bin over a run's period. A Flink POJO. */
public final class BinStatsRow {

    public String containerId;
    public int pickups;
    public double kgCollected;
    public Double meanFill;
    public int lowFillPickups;
    public Double fillRatePerDay;
    public Double daysToFull;
    public int overflows;
    public Double meanDaysBetweenPickups;

    public BinStatsRow() {}

    @Override
    public String toString() {
        return containerId
                + " pickups "
                + pickups
                + " kg "
                + kgCollected
                + " rate "
                + fillRatePerDay
                + " overflows "
                + overflows;
    }
}
