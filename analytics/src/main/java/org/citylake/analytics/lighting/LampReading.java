package org.citylake.analytics.lighting;

/**
 * One report of a street lamp ({@code clean.streetlight}), the columns the lighting job needs. A
 * Flink POJO (public fields, no-argument constructor).
 *
 * <p>The report's power is the lamp's power from its time on until the next report (at most one
 * report interval): the convention of the lamp's own lifetime energy counter.
 */
public final class LampReading {

    public String lampId;

    /** Observation time, epoch milliseconds. */
    public long observedAtMs;

    /** on, off, low, bootingUp, or null. */
    public String powerState;

    /** ok, defectiveLamp, columnIssue, brokenLantern, or null. */
    public String status;

    /** Dimming level 0..1, or null. */
    public Double level;

    /** Active power, W, or null. */
    public Double powerW;

    public LampReading() {}

    public LampReading(
            String lampId,
            long observedAtMs,
            String powerState,
            String status,
            Double level,
            Double powerW) {
        this.lampId = lampId;
        this.observedAtMs = observedAtMs;
        this.powerState = powerState;
        this.status = status;
        this.level = level;
        this.powerW = powerW;
    }

    /** A report with no value that only makes a lamp of the inventory known to the job. */
    public static LampReading marker(String lampId) {
        return new LampReading(lampId, Long.MIN_VALUE, null, null, null, null);
    }

    boolean isMarker() {
        return observedAtMs == Long.MIN_VALUE;
    }

    /**
     * The power the report says the lamp draws, W: the reported power; without one, 0 when the
     * state is off, otherwise unknown (null).
     */
    Double power() {
        if (powerW != null) {
            return powerW;
        }
        return "off".equals(powerState) ? 0.0 : null;
    }

    @Override
    public String toString() {
        return lampId + "@" + observedAtMs + " " + powerState + " " + powerW + " W";
    }
}
