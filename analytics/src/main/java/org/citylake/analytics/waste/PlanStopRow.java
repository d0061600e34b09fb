package org.citylake.analytics.waste;

/** One row of {@code gold.waste_route_plan}: one stop of a planned route. A Flink POJO. */
public final class PlanStopRow {

    public int day;
    public String vehicleId;
    public int routeNo;
    public int stopSeq;
    public String stopKind;
    public String containerId;
    public String depotId;
    public double lon;
    public double lat;
    public double legKm;
    public double cumKm;
    public double loadKg;
    public Double fillForecast;

    public PlanStopRow() {}

    @Override
    public String toString() {
        return vehicleId
                + "#"
                + routeNo
                + "."
                + stopSeq
                + " "
                + (containerId == null ? "depot " + depotId : containerId)
                + " km "
                + cumKm
                + " load "
                + loadKg;
    }
}
