package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;
import org.citylake.testdata.FeedGenerator;
import org.citylake.testdata.GeneratedFeed;
import org.citylake.testdata.SeededReason;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator's feeds, line by line, through the parser: every line it broke in the payload is
 * refused for the reason it says, every other line is accepted (duplicates and unknown sensors are
 * found later, by state), and the accepted values add up to its oracle. Run on the project's
 * descriptors (water, noise) and on every built-in one: the generator knows no feed by name.
 */
class GeneratedFeedsParseTest {

    static final FeedCatalog CATALOG = FeedCatalog.load(List.of(Path.of("..", "feeds")));

    /** Reasons decided by state after parsing, or by the folder: the parser accepts these lines. */
    static final Set<String> NOT_BY_PAYLOAD =
            Set.of(
                    SeededReason.DUPLICATE.name(),
                    SeededReason.UNKNOWN_ENTITY.name(),
                    SeededReason.UNKNOWN_CITY.name());

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"water", "noise", "traffic", "air", "lighting", "waste", "parking"})
    void everyLineParsesAsTheGeneratorSays(String feedId) throws IOException {
        GeneratedFeed expected =
                FeedGenerator.generate(
                        CATALOG,
                        feedId,
                        FeedGenerator.WUHAN,
                        FeedGenerator.Settings.defaults().withBadPerReason(2).withSeed(7),
                        dir);
        FeedDescriptor feed = CATALOG.feed(feedId);
        ReadingParser parser =
                new ReadingParser(feed, CATALOG, FeedGenerator.WUHAN.zone(), Duration.ofMinutes(5));
        Set<String> listed = new HashSet<>();
        for (EntityDescriptor entity : feed.entities()) {
            if (entity.refTable().isPresent()) {
                Path ref = dir.resolve("wuhan/ref/" + entity.sensor().ref() + ".jsonl");
                for (String row : Files.readAllLines(ref)) {
                    listed.add(JSON.readTree(row).get("id").asText());
                }
            }
        }
        Instant now = Instant.now();
        List<String> lines = Files.readAllLines(dir.resolve("wuhan/" + feedId + ".jsonl"));
        Map<String, Map<String, double[]>> values = new HashMap<>(); // table → column → n, sum
        for (int n = 1; n <= lines.size(); n++) {
            String position = "wuhan/" + feedId + ".jsonl:" + n;
            String reason = expected.badLines().get(position);
            ParseOutcome outcome = parser.parse(lines.get(n - 1), now);
            if (reason != null && !NOT_BY_PAYLOAD.contains(reason)) {
                assertThat(outcome).as(position).isInstanceOf(ParseOutcome.Rejected.class);
                assertThat(((ParseOutcome.Rejected) outcome).reason().name())
                        .as(position + ": " + outcome)
                        .isEqualTo(reason);
                continue;
            }
            assertThat(outcome)
                    .as(position + ": " + lines.get(n - 1))
                    .isInstanceOf(ParseOutcome.Accepted.class);
            ParsedReading reading = ((ParseOutcome.Accepted) outcome).reading();
            if (reading.type().refTable().isPresent()) {
                assertThat(listed.contains(reading.sensorId()))
                        .as(position + " sensor " + reading.sensorId() + " listed")
                        .isEqualTo(!SeededReason.UNKNOWN_ENTITY.name().equals(reason));
            }
            if (reason != null) {
                continue;
            }
            Map<String, double[]> table =
                    values.computeIfAbsent(reading.type().cleanTable(), t -> new HashMap<>());
            reading.values()
                    .forEach(
                            (column, value) -> {
                                double[] sum = table.computeIfAbsent(column, c -> new double[2]);
                                sum[0]++;
                                if (value instanceof Number number) {
                                    sum[1] += number.doubleValue();
                                }
                            });
        }
        expected.columns()
                .forEach(
                        (table, columns) ->
                                columns.forEach(
                                        (column, oracle) -> {
                                            double[] seen =
                                                    values.get(table)
                                                            .getOrDefault(column, new double[2]);
                                            assertThat((long) seen[0])
                                                    .as(table + "." + column)
                                                    .isEqualTo(oracle.values());
                                            if (oracle.sum() != null) {
                                                assertThat(seen[1])
                                                        .as(table + "." + column)
                                                        .isCloseTo(
                                                                oracle.sum(),
                                                                within(
                                                                        1e-6
                                                                                * Math.max(
                                                                                        1,
                                                                                        Math.abs(
                                                                                                oracle
                                                                                                        .sum()))));
                                            }
                                        }));
        expected.clean()
                .forEach(
                        (table, rows) ->
                                assertThat(
                                                (long)
                                                        values.get(table)
                                                                .get(sensorColumn(feed, table))[0])
                                        .as(table)
                                        .isEqualTo(rows));
    }

    @ParameterizedTest
    @ValueSource(strings = {"water", "noise"})
    void everyReasonButParserErrorIsSeeded(String feedId) throws IOException {
        GeneratedFeed expected =
                FeedGenerator.generate(
                        CATALOG,
                        feedId,
                        FeedGenerator.WUHAN,
                        FeedGenerator.Settings.defaults(),
                        dir);
        EnumSet<RejectReason> reasons = EnumSet.allOf(RejectReason.class);
        reasons.remove(RejectReason.PARSER_ERROR);
        assertThat(expected.deadLetters().keySet())
                .containsExactlyInAnyOrderElementsOf(reasons.stream().map(Enum::name).toList());
        assertThat(Arrays.stream(SeededReason.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(reasons.stream().map(Enum::name).toList());
    }

    private static String sensorColumn(FeedDescriptor feed, String table) {
        return feed.entities().stream()
                .filter(e -> e.cleanTable().equals(table))
                .findFirst()
                .orElseThrow()
                .sensorColumn();
    }
}
