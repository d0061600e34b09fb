package org.citylake.analytics.waste;

import java.io.Serializable;
import java.time.Duration;

/**
 * The waste job's settings of one run (see {@link WasteJob}'s options for their meaning).
 *
 * @param osm the OSM extract road distances come from; empty for great-circle distances
 * @param solver the VRP solver's name ({@code VrpSolvers})
 * @param vehicleCapacityKg null: the fleet's ({@code ref.waste_vehicles}), else the default
 */
public record WasteSettings(
        Duration routeGap,
        double lowFill,
        double overflowLevel,
        double dueLevel,
        int revisitDays,
        int historyDays,
        Duration service,
        double speedKmh,
        double kgPerLitre,
        Double vehicleCapacityKg,
        Duration solveTime,
        String osm,
        String solver,
        long seed)
        implements Serializable {

    /** The capacity of a planned route when neither the fleet nor the option gives one, kg. */
    public static final double DEFAULT_CAPACITY_KG = 2000;

    public WasteSettings {
        if (lowFill < 0 || lowFill > 1) {
            throw new IllegalArgumentException("--low-fill must be 0..100 %, not " + lowFill * 100);
        }
        if (overflowLevel <= 0 || dueLevel <= 0) {
            throw new IllegalArgumentException("--overflow-level and --due-level must be above 0");
        }
        if (revisitDays < 1 || historyDays < 1) {
            throw new IllegalArgumentException("--revisit-days and --history-days must be >= 1");
        }
        if (speedKmh <= 0 || kgPerLitre <= 0) {
            throw new IllegalArgumentException("--speed and --kg-per-litre must be above 0");
        }
        if (vehicleCapacityKg != null && vehicleCapacityKg <= 0) {
            throw new IllegalArgumentException("--vehicle-capacity must be above 0 kg");
        }
        osm = osm == null ? "" : osm.trim();
    }

    /** Metres per second of the great-circle travel times. */
    double speedMps() {
        return speedKmh / 3.6;
    }
}
