package org.citylake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.citylake.model.UnknownCityException;
import org.citylake.ref.CitiesFile;

/**
 * A city as the registry knows it, for commands that write feed files before anything is loaded:
 * its line in {@code <feeds>/<city>/ref/cities.jsonl} (what {@code ref load} would register), else
 * its row in the lake's {@code ref.cities}.
 */
final class RegisteredCity {

    private RegisteredCity() {}

    /**
     * @throws UnknownCityException saying how to register it, when neither knows it
     */
    static City require(String city, Path feedsDir, LakeConfig config) throws Exception {
        Path file = feedsDir.resolve(city).resolve("ref").resolve(CitiesFile.NAME);
        if (Files.isRegularFile(file)) {
            List<City> cities = CitiesFile.read(file, city);
            if (!cities.isEmpty()) {
                return cities.get(cities.size() - 1);
            }
        }
        return fromLake(city, config).orElseThrow(() -> new UnknownCityException(city));
    }

    private static Optional<City> fromLake(String city, LakeConfig config) {
        if (!Files.isDirectory(config.dataDir())) {
            return Optional.empty();
        }
        try (Lake lake = Lake.open(config)) {
            return CityTable.read(lake).find(city);
        } catch (Exception e) {
            // no lake here (or not reachable): the city is not registered in one
            return Optional.empty();
        }
    }
}
