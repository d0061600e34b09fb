package org.citylake.testdata;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Finds and opens the source CSV files of a data set folder, whether or not they are gzipped.
 *
 * <p>A file {@code <name>} is looked up as {@code <name>} first, then {@code <name>.gz}; the
 * bundled {@code test-data/} slices are gzipped, the shared full sets partly not, and one converter
 * reads either.
 */
final class SourceFiles {

    /** Header row first; quoted fields; CRLF or LF; blank lines ignored. */
    private static final CSVFormat CSV =
            CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .get();

    private SourceFiles() {}

    /** {@code dir/name} if it exists, else {@code dir/name.gz} if that exists, else empty. */
    static Optional<Path> find(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
    }

    /** Like {@link #find} but the file must be there. */
    static Path require(Path dir, String name) throws IOException {
        return find(dir, name)
                .orElseThrow(
                        () ->
                                new NoSuchFileException(
                                        dir.resolve(name).toString(),
                                        null,
                                        "neither " + name + " nor " + name + ".gz is in " + dir));
    }

    /**
     * Every file in {@code dir} named {@code <prefix>*<suffix>} or {@code <prefix>*<suffix>.gz},
     * sorted by name; where both a plain and a gzipped copy exist the plain one is taken, once.
     */
    static List<Path> findAll(Path dir, String prefix, String suffix) throws IOException {
        Map<String, Path> byBaseName = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
                if (base.startsWith(prefix) && base.endsWith(suffix)) {
                    byBaseName.merge(base, file, (a, b) -> isGzip(a) ? b : a);
                }
            }
        }
        return new ArrayList<>(byBaseName.values());
    }

    /** Like {@link #findAll}, but at least one file must match. */
    static List<Path> requireAll(Path dir, String prefix, String suffix) throws IOException {
        List<Path> files = findAll(dir, prefix, suffix);
        if (files.isEmpty()) {
            throw new NoSuchFileException(
                    dir.toString(),
                    null,
                    "no " + prefix + "*" + suffix + " or " + prefix + "*" + suffix + ".gz in it");
        }
        return files;
    }

    /**
     * A UTF-8 reader of the file, gunzipped when the name ends in {@code .gz}; a BOM is skipped.
     */
    static Reader openReader(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (isGzip(file)) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /**
     * Opens the file as CSV with a header row and checks that the named columns are present.
     *
     * @throws IOException naming the file and the missing column when the header lacks one
     */
    static CSVParser openCsv(Path file, String... requiredColumns) throws IOException {
        CSVParser parser = CSV.parse(openReader(file));
        List<String> header = parser.getHeaderNames();
        for (String column : requiredColumns) {
            if (!header.contains(column)) {
                parser.close();
                throw new IOException(
                        file
                                + ": column '"
                                + column
                                + "' is missing from the header; found "
                                + header);
            }
        }
        return parser;
    }

    /**
     * The cell of the named column, or "" when the row is too short to have it (a ragged row is
     * converted as far as it goes, not dropped).
     */
    static String cell(CSVRecord row, String column) {
        return row.isSet(column) ? row.get(column) : "";
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }
}
