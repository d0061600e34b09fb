package org.citylake.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One feed file to replay: JSON lines, plain or gzipped, for one city.
 *
 * @param city city the readings belong to
 * @param path the file
 * @param lines number of lines (counted once when the replay is planned)
 */
public record ReplayFile(String city, String path, long lines) implements Serializable {

    public static ReplayFile of(String city, Path path) throws IOException {
        long count = 0;
        try (ByteLines lines = ByteLines.open(path.toString())) {
            while (lines.skip()) {
                count++;
            }
        }
        return new ReplayFile(city, path.toAbsolutePath().toString(), count);
    }

    /** Opens a plain or gzipped feed file for reading. */
    public static BufferedReader open(String path) throws IOException {
        InputStream in = Files.newInputStream(Path.of(path));
        if (path.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Short position label: {@code <parent dir>/<file name>}. */
    String label() {
        Path p = Path.of(path);
        Path parent = p.getParent();
        return parent == null
                ? p.getFileName().toString()
                : parent.getFileName() + "/" + p.getFileName();
    }
}
