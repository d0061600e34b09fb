package org.citylake.analytics.waste;

/** One row of {@code gold.waste_route_kpi}: one reconstructed route. A Flink POJO. */
public final class RouteKpiRow {

    public int day;
    public String vehicleId;
    public int routeNo;
    public long startedMs;
    public long endedMs;
    public int binsEmptied;
    public double km;
    public double kg;
    public Double meanFill;
    public Double lowFillShare;
    public int overflows;
    public double driveHours;
    public double truckHours;
    public int unplacedStops;
    public String distanceSource;

    public RouteKpiRow() {}

    public double tonnes() {
        return kg / 1000;
    }

    public Double kgPerKm() {
        return km > 0 ? kg / km : null;
    }

    @Override
    public String toString() {
        return day
                + " "
                + vehicleId
                + "#"
                + routeNo
                + " bins "
                + binsEmptied
                + " km "
                + km
                + " kg "
                + kg;
    }
}
