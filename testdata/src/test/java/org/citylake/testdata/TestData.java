package org.citylake.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The bundled {@code test-data/} slices, read independently of the converters (plain commons-csv
 * over a gunzipped stream), and the converted JSON lines read back.
 */
final class TestData {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestData() {}

    /** {@code <repo>/test-data}, found from the working directory (the module or the repo root). */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-data");
            if (Files.isDirectory(candidate.resolve("citypulse-aarhus-traffic"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no test-data/ folder above " + Path.of("").toAbsolutePath());
    }

    static Path file(String folder, String name) {
        return root().resolve(folder).resolve(name);
    }

    /** Every record of a CSV file with a header row; gunzipped when the name ends in .gz. */
    static List<CSVRecord> csv(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get()
                                .parse(reader)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of a JSON-lines file, parsed. */
    static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                nodes.add(JSON.readTree(line));
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The observation time of an entity in any of the three encodings: keyValues ({@code
     * dateObserved}, interval start for {@code a/b}), NGSI-v2 ({@code {"value": …}}) or NGSI-LD
     * ({@code {"value": {"@value": …}}}), from {@code dateObserved} or {@code observationDateTime}.
     */
    static Instant observedAt(JsonNode entity) {
        JsonNode time =
                entity.has("dateObservedFrom")
                        ? entity.get("dateObservedFrom")
                        : entity.has("dateObserved")
                                ? entity.get("dateObserved")
                                : entity.get("observationDateTime");
        if (time == null) {
            throw new AssertionError("no observation time in " + entity);
        }
        if (time.isObject()) {
            time = time.get("value");
        }
        if (time.isObject()) {
            time = time.get("@value");
        }
        String text = time.asText();
        int slash = text.indexOf('/');
        return OffsetDateTime.parse(slash < 0 ? text : text.substring(0, slash)).toInstant();
    }
}
