package org.citylake.analytics.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The reserved words of the two SQL engines analysts query the lake with: a name that is one of
 * them cannot be typed unquoted.
 *
 * <ul>
 *   <li><b>Flink SQL</b>: read at test time from the parser of the Flink planner on the test class
 *       path: every keyword of {@code org.apache.flink.sql.parser.impl.FlinkSqlParserImpl} that the
 *       parser's own metadata ({@code SqlAbstractParserImpl.Metadata#isReservedWord}, Calcite)
 *       calls reserved. {@code flink-table-planner-loader} carries the planner as a nested jar that
 *       its own class loader hides; this opens the nested jar the same way. Documented as "Reserved
 *       Keywords" in
 *       https://nightlies.apache.org/flink/flink-docs-release-2.1/docs/dev/table/sql/overview/
 *       (that page lists non-reserved keywords too).
 *   <li><b>Trino</b>: {@code trino-parser} is built for Java 24 and cannot load in these Java 17
 *       tests, so its list, printed from {@code io.trino.sql.ReservedIdentifiers}, is kept in
 *       {@code trino-reserved-words.txt} beside this class, with its version and source.
 * </ul>
 */
final class ReservedWords {

    static final String FLINK_PARSER = "org.apache.flink.sql.parser.impl.FlinkSqlParserImpl";
    static final String TRINO_LIST = "trino-reserved-words.txt";

    private static SortedSet<String> flink;

    private ReservedWords() {}

    /** Flink SQL's reserved words, upper case, from the planner's parser. */
    static synchronized SortedSet<String> flink() {
        if (flink == null) {
            flink = Collections.unmodifiableSortedSet(readFlinkParser());
        }
        return flink;
    }

    /** Trino's reserved words, upper case, from the list printed from trino-parser. */
    static SortedSet<String> trino() {
        SortedSet<String> words = new TreeSet<>();
        try (InputStream in = ReservedWords.class.getResourceAsStream(TRINO_LIST)) {
            if (in == null) {
                throw new IllegalStateException(TRINO_LIST + " is not on the test class path");
            }
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toUpperCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedSet(words);
    }

    /** The header of the Trino list: its version and where it was printed from. */
    static List<String> trinoHeader() {
        try (InputStream in = ReservedWords.class.getResourceAsStream(TRINO_LIST)) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SortedSet<String> readFlinkParser() {
        URL nested = ReservedWords.class.getClassLoader().getResource("flink-table-planner.jar");
        if (nested == null) {
            throw new IllegalStateException(
                    "flink-table-planner.jar (inside flink-table-planner-loader) is not on the"
                            + " test class path");
        }
        try {
            Path jar = Files.createTempFile("flink-table-planner", ".jar");
            jar.toFile().deleteOnExit();
            try (InputStream in = nested.openStream()) {
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
            try (URLClassLoader planner =
                    new URLClassLoader(
                            new URL[] {jar.toUri().toURL()},
                            ReservedWords.class.getClassLoader())) {
                Class<?> parserClass = Class.forName(FLINK_PARSER, true, planner);
                Class<?> factoryType =
                        Class.forName(
                                "org.apache.calcite.sql.parser.SqlParserImplFactory",
                                true,
                                planner);
                Class<?> abstractParser =
                        Class.forName(
                                "org.apache.calcite.sql.parser.SqlAbstractParserImpl",
                                true,
                                planner);
                Class<?> metadataType =
                        Class.forName(
                                "org.apache.calcite.sql.parser.SqlAbstractParserImpl$Metadata",
                                true,
                                planner);
                Object factory = parserClass.getField("FACTORY").get(null);
                Object parser =
                        factoryType
                                .getMethod("getParser", Reader.class)
                                .invoke(factory, new StringReader(""));
                Object metadata = abstractParser.getMethod("getMetadata").invoke(parser);
                Method isReserved = metadataType.getMethod("isReservedWord", String.class);
                SortedSet<String> words = new TreeSet<>();
                for (Object token :
                        (List<?>) metadataType.getMethod("getTokens").invoke(metadata)) {
                    String word = token.toString();
                    if ((Boolean) isReserved.invoke(metadata, word)) {
                        words.add(word.toUpperCase(Locale.ROOT));
                    }
                }
                return words;
            } finally {
                Files.deleteIfExists(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the reserved words of " + FLINK_PARSER, e);
        }
    }
}
