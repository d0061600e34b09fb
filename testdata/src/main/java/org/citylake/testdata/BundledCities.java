package org.citylake.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.citylake.model.City;

/**
 * The cities of the bundled data sets, as {@code testdata convert} registers them: each gets {@code
 * <out>/<city>/ref/cities.jsonl}, which {@code citylake ref load} puts into {@code ref.cities}. The
 * converters read the sources' local times in these zones. Centroids are the city centres (WGS84);
 * the metric CRS is left to its default, the UTM zone of the centroid.
 */
public final class BundledCities {

    public static final City AARHUS =
            City.of("aarhus", "Aarhus", "DK", "Europe/Copenhagen", 10.2039, 56.1629, null, null);
    public static final City BEIJING =
            City.of("beijing", "Beijing", "CN", "Asia/Shanghai", 116.4074, 39.9042, null, null);
    public static final City EDINBURGH =
            City.of("edinburgh", "Edinburgh", "GB", "Europe/London", -3.1883, 55.9533, null, null);

    private BundledCities() {}

    /** Aarhus, Beijing, Edinburgh. */
    public static List<City> all() {
        return List.of(AARHUS, BEIJING, EDINBURGH);
    }

    /** The bundled city of this id. */
    public static City of(String id) {
        return all().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled city '" + id + "'"));
    }

    /**
     * Writes {@code <outDir>/<city>/ref/cities.jsonl}: one line with the city's id, name, country,
     * time zone and centroid; crs and policies are left to their defaults.
     */
    public static ConvertedFile write(City city, Path outDir) throws IOException {
        RefRows rows = new RefRows(org.citylake.lakehouse.tables.TableRegistry.CITIES, city.id());
        var row = rows.cityRow();
        row.put("name", city.name());
        if (city.country() != null) {
            row.put("country", city.country());
        }
        row.put("time_zone", city.zone().getId());
        row.put("lon", city.lon());
        row.put("lat", city.lat());
        rows.add(row);
        return rows.write(outDir);
    }
}
