package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.citylake.testdata.GeneratedFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake testdata generate}: the feeds of the lake's catalog, the city's registration, and
 * files already there left alone.
 */
class TestdataGenerateTest {

    @TempDir Path dir;

    @Test
    void generatesAFeedOfTheLakesCatalogAndLeavesFilesAlreadyThere() throws Exception {
        CliLake lake = new CliLake(dir);
        Path feedsD = lake.lakeDir().resolve("feeds.d");
        Files.createDirectories(feedsD);
        Files.copy(
                NewFeedsEndToEndIT.PROJECT_FEEDS.resolve("noise.feed.json"),
                feedsD.resolve("noise.feed.json"));
        Path feeds = lake.lakeDir().resolve("feeds");

        CliLake.Output first = lake.run("testdata", "generate", "--feed", "noise");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains(
                        "feed noise (descriptor version 1), city wuhan, seed 1: 211 lines",
                        "wuhan/noise.jsonl",
                        "nowhere/noise.jsonl",
                        "wuhan/ref/noise_sensors.jsonl",
                        "expected clean.noise_level",
                        "UNKNOWN_ENTITY 1");
        GeneratedFeed generated = GeneratedFeed.read(GeneratedFeed.path(feeds, "wuhan", "noise"));
        assertThat(generated.clean()).containsEntry("clean.noise_level", 200L);
        assertThat(Files.readString(feeds.resolve("wuhan/ref/cities.jsonl")))
                .contains("\"time_zone\":\"Asia/Shanghai\"", "\"lon\":114.3055");
        String written = Files.readString(feeds.resolve("wuhan/noise.jsonl"));

        CliLake.Output again = lake.run("testdata", "generate", "--feed", "noise", "--seed", "2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("noise.jsonl exists", "--overwrite");
        assertThat(Files.readString(feeds.resolve("wuhan/noise.jsonl"))).isEqualTo(written);

        CliLake.Output replaced =
                lake.run("testdata", "generate", "--feed", "noise", "--seed", "2", "--overwrite");
        assertThat(replaced.exit()).isZero();
        assertThat(Files.readString(feeds.resolve("wuhan/noise.jsonl"))).isNotEqualTo(written);
    }

    @Test
    void aCityTheGeneratorDoesNotKnowIsRegisteredFromTheOptions() throws Exception {
        CliLake lake = new CliLake(dir);
        CliLake.Output unknown =
                lake.run("testdata", "generate", "--feed", "air", "--city", "lyon");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("--time-zone ZONE --lon LON --lat LAT");

        CliLake.Output lyon =
                lake.run(
                        "testdata",
                        "generate",
                        "--feed",
                        "air",
                        "--city",
                        "lyon",
                        "--country",
                        "FR",
                        "--time-zone",
                        "Europe/Paris",
                        "--lon",
                        "4.8357",
                        "--lat",
                        "45.764",
                        "--readings",
                        "10",
                        "--bad-per-reason",
                        "0");
        assertThat(lyon.exit()).as(lyon.err()).isZero();
        Path feeds = lake.lakeDir().resolve("feeds");
        assertThat(Files.readString(feeds.resolve("lyon/ref/cities.jsonl")))
                .isEqualTo(
                        "{\"city\":\"lyon\",\"name\":\"Lyon\",\"country\":\"FR\","
                                + "\"time_zone\":\"Europe/Paris\",\"lon\":4.8357,\"lat\":45.764}\n");
        assertThat(Files.readAllLines(feeds.resolve("lyon/air.jsonl"))).hasSize(10);
        assertThat(feeds.resolve("nowhere")).doesNotExist();
    }
}
