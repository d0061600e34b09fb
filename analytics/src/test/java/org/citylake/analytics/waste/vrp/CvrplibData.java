package org.citylake.analytics.waste.vrp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CVRPLIB instances of the shared data folder ({@code ../shared/data/cvrplib} beside the
 * checkout: sets A, B and P with their .sol files), found from the working directory upwards.
 */
final class CvrplibData {

    private CvrplibData() {}

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("cvrplib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no shared/data/cvrplib above "
                        + Path.of("").toAbsolutePath()
                        + ": the CVRPLIB sets lie in ../shared/data/cvrplib beside the checkout");
    }

    static CvrplibInstance instance(String set, String name) {
        return CvrplibReader.read(dir().resolve(set).resolve(name + ".vrp"));
    }
}
