package org.citylake.analytics.waste;

/** One row of {@code gold.waste_plan_summary}: a day's plan against its routes. A Flink POJO. */
public final class PlanSummaryRow {

    public int day;
    public int binsEmptied;
    public int binsDue;
    public int actualRoutes;
    public int plannedRoutes;
    public double actualKm;
    public double plannedKm;
    public double actualTruckHours;
    public double plannedTruckHours;
    public double vehicleCapacityKg;
    public String solver;
    public String distanceSource;

    public PlanSummaryRow() {}

    public double savingKm() {
        return actualKm - plannedKm;
    }

    public Double savingPct() {
        return actualKm > 0 ? savingKm() / actualKm * 100 : null;
    }

    public double savingTruckHours() {
        return actualTruckHours - plannedTruckHours;
    }

    @Override
    public String toString() {
        return day + " due " + binsDue + " km " + actualKm + " -> " + plannedKm;
    }
}
