package org.citylake.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link FeedGenerator} run wrote and what ingesting it must give, known by construction
 * (the generator knows which lines it broke and how), not by parsing the lines back: an oracle for
 * tests that is independent of the ingest job. Written beside the feed as {@code
 * <out>/<city>/<feed>.expected.json}; ingest and {@code ref load} ignore that file.
 *
 * @param feed the feed id
 * @param descriptorVersion the version of the descriptor the readings were generated from
 * @param city the registered city the readings belong to
 * @param unregisteredCity the city folder holding the UNKNOWN_CITY lines, or null when no bad lines
 *     were written
 * @param seed the random seed
 * @param readings valid readings per entity type
 * @param files lines per feed file, by the label ingest gives its lines ({@code wuhan/water.jsonl})
 * @param raw rows each raw table gains: every line of every file
 * @param clean rows each clean table gains
 * @param columns per clean table and column: rows with a value, and the sum of the values (in the
 *     canonical unit) for numeric columns
 * @param deadLetters dead letters per reason code
 * @param badLines the reason of each bad line, by its source position ({@code
 *     wuhan/water.jsonl:17}, as a file replay records it)
 * @param ref rows per ref table ({@code ref.cities} included)
 */
public record GeneratedFeed(
        String feed,
        int descriptorVersion,
        String city,
        String unregisteredCity,
        long seed,
        int readings,
        Map<String, Long> files,
        Map<String, Long> raw,
        Map<String, Long> clean,
        Map<String, Map<String, ColumnOracle>> columns,
        Map<String, Long> deadLetters,
        Map<String, String> badLines,
        Map<String, Long> ref) {

    /** Suffix of the oracle file, after the feed id. */
    public static final String SUFFIX = ".expected.json";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * A clean column's values.
     *
     * @param values rows with a value (not null)
     * @param sum sum of the values of a numeric column, else null
     */
    public record ColumnOracle(long values, Double sum) {}

    /** {@code <out>/<city>/<feed>.expected.json} */
    public static Path path(Path out, String city, String feed) {
        return out.resolve(city).resolve(feed + SUFFIX);
    }

    /** Every line written, in every file. */
    public long lines() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }

    public long cleanTotal() {
        return clean.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    public static GeneratedFeed read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), GeneratedFeed.class);
    }
}
