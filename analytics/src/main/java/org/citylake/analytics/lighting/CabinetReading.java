package org.citylake.analytics.lighting;

/**
 * One reading of a control cabinet's cumulative energy meter ({@code
 * clean.streetlight_cabinet.energy_kwh}). A Flink POJO.
 */
public final class CabinetReading {

    public String cabinetId;

    /** Observation time, epoch milliseconds. */
    public long observedAtMs;

    /** Cumulative meter reading, kWh. */
    public double energyKwh;

    public CabinetReading() {}

    public CabinetReading(String cabinetId, long observedAtMs, double energyKwh) {
        this.cabinetId = cabinetId;
        this.observedAtMs = observedAtMs;
        this.energyKwh = energyKwh;
    }

    @Override
    public String toString() {
        return cabinetId + "@" + observedAtMs + " " + energyKwh + " kWh";
    }
}
