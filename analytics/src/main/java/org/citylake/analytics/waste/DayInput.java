package org.citylake.analytics.waste;

/** What one day's group receives: a pickup of the day, or a bin's state at its start. */
public final class DayInput {

    public int day;
    public BinEvent pickup;
    public BinDay state;

    public DayInput() {}

    static DayInput of(int day, BinEvent pickup) {
        DayInput d = new DayInput();
        d.day = day;
        d.pickup = pickup;
        return d;
    }

    static DayInput of(BinDay state) {
        DayInput d = new DayInput();
        d.day = state.day;
        d.state = state;
        return d;
    }
}
