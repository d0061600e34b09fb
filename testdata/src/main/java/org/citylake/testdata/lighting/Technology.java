package org.citylake.testdata.lighting;

/**
 * Lamp technologies and their system power (lamp plus driver or ballast), the power a cabinet
 * meters for a lamp at full output: LED ≈ 70 W, high-pressure sodium ≈ 180 W (DESIGN §5; a 150 W
 * HPS lamp draws ≈ 170–180 W with its magnetic ballast, the LED lantern that replaces it 60–80 W).
 */
public enum Technology {
    LED(70),
    HPS(180);

    private final double systemPowerW;

    Technology(double systemPowerW) {
        this.systemPowerW = systemPowerW;
    }

    /** System power at full output, W. */
    public double systemPowerW() {
        return systemPowerW;
    }
}
