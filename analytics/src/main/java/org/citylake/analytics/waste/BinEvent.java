package org.citylake.analytics.waste;

/**
 * One event of one bin: an emptying ({@code clean.waste_collection}) or a filling-level reading
 * ({@code clean.waste_container}). A Flink POJO.
 */
public final class BinEvent {

    public static final int PICKUP = 0;
    public static final int LEVEL = 1;

    public String containerId;
    public int kind;
    public long atMs;

    /** The collecting vehicle of a pickup ("unknown" when not reported); null for a reading. */
    public String vehicleId;

    /** Level before emptying (pickup) or the level read (reading), 0..1; null when unknown. */
    public Double level;

    /** Level after emptying; null when unknown (taken as 0). */
    public Double levelAfter;

    /** Weight collected (pickup), kg; null when unknown. */
    public Double weightKg;

    public BinEvent() {}

    public static BinEvent pickup(
            String containerId,
            String vehicleId,
            long atMs,
            Double before,
            Double after,
            Double weightKg) {
        BinEvent e = new BinEvent();
        e.containerId = containerId;
        e.kind = PICKUP;
        e.atMs = atMs;
        e.vehicleId = vehicleId;
        e.level = before;
        e.levelAfter = after;
        e.weightKg = weightKg;
        return e;
    }

    public static BinEvent level(String containerId, long atMs, Double level) {
        BinEvent e = new BinEvent();
        e.containerId = containerId;
        e.kind = LEVEL;
        e.atMs = atMs;
        e.level = level;
        return e;
    }

    public boolean isPickup() {
        return kind == PICKUP;
    }

    /** The level left in the bin by this pickup: after, or 0 when not reported. */
    double levelLeft() {
        return levelAfter == null ? 0 : levelAfter;
    }

    @Override
    public String toString() {
        return (isPickup() ? "pickup " : "level ")
                + containerId
                + "@"
                + atMs
                + (vehicleId == null ? "" : " by " + vehicleId)
                + " "
                + level;
    }
}
