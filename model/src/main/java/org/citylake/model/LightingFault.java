package org.citylake.model;

import java.util.Locale;

/**
 * The street-lighting faults CityLake detects ({@code gold.lighting_faults.fault_type}) and the
 * telemetry generator injects with a recorded ground truth. Both sides key a fault by (entity id,
 * night, type), where the night {@code D} is the lighting day from local noon on {@code D} to local
 * noon on {@code D+1} in the city's registered time zone (sunset of {@code D}, the night, sunrise
 * and morning of {@code D+1}); see {@code org.citylake.geo.sun.SolarDay#lightingDate}.
 *
 * <p>A generator injects a fault for whole lighting days, so the ground truth is exact: the fault
 * is present on night {@code D} for the entity, or it is not. The detector reports one row per
 * (entity, night, type).
 */
public enum LightingFault {
    /** A lamp burning in daylight: on (power drawn) between sunrise and sunset. */
    DAY_BURNER(Level.LAMP),
    /** A lamp dark at night: reports off or no power while it is scheduled to burn. */
    DARK_AT_NIGHT(Level.LAMP),
    /**
     * A lamp drawing clearly more than its rated power at its dimming level (a failing driver or
     * ballast).
     */
    OVER_POWER(Level.LAMP),
    /** A lamp that reports too little of the night (missing reports). */
    MISSING_REPORTS(Level.LAMP),
    /** A cabinet's cumulative meter went backwards (reset or replaced meter). */
    METER_RESET(Level.CABINET),
    /**
     * A cabinet whose metered energy and the energy of the lamps it feeds (Σ power × time) disagree
     * by more than the tolerance (unmetered load, a wrong meter, a lamp on the wrong circuit).
     */
    METER_MISMATCH(Level.CABINET);

    /** What a fault is about: a lamp ({@code ref.streetlights}) or a cabinet. */
    public enum Level {
        LAMP,
        CABINET
    }

    private final Level level;

    LightingFault(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }

    /** The fault named {@code name} (case-insensitive), or a clear error listing the known ones. */
    public static LightingFault named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown lighting fault '"
                            + name
                            + "'; known: "
                            + java.util.Arrays.toString(values()),
                    e);
        }
    }
}
