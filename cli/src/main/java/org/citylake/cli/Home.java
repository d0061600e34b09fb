package org.citylake.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where CityLake is installed: a checkout (run with {@code ./citylake}) or an unpacked distribution
 * (run with {@code bin/citylake}). Both hold the bundled real data in {@code test-data/}. The
 * launchers pass it as {@code -Dcitylake.home}; without it (java started by hand, an IDE) it is the
 * working directory.
 */
final class Home {

    static final String PROPERTY = "citylake.home";

    private Home() {}

    static Path dir() {
        return Path.of(isSet() ? System.getProperty(PROPERTY) : ".").toAbsolutePath().normalize();
    }

    private static boolean isSet() {
        String home = System.getProperty(PROPERTY);
        return home != null && !home.isBlank();
    }

    /** The bundled data sets the demo and {@code testdata convert} read by default. */
    static Path testData() {
        Path dir = dir().resolve("test-data");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String fix =
                !isSet()
                        ? "start CityLake with its launcher (bin/citylake of the distribution,"
                                + " ./citylake of a checkout), which sets -D"
                                + PROPERTY
                        : "the CityLake home "
                                + dir()
                                + " is incomplete: unpack the distribution archive again, or"
                                + " restore test-data/ in the checkout (git checkout -- test-data)";
        throw new IllegalArgumentException(
                "bundled test data not found at "
                        + dir
                        + "; "
                        + fix
                        + ", or pass --source DIR with the data sets");
    }

    /** How the user started CityLake, for hints to run another command ({@code citylake sql}). */
    static String launcher() {
        String launcher = System.getProperty("citylake.launcher");
        return launcher != null && !launcher.isBlank() ? launcher : "citylake";
    }
}
