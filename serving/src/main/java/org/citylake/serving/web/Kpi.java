package org.citylake.serving.web;

import java.util.List;
import java.util.Map;

/**
 * One value a street can be coloured by: where it is read from ({@code table}, {@code column}, the
 * rows of one segment and day selected by {@code filters}) and how it is classed for colour.
 */
public record Kpi(
        String id,
        String label,
        String unit,
        String table,
        String idColumn,
        String dayColumn,
        Map<String, String> filters,
        String column,
        List<ColourClass> fixedClasses,
        boolean higherIsBetter) {

    /** A class of the legend: values in [from, to) are drawn in {@code color}; null is open. */
    public record ColourClass(Double from, Double to, String color, String label) {}

    /** Gaode's congestion bands of the travel time index (DESIGN §5). */
    public static final List<ColourClass> GAODE_BANDS =
            List.of(
                    new ColourClass(null, 1.5, "#1a9850", "free (< 1.5)"),
                    new ColourClass(1.5, 2.0, "#fee08b", "slow (1.5 – 2)"),
                    new ColourClass(2.0, 4.0, "#fc8d59", "congested (2 – 4)"),
                    new ColourClass(4.0, null, "#b2182b", "severe (≥ 4)"));

    /** Good to bad, for classes computed from the values (quantiles). */
    public static final List<String> RAMP =
            List.of("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027");
}
