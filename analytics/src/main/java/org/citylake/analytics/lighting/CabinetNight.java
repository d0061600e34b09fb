package org.citylake.analytics.lighting;

/** One cabinet's lighting day: what its meter counted beside its lamps. A Flink POJO. */
public final class CabinetNight {

    public String cabinetId;

    /** The night, local epoch day. */
    public int night;

    /** Meter readings of the night. */
    public int readings;

    /**
     * Energy the meter counted between its readings of the night, kWh: increments, a reset's first
     * reading counted from 0, a jump forward left out; null with fewer than two readings.
     */
    public Double meteredKwh;

    /** The lamps' energy over the same meter intervals (missing slots estimated), kWh. */
    public double lampsKwh;

    /** The meter, its reset and jump intervals replaced by the lamps' energy, kWh. */
    public double reconciledKwh;

    public int resets;

    public CabinetNight() {}

    @Override
    public String toString() {
        return cabinetId
                + " night "
                + night
                + ": metered "
                + meteredKwh
                + ", lamps "
                + lampsKwh
                + ", reconciled "
                + reconciledKwh
                + ", resets "
                + resets;
    }
}
