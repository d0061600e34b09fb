package org.citylake.ref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;
import org.citylake.model.CityRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CitiesFileTest {

    @TempDir Path dir;

    static final String SYDNEY =
            "{\"city\":\"sydney\",\"name\":\"Sydney\",\"country\":\"AU\","
                    + "\"time_zone\":\"Australia/Sydney\",\"lon\":151.2093,\"lat\":-33.8688}";

    @Test
    void aLineIsACityWithDefaultsForWhatItLeavesOut() {
        City sydney = CitiesFile.parse(SYDNEY, "sydney", "f:1");
        assertThat(sydney)
                .isEqualTo(
                        City.of(
                                "sydney",
                                "Sydney",
                                "AU",
                                "Australia/Sydney",
                                151.2093,
                                -33.8688,
                                null,
                                null));
        assertThat(sydney.crs()).isEqualTo("EPSG:32756");
        assertThat(sydney.policy()).isEqualTo(CityPolicy.defaults());

        City own =
                CitiesFile.parse(
                        "{\"city\":\"sydney\",\"name\":\"Sydney\",\"time_zone\":\"Australia/Sydney\","
                                + "\"lon\":151.2093,\"lat\":-33.8688,\"crs\":\"EPSG:28356\","
                                + "\"peak_days\":\"MON-SAT\",\"peak_hours\":\"07-09\","
                                + "\"night_hours\":\"23-04\"}",
                        "sydney",
                        "f:1");
        assertThat(own.crs()).isEqualTo("EPSG:28356"); // GDA94 / MGA zone 56
        assertThat(own.country()).isNull();
        assertThat(own.policy()).isEqualTo(CityPolicy.parse("MON-SAT", "07-09", "23-04"));
    }

    @Test
    void mistakesAreRefusedNamingFileAndLine() {
        assertThatThrownBy(
                        () ->
                                CitiesFile.parse(
                                        SYDNEY.replace("Australia/Sydney", "Sydney"),
                                        "sydney",
                                        "cities.jsonl:3"))
                .hasMessageStartingWith("cities.jsonl:3: city sydney: time zone 'Sydney'")
                .hasMessageContaining("e.g. Europe/Copenhagen or Australia/Sydney");
        assertThatThrownBy(() -> CitiesFile.parse(SYDNEY, "perth", "f:1"))
                .hasMessage("f:1: city 'sydney' in the folder of city 'perth'");
        assertThatThrownBy(
                        () ->
                                CitiesFile.parse(
                                        SYDNEY.replace("\"lat\"", "\"latitude\""), "sydney", "f:1"))
                .hasMessageContaining("f:1: unknown key 'latitude'");
        assertThatThrownBy(
                        () ->
                                CitiesFile.parse(
                                        SYDNEY.replace("151.2093", "\"151.2093\""),
                                        "sydney",
                                        "f:1"))
                .hasMessageContaining("'lon' must be a number");
        assertThatThrownBy(
                        () ->
                                CitiesFile.parse(
                                        "{\"city\":\"sydney\",\"name\":\"S\"}", "sydney", "f:1"))
                .hasMessage("f:1: required key 'time_zone' is missing");
        assertThatThrownBy(
                        () ->
                                CitiesFile.parse(
                                        SYDNEY.replace("}", ",\"crs\":\"EPSG:999999\"}"),
                                        "sydney",
                                        "f:1"))
                .hasMessageContaining("CRS EPSG:999999 is not an EPSG code GeoTools knows");
        assertThatThrownBy(() -> CitiesFile.parse("{\"city\":", "sydney", "f:1"))
                .hasMessageStartingWith("f:1: not a JSON object");
    }

    @Test
    void refLoadRegistersTheCityAndALaterLoadUpdatesIt() throws Exception {
        Path ref = Files.createDirectories(dir.resolve("feeds/sydney/ref"));
        Files.writeString(ref.resolve("cities.jsonl"), SYDNEY + "\n");
        Files.writeString(
                ref.resolve("parking_lots.jsonl"),
                "{\"city\":\"sydney\",\"id\":\"SYD-1\",\"total_spots\":400}\n");
        try (Lake lake = Lake.open(LakeConfig.embedded(dir.resolve("lake")))) {
            lake.init();
            Map<String, Integer> loaded = RefLoader.loadAll(lake, dir.resolve("feeds"));
            assertThat(loaded)
                    .containsExactly(
                            Map.entry("ref.cities (sydney)", 1),
                            Map.entry("ref.parking_lots (sydney)", 1));
            CityRegistry registry = CityTable.read(lake);
            assertThat(registry.require("sydney").zone().getId()).isEqualTo("Australia/Sydney");

            Files.writeString(
                    ref.resolve("cities.jsonl"),
                    SYDNEY.replace("}", ",\"peak_days\":\"MON-SAT\"}"));
            RefLoader.loadAll(lake, dir.resolve("feeds"));
            assertThat(CityTable.read(lake).require("sydney").policy().peakDaysText())
                    .isEqualTo("MON-SAT");
            assertThat(CityTable.read(lake).size()).isEqualTo(1);
        }
    }
}
