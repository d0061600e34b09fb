package org.citylake.analytics.lighting;

/** One row of {@code gold.lighting_energy}: a scope's energy on one night. A Flink POJO. */
public final class EnergyRow {

    public int night;
    public String scopeLevel;
    public String scopeId;
    public String scopeName;
    public int lamps;
    public int reportingLamps;
    public int reports;
    public int reportsExpected;
    public double kwh;
    public double kwhEstimated;
    public Double meteredKwh;
    public double litKm;
    public double burningHours;
    public double nightHoursSum;
    public double baselineKwh;

    /** Lamps on segments of known width: their energy, and the segments' area (indicator). */
    public double kwhOnArea;

    public double areaM2;

    public EnergyRow() {}

    public Double kwhPerKm() {
        return litKm > 0 ? (kwh + kwhEstimated) / litKm : null;
    }

    public Double savingPct() {
        return baselineKwh > 0 ? 100 * (1 - (kwh + kwhEstimated) / baselineKwh) : null;
    }

    public double nightHours() {
        return lamps == 0 ? 0 : nightHoursSum / lamps;
    }

    @Override
    public String toString() {
        return scopeLevel
                + " "
                + scopeId
                + " night "
                + night
                + ": "
                + kwh
                + " + "
                + kwhEstimated
                + " kWh, "
                + litKm
                + " km";
    }
}
