package org.citylake.model.feed;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One clean-table column of an entity type and the NGSI attribute it is read from. See the ingest
 * module's README for the descriptor format.
 *
 * @param name column name (lower snake case)
 * @param attribute the NGSI attribute; null for a column that is only derived
 * @param fallback an attribute read only when {@code attribute} is absent, and ignored (not
 *     refused) when it is not a valid value
 * @param type column type
 * @param required absent (or empty) is MISSING_FIELD
 * @param min lower bound in the canonical unit, or null
 * @param max upper bound in the canonical unit, or null
 * @param minExclusive the lower bound itself is refused
 * @param maxExclusive the upper bound itself is refused
 * @param values the texts allowed (empty: any)
 * @param list a list of texts is accepted and joined with commas
 * @param unit canonical unit, a UN/CEFACT common code ({@code KMH}, {@code GQ}, {@code CEL})
 * @param unitText the unit as shown in details and listings, when not the code's usual symbol
 * @param convert other units accepted (by UN/CEFACT code) and how they become the canonical one
 * @param assumeUnit the unit of a value sent without a unit code when it is above a threshold
 * @param atMost an attribute whose value this one may not exceed (both present)
 * @param derive {@code <column> <op> <column>} (op: + - * /), the value when the attribute is
 *     absent and both columns are known
 * @param comment the column comment
 */
public record ColumnSpec(
        String name,
        String attribute,
        String fallback,
        ColumnType type,
        boolean required,
        Double min,
        Double max,
        boolean minExclusive,
        boolean maxExclusive,
        List<String> values,
        boolean list,
        String unit,
        String unitText,
        Map<String, UnitConversion> convert,
        UnitGuess assumeUnit,
        String atMost,
        String derive,
        String comment)
        implements Serializable {

    private static final Pattern DERIVE =
            Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*([-+*/])\\s*([a-z][a-z0-9_]*)\\s*");

    public ColumnSpec {
        values = values == null ? List.of() : List.copyOf(values);
        convert = convert == null ? Map.of() : Map.copyOf(convert);
        comment = comment == null ? "" : comment;
    }

    /** The unit as shown after a value: {@code unitText}, else the code's symbol, else "". */
    public String shownUnit() {
        if (unitText != null) {
            return unitText;
        }
        return unit == null ? "" : Units.symbol(unit);
    }

    /** The derivation's operands and operator, or null when the column is not derived. */
    public Derivation derivation() {
        if (derive == null) {
            return null;
        }
        Matcher m = DERIVE.matcher(derive);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "column "
                            + name
                            + ": derive '"
                            + derive
                            + "' is not '<column> <op> <column>' with op one of + - * /");
        }
        return new Derivation(m.group(1), m.group(2).charAt(0), m.group(3));
    }

    /** {@code left op right}. */
    public record Derivation(String left, char op, String right) implements Serializable {

        /** The result, or null when it is undefined (division by zero). */
        public Double apply(double a, double b) {
            return switch (op) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> b == 0 ? null : a / b;
            };
        }
    }
}
