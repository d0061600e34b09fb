package org.citylake.geo.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The directory a road graph is stored in, and the record of what it was built from: a {@value
 * #MARKER} file with the SHA-256 of the OSM extract, the build settings and whether the build
 * finished. A directory whose record matches and says {@code built} is loaded as it is; one whose
 * record differs (another extract, other settings) or says {@code building} (an interrupted build)
 * is emptied and built again. A directory with other files and no record is not a road graph: it is
 * refused, never emptied.
 */
final class GraphDirectory {

    static final String MARKER = "citylake-road-graph.properties";

    /** Changes whenever what is built into a graph changes, so older graphs are rebuilt. */
    static final String FORMAT =
            "1; graphhopper 10.2; " + Vehicle.ENCODED_VALUES + "; profiles car, truck";

    private GraphDirectory() {}

    /** What a graph is built from: the extract's content and the settings. */
    static Properties key(Path osm, int minNetworkSize) throws IOException {
        Properties key = new Properties();
        key.setProperty("source.sha256", sha256(osm));
        key.setProperty("format", FORMAT);
        key.setProperty("min-network-size", Integer.toString(minNetworkSize));
        return key;
    }

    /**
     * Whether {@code dir} holds a finished graph built with {@code key}; if not, empties it (or
     * creates it) for a new build.
     *
     * @throws IOException when {@code dir} holds files but no record: it is not a road graph
     */
    static boolean reusable(Path dir, Properties key) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            Properties built = new Properties();
            try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
                built.load(in);
            }
            boolean same =
                    "built".equals(built.getProperty("state"))
                            && key.stringPropertyNames().stream()
                                    .allMatch(k -> key.getProperty(k).equals(built.getProperty(k)));
            if (same) {
                return true;
            }
            empty(dir);
            return false;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.findAny().isPresent()) {
                    throw new IOException(
                            dir
                                    + " holds files but no "
                                    + MARKER
                                    + ": it is not a road graph. Give an empty or new directory.");
                }
            }
        }
        Files.createDirectories(dir);
        return false;
    }

    /** Records that a build with {@code key} starts ({@code built} false) or has finished. */
    static void record(Path dir, Properties key, Path osm, boolean built) throws IOException {
        Properties record = new Properties();
        record.putAll(key);
        record.setProperty("state", built ? "built" : "building");
        record.setProperty("source.file", osm.getFileName().toString());
        record.setProperty("source.size", Long.toString(Files.size(osm)));
        Path tmp = dir.resolve(MARKER + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            record.store(out, "CityLake road graph: what it was built from");
        }
        Files.move(tmp, dir.resolve(MARKER), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void empty(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.equals(dir.resolve(MARKER))) {
                    Files.delete(p);
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
