package org.citylake.analytics.waste;

/**
 * A bin's state at the start of one local day, from its history before that day only: the level it
 * is estimated to hold and how fast it fills. What the day's plan chooses due bins from. A Flink
 * POJO.
 */
public final class BinDay {

    public String containerId;

    /** Local date, epoch day. */
    public int day;

    /** Estimated level at the day's start, 0..1 and beyond. */
    public double level;

    /** Typical fill rate, share of capacity per day; null when no fill cycle is known. */
    public Double ratePerDay;

    /** kg a full bin holds (weight / level of its emptyings); null when not known. */
    public Double kgWhenFull;

    public BinDay() {}

    static BinDay of(String containerId, int day, double level, Double rate, Double kgWhenFull) {
        BinDay b = new BinDay();
        b.containerId = containerId;
        b.day = day;
        b.level = level;
        b.ratePerDay = rate;
        b.kgWhenFull = kgWhenFull;
        return b;
    }

    /** The level forecast {@code days} after the day's start (the start level without a rate). */
    double levelAfter(double days) {
        return ratePerDay == null ? level : level + ratePerDay * days;
    }

    @Override
    public String toString() {
        return containerId + "@" + day + " level " + level + " rate " + ratePerDay;
    }
}
