package org.citylake.model;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A city CityLake ingests, as registered in {@code ref.cities} (by a line of {@code
 * <feeds>/<city>/ref/cities.jsonl} or {@code citylake city add}): everything city-specific the jobs
 * need, so a new city is onboarded with data and no code.
 *
 * @param id lower-case id used in table rows, partitions, folder names and the CLI, e.g. {@code
 *     aarhus}
 * @param name display name, e.g. {@code Aarhus}
 * @param country ISO 3166-1 alpha-2 code, e.g. {@code DK}; null when not given
 * @param zone IANA time zone: local days, and timestamps sent without an offset, are read in it
 * @param lon centroid longitude, WGS84
 * @param lat centroid latitude, WGS84
 * @param crs metric CRS lengths and areas are measured in, {@code EPSG:<code>}
 * @param policy peak days and hours, night window
 */
public record City(
        String id,
        String name,
        String country,
        ZoneId zone,
        double lon,
        double lat,
        String crs,
        CityPolicy policy)
        implements Serializable {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public City {
        requireId(id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "city " + id + ": no name given, e.g. --name Sydney");
        }
        name = name.trim();
        if (country != null) {
            country = country.trim().toUpperCase(Locale.ROOT);
            if (country.isEmpty()) {
                country = null;
            } else if (!COUNTRIES.contains(country)) {
                throw new IllegalArgumentException(
                        "city "
                                + id
                                + ": country '"
                                + country
                                + "' is not an ISO 3166-1 alpha-2 code, e.g. DK or AU");
            }
        }
        if (zone == null || zone instanceof ZoneOffset) {
            throw new IllegalArgumentException(
                    "city " + id + ": " + zoneProblem(String.valueOf(zone)));
        }
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException(
                    "city "
                            + id
                            + ": centroid ("
                            + lon
                            + ", "
                            + lat
                            + ") is not a WGS84 lon/lat position (lon -180..180, lat -90..90;"
                            + " lat/lon swapped?)");
        }
        crs = crs == null || crs.isBlank() ? MetricCrs.utm(lon, lat) : MetricCrs.normalise(crs);
        if (policy == null) {
            policy = CityPolicy.defaults();
        }
    }

    /**
     * A city from text, as the CLI and {@code cities.jsonl} give it.
     *
     * @param timeZone IANA time zone id, e.g. {@code Australia/Sydney}
     * @param country ISO code or null
     * @param crs {@code EPSG:<code>}, or null/blank for the UTM zone of the centroid
     * @param policy null for the defaults
     * @throws IllegalArgumentException with what is wrong and an example of what is right
     */
    public static City of(
            String id,
            String name,
            String country,
            String timeZone,
            double lon,
            double lat,
            String crs,
            CityPolicy policy) {
        requireId(id);
        return new City(id, name, country, zone(id, timeZone), lon, lat, crs, policy);
    }

    /** An IANA region id, e.g. {@code Europe/Copenhagen}; fixed offsets are refused (no DST). */
    public static ZoneId zone(String city, String timeZone) {
        String text = timeZone == null ? "" : timeZone.trim();
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw new IllegalArgumentException("city " + city + ": " + zoneProblem(text));
        }
        return ZoneId.of(text);
    }

    private static String zoneProblem(String text) {
        return "time zone '"
                + text
                + "' is not an IANA time zone id; give the region's id, e.g. Europe/Copenhagen"
                + " or Australia/Sydney (a fixed offset such as +02:00 knows no daylight saving)";
    }

    /**
     * Checks a city id: lower-case letters, digits, {@code -} and {@code _}, starting with a
     * letter.
     */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "city id '"
                            + id
                            + "': use lower-case letters, digits, - or _, starting with a letter,"
                            + " e.g. sydney");
        }
        return id;
    }

    /** The same city with another policy. */
    public City withPolicy(CityPolicy newPolicy) {
        return new City(id, name, country, zone, lon, lat, crs, newPolicy);
    }

    /** {@code Sydney (AU), Australia/Sydney, EPSG:32756}. */
    public String summary() {
        return name + (country == null ? "" : " (" + country + ")") + ", " + zone + ", " + crs;
    }
}
