package org.citylake.ingest.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.UnitConversion;
import org.citylake.model.feed.UnitGuess;
import org.citylake.model.feed.Units;

/**
 * The checks of a numeric column: its range in the canonical unit, and the units it converts from.
 */
record NumberRule(
        ValidRange range,
        String unit,
        java.util.Map<String, UnitConversion> convert,
        UnitGuess guess)
        implements Serializable {

    static final NumberRule ANY =
            new NumberRule(
                    ValidRange.atLeast(Double.NEGATIVE_INFINITY, ""),
                    null,
                    java.util.Map.of(),
                    null);

    static NumberRule of(ColumnSpec column) {
        double min = column.min() == null ? Double.NEGATIVE_INFINITY : column.min();
        double max = column.max() == null ? Double.POSITIVE_INFINITY : column.max();
        return new NumberRule(
                new ValidRange(
                        min, column.minExclusive(), max, column.maxExclusive(), column.shownUnit()),
                column.unit(),
                column.convert(),
                column.assumeUnit());
    }

    /** How a value sent in {@code unitCode} (null: none sent) becomes canonical; null: as is. */
    UnitConversion conversion(String unitCode, double sent) {
        if (unitCode == null) {
            return guess != null && sent > guess.above() ? convert.get(guess.unit()) : null;
        }
        return unitCode.equals(unit) ? null : convert.get(unitCode);
    }

    /** The unit a value was read in. */
    String sentUnit(String unitCode, double sent) {
        if (unitCode != null) {
            return unitCode;
        }
        return guess != null && sent > guess.above() ? guess.unit() : unit;
    }

    /**
     * Whether a value sent in {@code unitCode} is taken. A column that converts no unit takes any
     * code as information only (counts are sent as C62, E50, or anything else); a column that
     * converts units takes its canonical unit and the ones it converts, and refuses the rest rather
     * than store a value in an unknown scale.
     */
    boolean accepts(String unitCode) {
        return unit == null
                || convert.isEmpty()
                || unitCode.equals(unit)
                || convert.containsKey(unitCode);
    }

    String unitShown(String code) {
        return code == null ? "" : Units.symbol(code);
    }

    String acceptedUnits() {
        List<String> units = new ArrayList<>();
        units.add(shown(unit));
        convert.keySet().stream().sorted().forEach(code -> units.add(shown(code)));
        return String.join(" or ", units);
    }

    private static String shown(String code) {
        String symbol = Units.symbol(code);
        return symbol.isEmpty() || symbol.equals(code) ? code : code + " (" + symbol + ")";
    }
}
