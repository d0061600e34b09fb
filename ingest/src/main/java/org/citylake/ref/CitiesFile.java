package org.citylake.ref;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.citylake.geo.Reprojection;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;

/**
 * A city's registration as data: {@code <feeds>/<city>/ref/cities.jsonl}, one JSON object per line:
 *
 * <pre>
 * {"city":"sydney","name":"Sydney","country":"AU","time_zone":"Australia/Sydney","lon":151.2093,"lat":-33.8688}
 * </pre>
 *
 * {@code city}, {@code name}, {@code time_zone}, {@code lon} and {@code lat} are required; {@code
 * country}, {@code crs} (default: the UTM zone of lon/lat) and the policies {@code peak_days},
 * {@code peak_hours}, {@code night_hours} (defaults MON-FRI, 06-10,15-19, 22-05) are optional.
 * Every line is checked as {@code citylake city add} checks its options; an error names the file
 * and line.
 */
public final class CitiesFile {

    /** The file name in a city's {@code ref} folder. */
    public static final String NAME = "cities.jsonl";

    static final Set<String> KEYS =
            Set.of(
                    "city",
                    "name",
                    "country",
                    "time_zone",
                    "lon",
                    "lat",
                    "crs",
                    "peak_days",
                    "peak_hours",
                    "night_hours");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CitiesFile() {}

    /** The cities of {@code file}, each of which must be {@code folderCity}. */
    public static List<City> read(Path file, String folderCity) throws IOException {
        List<City> cities = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    cities.add(parse(line, folderCity, file + ":" + lineNo));
                }
            }
        }
        return cities;
    }

    static City parse(String line, String folderCity, String where) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    where + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        json.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!KEYS.contains(key)) {
                                throw new IllegalArgumentException(
                                        where
                                                + ": unknown key '"
                                                + key
                                                + "'; a city has "
                                                + List.of(
                                                        "city",
                                                        "name",
                                                        "time_zone",
                                                        "lon",
                                                        "lat",
                                                        "country",
                                                        "crs",
                                                        "peak_days",
                                                        "peak_hours",
                                                        "night_hours"));
                            }
                        });
        String id = text(json, "city", where, true);
        if (!id.equals(folderCity)) {
            throw new IllegalArgumentException(
                    where + ": city '" + id + "' in the folder of city '" + folderCity + "'");
        }
        try {
            City city =
                    City.of(
                            id,
                            text(json, "name", where, true),
                            text(json, "country", where, false),
                            text(json, "time_zone", where, true),
                            number(json, "lon", where),
                            number(json, "lat", where),
                            text(json, "crs", where, false),
                            CityPolicy.parse(
                                    text(json, "peak_days", where, false),
                                    text(json, "peak_hours", where, false),
                                    text(json, "night_hours", where, false)));
            requireKnownCrs(city);
            return city;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Checks that GeoTools can measure in the city's CRS. */
    public static void requireKnownCrs(City city) {
        try {
            Reprojection.between(Reprojection.WGS84, city.crs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "city "
                            + city.id()
                            + ": CRS "
                            + city.crs()
                            + " is not an EPSG code GeoTools knows; give a metric EPSG code such"
                            + " as EPSG:32632, or none for the UTM zone of the centroid",
                    e);
        }
    }

    private static String text(JsonNode json, String key, String where, boolean required) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(
                        where + ": required key '" + key + "' is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(
                    where + ": '" + key + "' must be a string, got " + value);
        }
        return value.asText();
    }

    private static double number(JsonNode json, String key, String where) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": required key '" + key + "' is missing");
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(
                    where + ": '" + key + "' must be a number (WGS84 degrees), got " + value);
        }
        return value.asDouble();
    }
}
