package org.citylake.analytics.waste.vrp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CVRPLIB instances bundled in {@code test-data/cvrplib} (sets A, B and P with their .sol
 * files, unchanged from the shared data folder), found from the working directory upwards.
 */
final class CvrplibData {

    private CvrplibData() {}

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("test-data").resolve("cvrplib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no test-data/cvrplib above "
                        + Path.of("").toAbsolutePath()
                        + ": the CVRPLIB sets are bundled in the checkout's test-data/cvrplib");
    }

    static CvrplibInstance instance(String set, String name) {
        return CvrplibReader.read(dir().resolve(set).resolve(name + ".vrp"));
    }
}
