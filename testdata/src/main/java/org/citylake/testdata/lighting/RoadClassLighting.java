package org.citylake.testdata.lighting;

import java.util.Locale;
import java.util.Map;

/**
 * How a road class (the OSM {@code highway} value) is lit when the extract does not say: whether it
 * is lit at all, the spacing between lamps, and whether it is dimmed after midnight.
 *
 * <table>
 *   <caption>Lighting by road class</caption>
 *   <tr><th>highway</th><th>lit when untagged</th><th>spacing, m</th><th>dimmed 00-05</th></tr>
 *   <tr><td>motorway, motorway_link</td><td>no</td><td>45</td><td>no</td></tr>
 *   <tr><td>trunk, primary (+ _link)</td><td>yes</td><td>45</td><td>no</td></tr>
 *   <tr><td>secondary (+ _link)</td><td>yes</td><td>40</td><td>no</td></tr>
 *   <tr><td>tertiary (+ _link), unclassified, road</td><td>yes</td><td>35</td><td>no</td></tr>
 *   <tr><td>residential, living_street, service</td><td>yes</td><td>30</td><td>yes</td></tr>
 *   <tr><td>pedestrian</td><td>yes</td><td>25</td><td>no</td></tr>
 *   <tr><td>footway, steps, path, cycleway, track, bridleway, other</td><td>no</td><td>25</td><td>no</td></tr>
 * </table>
 *
 * Sources and reasoning: spacing 25–45 m by class and ≈33 poles/km at 30 m on residential streets
 * (DESIGN §5); spacing grows with mounting height (≈3.5 × height: 6–8 m columns on residential
 * streets, 10–12 m on main roads). Urban roads from residential up are lit in European cities;
 * motorways are often unlit between junctions; paths and steps are lit only where the map says so
 * ({@code lit=yes}). A way tagged {@code lit=no} or {@code lit=disused} is never lit; any other
 * {@code lit} value ({@code yes}, {@code 24/7}, {@code automatic}, ...) lights it whatever its
 * class. The dimming of residential, living and service streets to 50 % from 00:00 to 05:00 local
 * follows the part-night schedules UK councils run (Swindon's saved 25 %, DESIGN §5).
 *
 * @param spacingM distance between two lamps along the way, m
 * @param litByDefault whether an untagged way of this class is lit
 * @param dimmed whether its lamps dim after midnight
 */
public record RoadClassLighting(double spacingM, boolean litByDefault, boolean dimmed) {

    private static final RoadClassLighting MAIN = new RoadClassLighting(45, true, false);
    private static final RoadClassLighting SECONDARY = new RoadClassLighting(40, true, false);
    private static final RoadClassLighting MINOR = new RoadClassLighting(35, true, false);
    private static final RoadClassLighting LOCAL = new RoadClassLighting(30, true, true);
    private static final RoadClassLighting PEDESTRIAN = new RoadClassLighting(25, true, false);
    private static final RoadClassLighting PATH = new RoadClassLighting(25, false, false);

    private static final Map<String, RoadClassLighting> BY_CLASS =
            Map.ofEntries(
                    Map.entry("motorway", new RoadClassLighting(45, false, false)),
                    Map.entry("trunk", MAIN),
                    Map.entry("primary", MAIN),
                    Map.entry("secondary", SECONDARY),
                    Map.entry("tertiary", MINOR),
                    Map.entry("unclassified", MINOR),
                    Map.entry("road", MINOR),
                    Map.entry("residential", LOCAL),
                    Map.entry("living_street", LOCAL),
                    Map.entry("service", LOCAL),
                    Map.entry("pedestrian", PEDESTRIAN));

    /** The lighting of a {@code highway} value; {@code _link} roads are lit as their road. */
    public static RoadClassLighting of(String highway) {
        String cls = highway == null ? "" : highway.trim().toLowerCase(Locale.ROOT);
        if (cls.endsWith("_link")) {
            cls = cls.substring(0, cls.length() - "_link".length());
        }
        return BY_CLASS.getOrDefault(cls, PATH);
    }

    /**
     * Whether a way is lit: by its {@code lit} tag when it has one, else by its class.
     *
     * @param litTag the {@code lit} tag, or null when untagged
     */
    public boolean lit(String litTag) {
        if (litTag == null || litTag.isBlank()) {
            return litByDefault;
        }
        String v = litTag.trim().toLowerCase(Locale.ROOT);
        return !(v.equals("no") || v.equals("disused"));
    }
}
