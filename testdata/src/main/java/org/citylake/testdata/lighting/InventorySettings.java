package org.citylake.testdata.lighting;

/**
 * How a lamp inventory is drawn.
 *
 * @param seed every random choice (the technology of each way) follows from it
 * @param ledShare the chance that a way's lamps are LED (else HPS), 0..1; the share of LED lamps
 *     comes close to it on a city's hundreds of ways. Lamps are retrofitted street by street, so
 *     one way has one technology.
 */
public record InventorySettings(long seed, double ledShare) {

    /** Lamps on one circuit, at most. */
    public static final int MAX_LAMPS_PER_CIRCUIT = 30;

    /** Circuits one cabinet feeds, at most. */
    public static final int MAX_CIRCUITS_PER_CABINET = 4;

    /**
     * The default LED share, 0.6: European cities were about half way through their LED retrofits
     * in the early 2020s (Hangzhou's retrofit of 389k lights, UNEP en.lighten: DESIGN §5).
     */
    public static final double DEFAULT_LED_SHARE = 0.6;

    public static final long DEFAULT_SEED = 1;

    public InventorySettings {
        if (!(ledShare >= 0 && ledShare <= 1)) {
            throw new IllegalArgumentException(
                    "the LED share must be between 0 and 1, got " + ledShare);
        }
    }

    public static InventorySettings defaults() {
        return new InventorySettings(DEFAULT_SEED, DEFAULT_LED_SHARE);
    }
}
