package org.citylake.analytics.lighting;

import org.citylake.model.LightingFault;

/** One row of {@code gold.lighting_faults}: a fault of a lamp or cabinet on a night. */
public final class FaultRow {

    public int night;
    public String faultType;
    public String entityKind;
    public String entityId;
    public String lampId;
    public String cabinetId;
    public Long firstSeenMs;
    public Long lastSeenMs;
    public int readingsFlagged;
    public Double powerSeenW;
    public Double powerExpectedW;
    public Double energySeenKwh;
    public Double energyExpectedKwh;
    public int reportsSeen;
    public int reportsExpected;
    public String severity;
    public String detail;

    public FaultRow() {}

    static FaultRow lamp(LightingFault type, int night, String lampId, String cabinetId) {
        FaultRow f = new FaultRow();
        f.night = night;
        f.faultType = type.name();
        f.entityKind = "lamp";
        f.entityId = lampId;
        f.lampId = lampId;
        f.cabinetId = cabinetId;
        return f;
    }

    static FaultRow cabinet(LightingFault type, int night, String cabinetId) {
        FaultRow f = new FaultRow();
        f.night = night;
        f.faultType = type.name();
        f.entityKind = "cabinet";
        f.entityId = cabinetId;
        f.cabinetId = cabinetId;
        return f;
    }

    public LightingFault type() {
        return LightingFault.valueOf(faultType);
    }

    @Override
    public String toString() {
        return faultType + " " + entityId + " night " + night + " (" + severity + "): " + detail;
    }
}
