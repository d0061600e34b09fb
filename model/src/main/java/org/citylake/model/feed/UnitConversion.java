package org.citylake.model.feed;

import java.io.Serializable;

/**
 * How a value sent in another unit becomes the canonical unit: {@code canonical = sent × factor +
 * offset}. E.g. m/s to km/h is factor 3.6; °F to °C is factor 5/9, offset −160/9.
 */
public record UnitConversion(double factor, double offset) implements Serializable {

    public UnitConversion {
        if (!Double.isFinite(factor) || factor == 0 || !Double.isFinite(offset)) {
            throw new IllegalArgumentException(
                    "a unit conversion needs a finite, non-zero factor and a finite offset");
        }
    }

    public double apply(double sent) {
        return sent * factor + offset;
    }
}
