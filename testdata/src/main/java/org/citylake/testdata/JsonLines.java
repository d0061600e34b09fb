package org.citylake.testdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the JSON objects of one output file and writes them one per line (UTF-8, {@code \n}).
 *
 * <p>A feed file is written in observation-time order, as a live feed would deliver it; the sort is
 * stable, so lines with equal times keep the order they were added in (the source order). Each
 * object is serialised when added, so only its bytes are held.
 */
final class JsonLines {

    private record Line(Instant observedAt, byte[] json) {}

    private final boolean byObservationTime;
    private final List<Line> lines = new ArrayList<>();
    private Instant lastKnown = Instant.MIN;

    private JsonLines(boolean byObservationTime) {
        this.byObservationTime = byObservationTime;
    }

    /** A feed file: lines sorted by observation time, ties in the order added. */
    static JsonLines byObservationTime() {
        return new JsonLines(true);
    }

    /** A ref file: lines in the order added. */
    static JsonLines inOrder() {
        return new JsonLines(false);
    }

    /**
     * Adds an entity observed at the given time.
     *
     * @param observedAt the observation time, or null when the source time could not be read: the
     *     line then stays right after the line added before it (the ingest job rejects its
     *     unreadable time; it is not dropped here)
     */
    void add(Instant observedAt, ObjectNode json) {
        Instant key = observedAt != null ? observedAt : lastKnown;
        lastKnown = key;
        try {
            lines.add(new Line(key, NgsiJson.MAPPER.writeValueAsBytes(json)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a ref row. */
    void add(ObjectNode json) {
        add(null, json);
    }

    int size() {
        return lines.size();
    }

    /** Writes the file (creating its folder) and describes it. */
    ConvertedFile write(String city, String kind, String table, Path file) throws IOException {
        List<Line> ordered = new ArrayList<>(lines);
        if (byObservationTime) {
            ordered.sort(Comparator.comparing(Line::observedAt)); // List.sort is stable
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (Line line : ordered) {
                out.write(line.json());
                out.write('\n');
            }
        }
        return new ConvertedFile(city, kind, table, file, ordered.size());
    }
}
