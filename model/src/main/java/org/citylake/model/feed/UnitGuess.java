package org.citylake.model.feed;

import java.io.Serializable;

/**
 * For a value sent without a unit code (keyValues): when it is above {@code above}, it is read in
 * {@code unit} instead of the canonical unit. E.g. a relative humidity of 65 is percent ({@code
 * P1}), 0.65 is a fraction.
 */
public record UnitGuess(double above, String unit) implements Serializable {}
