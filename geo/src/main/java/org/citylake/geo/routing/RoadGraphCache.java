package org.citylake.geo.routing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the graph of an OSM extract is kept between runs on one machine: a directory under the
 * system's temporary directory named after the extract's path. {@link RoadNetwork} rebuilds it when
 * the extract's content or the settings changed, so a stale graph is never used; an unchanged
 * extract is imported once per machine instead of once per run or task.
 */
public final class RoadGraphCache {

    /** The folder under {@code java.io.tmpdir} that holds the graphs. */
    public static final String FOLDER = "citylake-road-graphs";

    private RoadGraphCache() {}

    /** The graph directory of {@code osm} (its absolute, normalised path names it). */
    public static Path dirFor(Path osm) {
        String path = osm.toAbsolutePath().normalize().toString();
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(path.getBytes(StandardCharsets.UTF_8));
            String name = osm.getFileName() + "-" + HexFormat.of().formatHex(digest, 0, 8);
            return Path.of(System.getProperty("java.io.tmpdir"), FOLDER, name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The network of {@code osm} with {@code options}, its graph kept in {@link #dirFor}. */
    public static RoadNetwork open(Path osm, RoadNetwork.Options options)
            throws java.io.IOException {
        return RoadNetwork.open(osm, options.withGraphDir(dirFor(osm)));
    }
}
