package org.citylake.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The CityLake checkout the launcher runs from ({@code -Dcitylake.home}, else the working dir). */
final class Home {

    private Home() {}

    static Path dir() {
        String home = System.getProperty("citylake.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    static Path testData() {
        Path dir = dir().resolve("test-data");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "bundled test data not found at " + dir + "; pass --source DIR");
        }
        return dir;
    }
}
