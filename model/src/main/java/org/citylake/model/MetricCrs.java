package org.citylake.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric coordinate reference system a city's lengths and areas are measured in, as an EPSG
 * code. Unless a city names its own, it is the UTM zone (WGS84, standard 6° zones) of its centroid:
 * {@code EPSG:326zz} north of the equator, {@code EPSG:327zz} south. Within a city (tens of km) UTM
 * lengths differ from geodesic ones by well under 0.1 %.
 */
public final class MetricCrs {

    private static final Pattern EPSG = Pattern.compile("EPSG:(\\d{4,6})");
    private static final Pattern UTM = Pattern.compile("EPSG:32([67])(\\d\\d)");

    private MetricCrs() {}

    /**
     * The UTM zone of a WGS84 position: {@code EPSG:32632} for Aarhus, {@code EPSG:32756} Sydney.
     */
    public static String utm(double lon, double lat) {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException(
                    "("
                            + lon
                            + " "
                            + lat
                            + ") is not a WGS84 lon/lat position; is it projected or lat/lon"
                            + " swapped?");
        }
        int zone = Math.min(60, (int) Math.floor((lon + 180) / 6) + 1);
        return String.format(Locale.ROOT, "EPSG:%d%02d", lat >= 0 ? 326 : 327, zone);
    }

    /**
     * A CRS as written by a person, normalised: {@code epsg:32632} → {@code EPSG:32632}.
     *
     * @throws IllegalArgumentException when it is not {@code EPSG:<code>}
     */
    public static String normalise(String crs) {
        String text = crs.trim().toUpperCase(Locale.ROOT);
        if (!EPSG.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "CRS '"
                            + crs.trim()
                            + "' is not an EPSG code; write EPSG:<code>, e.g. EPSG:32632, or leave"
                            + " it out to use the UTM zone of the city's centroid");
        }
        return text;
    }

    /** {@code EPSG:32756} → {@code "UTM zone 56S"}; empty text for a CRS that is not UTM/WGS84. */
    public static String describe(String crs) {
        Matcher utm = UTM.matcher(crs);
        if (utm.matches()) {
            int zone = Integer.parseInt(utm.group(2));
            if (zone >= 1 && zone <= 60) {
                return "UTM zone " + zone + (utm.group(1).equals("6") ? "N" : "S");
            }
        }
        return "";
    }
}
