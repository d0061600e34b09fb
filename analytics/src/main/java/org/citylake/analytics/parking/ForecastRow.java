package org.citylake.analytics.parking;

/**
 * One next-hour forecast of free spots in the test days: a row of {@code gold.parking_forecast}.
 */
public final class ForecastRow {

    public String lotId;

    /** The slot the forecast is made at (its value known at its end), epoch milliseconds. */
    public long originStartMs;

    /** The slot forecast: one hour later, epoch milliseconds. */
    public long targetStartMs;

    /** Local day of the target slot, days since 1970-01-01. */
    public int targetLocalEpochDay;

    public Integer capacity;

    /** Free spots at the origin: also the naive "same as now" forecast. */
    public int freeNow;

    /** The model's forecast of free spots at the target, within 0..capacity. */
    public double forecastFree;

    /** Free spots observed at the target, or null when that slot has no value. */
    public Integer actualFree;

    public ForecastRow() {}
}
