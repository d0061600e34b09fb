package org.citylake.analytics.lighting;

/**
 * One lamp's lighting day (local noon on {@code night} to the next local noon): its energy, its
 * reports and, per report slot, the energy the cabinet meter should have seen (reported, or filled
 * from the lamp's schedule where a report is missing). A Flink POJO.
 */
public final class LampNight {

    public String lampId;
    public String cabinetId;

    /** The night, local epoch day. */
    public int night;

    /** Start of slot 0 (local noon of the night), epoch ms. */
    public long slotsStartMs;

    public long slotMs;

    public int reports;
    public int reportsExpected;

    /** First and last report of the night, epoch ms; null without one. */
    public Long firstReportMs;

    public Long lastReportMs;

    /** Σ power × interval of the reports, kWh. */
    public double kwh;

    /** Energy of the missing slots from the schedule, kWh. */
    public double kwhEstimated;

    /** Hours with power drawn. */
    public double burningHours;

    public long sunsetMs;
    public long sunriseMs;

    /** Rated power × sunset→sunrise, kWh. */
    public double baselineKwh;

    /** Energy per slot, kWh (reported or estimated); null once no longer needed. */
    public double[] slotKwh;

    /**
     * Per slot, the reported power as a share of the rated power; NaN where the slot has no report
     * (its energy is estimated). Null once no longer needed.
     */
    public double[] slotShare;

    public double ratedW;

    public LampNight() {}

    double nightHours() {
        return (sunriseMs - sunsetMs) / 3_600_000.0;
    }

    /** The same lamp night without its slots (for the roll-ups, which need only the sums). */
    LampNight withoutSlots() {
        LampNight n = new LampNight();
        n.lampId = lampId;
        n.cabinetId = cabinetId;
        n.night = night;
        n.slotsStartMs = slotsStartMs;
        n.slotMs = slotMs;
        n.reports = reports;
        n.reportsExpected = reportsExpected;
        n.firstReportMs = firstReportMs;
        n.lastReportMs = lastReportMs;
        n.kwh = kwh;
        n.kwhEstimated = kwhEstimated;
        n.burningHours = burningHours;
        n.sunsetMs = sunsetMs;
        n.sunriseMs = sunriseMs;
        n.baselineKwh = baselineKwh;
        n.ratedW = ratedW;
        return n;
    }

    @Override
    public String toString() {
        return lampId
                + " night "
                + night
                + ": "
                + reports
                + "/"
                + reportsExpected
                + " reports, "
                + kwh
                + " + "
                + kwhEstimated
                + " kWh";
    }
}
