package org.citylake.analytics.lighting;

/** One row of {@code gold.lighting_indicator}. A Flink POJO. */
public final class IndicatorRow {

    public String scopeLevel;
    public String scopeId;
    public int nightsWithData;
    public double kwh;
    public double litKm;
    public double areaM2;
    public double kwhOnArea;
    public int lamps;

    public IndicatorRow() {}

    /** Annualised kWh per km of lit road: kWh / nights × 365 / km. */
    public Double kwhPerKmYear() {
        return nightsWithData > 0 && litKm > 0 ? kwh / nightsWithData * 365 / litKm : null;
    }

    /** Annualised kWh per m² of lit road of known width (EN 13201-5 D_E). */
    public Double kwhPerM2Year() {
        return nightsWithData > 0 && areaM2 > 0 ? kwhOnArea / nightsWithData * 365 / areaM2 : null;
    }
}
