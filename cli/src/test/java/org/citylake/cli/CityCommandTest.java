package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citylake city add|list}, {@code ref load} of cities.jsonl and the unregistered run. */
class CityCommandTest {

    @TempDir Path dir;

    static final String[] SYDNEY = {
        "city",
        "add",
        "sydney",
        "--name",
        "Sydney",
        "--country",
        "AU",
        "--time-zone",
        "Australia/Sydney",
        "--lon",
        "151.2093",
        "--lat",
        "-33.8688"
    };

    private CityRegistry registry(CliLake lake) throws Exception {
        try (Lake opened = Lake.open(lake.config())) {
            return CityTable.read(opened);
        }
    }

    @Test
    void addRegistersPrintsWhatItRegisteredAndIsIdempotent() throws Exception {
        CliLake lake = new CliLake(dir);
        CliLake.Output first = lake.run(SYDNEY);
        assertThat(first.exit()).isZero();
        assertThat(first.out())
                .isEqualTo(
                        "registered sydney: Sydney (AU), Australia/Sydney, centroid 151.2093"
                                + " -33.8688, CRS EPSG:32756 (UTM zone 56S, from the centroid),"
                                + " peak MON-FRI 06-10,15-19, night 22-05\n");
        City sydney = registry(lake).require("sydney");
        assertThat(sydney.crs()).isEqualTo("EPSG:32756");
        assertThat(sydney.zone().getId()).isEqualTo("Australia/Sydney");

        CliLake.Output again = lake.run(SYDNEY);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("unchanged sydney: Sydney (AU)");
        assertThat(registry(lake).all()).containsExactly(sydney);

        String[] weekends = new String[SYDNEY.length + 4];
        System.arraycopy(SYDNEY, 0, weekends, 0, SYDNEY.length);
        weekends[SYDNEY.length] = "--peak-days";
        weekends[SYDNEY.length + 1] = "SAT-SUN";
        weekends[SYDNEY.length + 2] = "--crs";
        weekends[SYDNEY.length + 3] = "epsg:28356";
        CliLake.Output updated = lake.run(weekends);
        assertThat(updated.out())
                .startsWith("updated sydney: ")
                .contains("CRS EPSG:28356, peak SAT-SUN 06-10,15-19");
        assertThat(registry(lake).require("sydney").policy().peakDaysText()).isEqualTo("SAT-SUN");
        assertThat(registry(lake).size()).isEqualTo(1);
    }

    @Test
    void aBadTimeZoneIsRefusedWithAValidExample() throws Exception {
        CliLake lake = new CliLake(dir);
        String[] args = SYDNEY.clone();
        args[8] = "Sydney/Australia";
        CliLake.Output refused = lake.run(args);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("time zone 'Sydney/Australia' is not an IANA time zone id")
                .contains("e.g. Europe/Copenhagen or Australia/Sydney");
        assertThat(registry(lake).size()).isZero();

        args = SYDNEY.clone();
        args[12] = "-95";
        assertThat(lake.run(args).err()).contains("is not a WGS84 lon/lat position");
    }

    @Test
    void listShowsEveryCityAsATable() throws Exception {
        CliLake lake = new CliLake(dir);
        assertThat(lake.run("city", "list").out()).contains("no city is registered");
        lake.cli(SYDNEY);
        lake.cli(
                "city",
                "add",
                "aarhus",
                "--name",
                "Aarhus",
                "--time-zone",
                "Europe/Copenhagen",
                "--lon",
                "10.2039",
                "--lat",
                "56.1629",
                "--night-hours",
                "23-05");
        String table = lake.run("city", "list").out();
        assertThat(table.lines().toList())
                .hasSize(4) // header, rule, two cities
                .first()
                .asString()
                .contains("city", "name", "country", "time_zone", "crs", "night_hours");
        assertThat(table.lines().skip(2).toList())
                .satisfiesExactly(
                        aarhus ->
                                assertThat(aarhus)
                                        .contains("aarhus", "Europe/Copenhagen", "EPSG:32632")
                                        .contains("23-05"),
                        sydney ->
                                assertThat(sydney)
                                        .contains("sydney", "Sydney", "AU", "Australia/Sydney")
                                        .contains("151.2093", "-33.8688", "EPSG:32756")
                                        .contains("MON-FRI", "06-10,15-19", "22-05"));
        assertThat(lake.run("city", "list", "--format", "csv").out())
                .contains(
                        "sydney,Sydney,AU,Australia/Sydney,151.2093,-33.8688,EPSG:32756,MON-FRI,"
                                + "\"06-10,15-19\",22-05");
    }

    @Test
    void refLoadRegistersACityFromItsCitiesJsonl() throws Exception {
        CliLake lake = new CliLake(dir);
        Path ref = Files.createDirectories(lake.lakeDir().resolve("feeds/sydney/ref"));
        Files.writeString(
                ref.resolve("cities.jsonl"),
                "{\"city\":\"sydney\",\"name\":\"Sydney\",\"time_zone\":\"Australia/Sydney\","
                        + "\"lon\":151.2093,\"lat\":-33.8688}\n");
        CliLake.Output loaded = lake.run("ref", "load");
        assertThat(loaded.exit()).isZero();
        assertThat(loaded.out()).contains("ref.cities (sydney)").contains("1 rows");
        assertThat(registry(lake).require("sydney").crs()).isEqualTo("EPSG:32756");

        Files.writeString(
                ref.resolve("cities.jsonl"),
                "{\"city\":\"sydney\",\"name\":\"Sydney\",\"time_zone\":\"AEST\","
                        + "\"lon\":151.2093,\"lat\":-33.8688}\n");
        CliLake.Output refused = lake.run("ref", "load");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains(
                        "cities.jsonl:1: city sydney: time zone 'AEST' is not an IANA time zone id");
    }

    @Test
    void aJobForAnUnregisteredCityFailsSayingHowToRegisterIt() {
        CliLake lake = new CliLake(dir);
        CliLake.Output refused =
                lake.run("run", "parking", "--from", "2024-04-07", "--city", "perth");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("city 'perth' is not registered in ref.cities")
                .contains(
                        "citylake city add perth --name NAME --time-zone ZONE --lon LON --lat LAT")
                .contains("<feeds>/perth/ref/cities.jsonl")
                .contains("citylake ref load");
    }
}
