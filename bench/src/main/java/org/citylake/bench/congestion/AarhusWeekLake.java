package org.citylake.bench.congestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citylake.cli.CityLakeCli;

/**
 * The bundled real Aarhus traffic week (2014-08-15 .. 21, 449 segments) in an embedded lake:
 * converted to FIWARE feeds, reference data loaded (segments, districts, segment → district) and
 * the readings batch-ingested into {@code clean.traffic_flow}, through the {@code citylake} CLI as
 * a user would.
 */
final class AarhusWeekLake {

    static final String WEEK_CSV =
            "citypulse-aarhus-traffic-week/aarhus_traffic_2014-08-15_to_2014-08-21.csv.gz";
    static final String META_CSV = "citypulse-aarhus-traffic/trafficMetaData.csv";
    static final String DISTRICTS = "aarhus-districts";

    private AarhusWeekLake() {}

    /** Builds the lake under {@code dataDir}; {@code testData} is the project's test-data/. */
    static void load(Path testData, Path dataDir, String bench) throws IOException {
        // a source folder holding only the week, laid out as the converter expects
        Path source = dataDir.resolve("source");
        Path traffic = Files.createDirectories(source.resolve("citypulse-aarhus-traffic"));
        Path week = testData.resolve(WEEK_CSV);
        Files.copy(week, traffic.resolve(week.getFileName()));
        Files.copy(testData.resolve(META_CSV), traffic.resolve("trafficMetaData.csv"));
        Path districts = Files.createDirectories(source.resolve(DISTRICTS));
        try (var files = Files.list(testData.resolve(DISTRICTS))) {
            for (Path f : files.toList()) {
                Files.copy(f, districts.resolve(f.getFileName()));
            }
        }
        String dir = dataDir.toString();
        cli(bench, "testdata", "convert", "--source", source.toString(), "--data-dir", dir);
        cli(bench, "lakehouse", "init", "--data-dir", dir);
        cli(bench, "ref", "load", "--data-dir", dir);
        cli(bench, "ingest", "--batch", "--feed", "traffic", "--no-progress", "--data-dir", dir);
    }

    private static void cli(String bench, String... args) {
        System.err.println("[" + bench + "] citylake " + String.join(" ", args));
        int exit = CityLakeCli.execute(args);
        if (exit != 0) {
            throw new IllegalStateException(
                    "loading the Aarhus week failed: `citylake "
                            + String.join(" ", args)
                            + "` exited with "
                            + exit
                            + " (its error is above)");
        }
    }
}
