package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.citylake.ingest.parse.RejectReason;
import org.citylake.lakehouse.Lake;
import org.citylake.testdata.GeneratedFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WaterQualityObserved and NoiseLevelObserved, which no code of CityLake names, run end to end on
 * the embedded lake from their descriptors alone (the project's {@code feeds/water.feed.json} and
 * {@code feeds/noise.feed.json}, dropped into {@code <data-dir>/feeds.d/}), through the commands a
 * user types:
 *
 * <pre>
 *   feeds list → testdata generate (Wuhan, seeded bad lines) → lakehouse init → ref load → ingest
 *   → clean rows, values and dead letters per reason and line = the generator's oracle → sql
 *   → noise v2 (+ lceq_db from LCeq) → lakehouse init: the column is added in place
 *   → ingest --batch of new lines carrying LCeq: they land with their values, the old rows stay
 * </pre>
 *
 * The oracle is what the generator broke, not what the parser says.
 */
class NewFeedsEndToEndIT {

    /** The project's feed folder, from the cli module. */
    static final Path PROJECT_FEEDS = Path.of("..", "feeds");

    static final String CITY = "wuhan";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @TempDir Path dir;

    @Test
    void waterAndNoiseRunFromTheirDescriptorsAndNoiseGainsAColumnInPlace() throws Exception {
        CliLake lake = new CliLake(dir);
        Path feedsD = lake.lakeDir().resolve("feeds.d");
        Files.createDirectories(feedsD);
        for (String feed : List.of("water", "noise")) {
            Files.copy(
                    PROJECT_FEEDS.resolve(feed + ".feed.json"),
                    feedsD.resolve(feed + ".feed.json"));
        }

        CliLake.Output list = lake.run("feeds", "list", "--format", "csv");
        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .contains(
                        "water,1,WaterQualityObserved,clean.water_quality,ref.water_stations",
                        "noise,1,NoiseLevelObserved,clean.noise_level,ref.noise_sensors");

        CliLake.Output generate =
                lake.run(
                        "testdata",
                        "generate",
                        "--feed",
                        "water,noise",
                        "--city",
                        CITY,
                        "--readings",
                        "150",
                        "--seed",
                        "7",
                        "--bad-per-reason",
                        "2");
        assertThat(generate.exit()).isZero();
        Path feeds = lake.lakeDir().resolve("feeds");
        GeneratedFeed water = GeneratedFeed.read(GeneratedFeed.path(feeds, CITY, "water"));
        GeneratedFeed noise = GeneratedFeed.read(GeneratedFeed.path(feeds, CITY, "noise"));
        assertThat(generate.out()).contains("clean.water_quality", "clean.noise_level");
        List<String> reasons =
                Arrays.stream(RejectReason.values())
                        .filter(r -> r != RejectReason.PARSER_ERROR)
                        .map(Enum::name)
                        .toList();
        for (GeneratedFeed generated : List.of(water, noise)) {
            assertThat(generated.deadLetters().keySet())
                    .containsExactlyInAnyOrderElementsOf(reasons);
        }

        lake.cli("lakehouse", "init");
        CliLake.Output ref = lake.run("ref", "load");
        assertThat(ref.out())
                .contains("ref.cities (wuhan)", "ref.water_stations (wuhan)", "ref.noise_sensors");
        CliLake.Output ingest = lake.run("ingest", "--no-progress");
        assertThat(ingest.exit()).isZero();
        assertThat(ingest.err()).contains("city 'nowhere' is not registered");

        try (Lake opened = Lake.open(lake.config())) {
            for (GeneratedFeed generated : List.of(water, noise)) {
                assertMatches(opened, generated);
            }
            assertThat(count(opened, "ref.water_stations")).isEqualTo(4);
            assertThat(count(opened, "ref.noise_sensors")).isEqualTo(4);
        }

        // Analysts' SQL (embedded: Flink SQL) reads the new tables.
        assertThat(
                        csv(
                                lake.run(
                                        "sql",
                                        "SELECT city, count(*) AS n, count(DISTINCT station_id) AS"
                                                + " stations FROM clean.water_quality GROUP BY city",
                                        "--format",
                                        "csv")))
                .containsExactly(List.of("city", "n", "stations"), List.of(CITY, "150", "4"));
        Map<String, Long> noiseReasons = new TreeMap<>();
        for (List<String> row :
                csv(
                        lake.run(
                                "sql",
                                "SELECT reason, count(*) AS n FROM ops.dead_letter"
                                        + " WHERE feed = 'noise' GROUP BY reason",
                                "--format",
                                "csv"))) {
            if (!row.get(0).equals("reason")) {
                noiseReasons.put(row.get(0), Long.parseLong(row.get(1)));
            }
        }
        assertThat(noiseReasons).isEqualTo(noise.deadLetters());

        // Version 2 of the noise descriptor: one new optional attribute, LCeq → lceq_db.
        Snapshot before;
        try (Lake opened = Lake.open(lake.config())) {
            before = Snapshot.of(opened.table("clean.noise_level"));
        }
        assertThat(before.rows()).isEqualTo(150);
        assertThat(before.files()).isNotEmpty();
        Path v2 = feedsD.resolve("noise.feed.json");
        Files.writeString(v2, noiseVersion2());
        assertThat(lake.run("feeds", "check", v2.toString()).out())
                .contains("feed noise, version 2, ok");
        assertThat(lake.run("lakehouse", "init").out())
                .contains("0 tables created")
                .contains("evolved clean.noise_level: added lceq_db (double)");
        try (Lake opened = Lake.open(lake.config())) {
            Table table = opened.table("clean.noise_level");
            Snapshot after = Snapshot.of(table);
            // nothing rewritten: the same snapshot, the same data files, every row
            assertThat(after.snapshotId()).isEqualTo(before.snapshotId());
            assertThat(after.files()).isEqualTo(before.files());
            assertThat(after.rows()).isEqualTo(before.rows());
            assertThat(after.schemaId()).isGreaterThan(before.schemaId());
            Types.NestedField lceq = table.schema().findField("lceq_db");
            assertThat(lceq).isNotNull();
            assertThat(lceq.isOptional()).isTrue();
            assertThat(lceq.type()).isEqualTo(Types.DoubleType.get());
            assertThat(table.schemas().get(before.schemaId()).findField("lceq_db")).isNull();
            assertThat(records(table)).hasSize(150).allMatch(r -> r.getField("lceq_db") == null);
        }

        // New readings carrying LCeq, generated from version 2, land with their values.
        Path july = dir.resolve("feeds-july");
        lake.cli(
                "testdata",
                "generate",
                "--feed",
                "noise",
                "--city",
                CITY,
                "--readings",
                "40",
                "--seed",
                "8",
                "--start",
                "2024-07-01T00:00",
                "--bad-per-reason",
                "0",
                "--out",
                july.toString());
        GeneratedFeed more = GeneratedFeed.read(GeneratedFeed.path(july, CITY, "noise"));
        assertThat(more.descriptorVersion()).isEqualTo(2);
        GeneratedFeed.ColumnOracle lceq = more.columns().get("clean.noise_level").get("lceq_db");
        assertThat(lceq.values()).isPositive();
        lake.cli(
                "ingest",
                "--batch",
                "--no-progress",
                "--feed",
                "noise",
                "--feeds",
                july.toString());
        try (Lake opened = Lake.open(lake.config())) {
            Table table = opened.table("clean.noise_level");
            Snapshot now = Snapshot.of(table);
            assertThat(now.rows()).isEqualTo(150 + 40);
            assertThat(now.files()).containsAll(before.files());
            Instant july1 = OffsetDateTime.parse("2024-07-01T00:00:00+08:00").toInstant();
            List<Record> rows = records(table);
            assertThat(rows)
                    .filteredOn(r -> observed(r).isBefore(july1))
                    .hasSize(150)
                    .allMatch(r -> r.getField("lceq_db") == null);
            List<Double> values =
                    rows.stream()
                            .filter(r -> !observed(r).isBefore(july1))
                            .map(r -> (Double) r.getField("lceq_db"))
                            .filter(v -> v != null)
                            .toList();
            assertThat((long) values.size()).isEqualTo(lceq.values());
            assertThat(values.stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(lceq.sum(), within(1e-6 * lceq.sum()));
            assertThat(values).allMatch(v -> v >= 0 && v <= 200);
            assertThat(deadLetters(opened, "noise")).isEqualTo(noise.deadLetterTotal());
        }
        assertThat(
                        csv(
                                lake.run(
                                        "sql",
                                        "SELECT count(*) AS n, count(lceq_db) AS with_lceq FROM"
                                                + " clean.noise_level",
                                        "--format",
                                        "csv")))
                .containsExactly(
                        List.of("n", "with_lceq"), List.of("190", Long.toString(lceq.values())));
    }

    /**
     * Clean rows and their values, raw rows, and dead letters per reason and per line are what the
     * generator says.
     */
    private static void assertMatches(Lake lake, GeneratedFeed generated) {
        String feed = generated.feed();
        assertThat(count(lake, "raw." + feed)).as("raw." + feed).isEqualTo(generated.lines());
        generated
                .clean()
                .forEach(
                        (table, rows) -> {
                            List<Record> records = records(lake.table(table));
                            assertThat(records).as(table).hasSize(rows.intValue());
                            assertThat(records).allMatch(r -> CITY.equals(r.getField("city")));
                            generated
                                    .columns()
                                    .get(table)
                                    .forEach(
                                            (column, oracle) -> {
                                                List<Object> values =
                                                        records.stream()
                                                                .map(r -> r.getField(column))
                                                                .filter(v -> v != null)
                                                                .toList();
                                                assertThat((long) values.size())
                                                        .as(table + "." + column)
                                                        .isEqualTo(oracle.values());
                                                if (oracle.sum() != null) {
                                                    double sum =
                                                            values.stream()
                                                                    .mapToDouble(
                                                                            v ->
                                                                                    ((Number) v)
                                                                                            .doubleValue())
                                                                    .sum();
                                                    assertThat(sum)
                                                            .as(table + "." + column)
                                                            .isCloseTo(
                                                                    oracle.sum(),
                                                                    within(
                                                                            1e-6
                                                                                    * Math.max(
                                                                                            1,
                                                                                            oracle
                                                                                                    .sum())));
                                                }
                                            });
                        });
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, String> byLine = new TreeMap<>();
        for (Record r : records(lake.table("ops.dead_letter"))) {
            if (feed.equals(r.getField("feed"))) {
                String reason = (String) r.getField("reason");
                reasons.merge(reason, 1L, Long::sum);
                byLine.put((String) r.getField("source_position"), reason);
            }
        }
        assertThat(reasons).as(feed).isEqualTo(generated.deadLetters());
        assertThat(byLine).as(feed).isEqualTo(new TreeMap<>(generated.badLines()));
    }

    /** The noise descriptor with version 2 and one more optional column. */
    private static String noiseVersion2() throws IOException {
        ObjectNode descriptor =
                (ObjectNode) JSON.readTree(PROJECT_FEEDS.resolve("noise.feed.json").toFile());
        descriptor.put("version", 2);
        ObjectNode column = ((ArrayNode) descriptor.at("/entities/0/columns")).addObject();
        column.put("name", "lceq_db");
        column.put("attribute", "LCeq");
        column.put("type", "double");
        column.put("min", 0);
        column.put("max", 200);
        column.put("unit", "2N");
        column.put(
                "comment", "equivalent continuous C-weighted sound level over the interval, dB(C)");
        return JSON.writeValueAsString(descriptor);
    }

    /** A table's current snapshot: its id, schema, data files and rows. */
    record Snapshot(long snapshotId, int schemaId, Set<String> files, long rows) {
        static Snapshot of(Table table) throws IOException {
            table.refresh();
            Set<String> files = new HashSet<>();
            long rows = 0;
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    files.add(task.file().location());
                    rows += task.file().recordCount();
                }
            }
            return new Snapshot(
                    table.currentSnapshot().snapshotId(), table.schema().schemaId(), files, rows);
        }
    }

    private static Instant observed(Record r) {
        return ((OffsetDateTime) r.getField("observed_at")).toInstant();
    }

    private static long count(Lake lake, String table) {
        return records(lake.table(table)).size();
    }

    private static long deadLetters(Lake lake, String feed) {
        return records(lake.table("ops.dead_letter")).stream()
                .filter(r -> feed.equals(r.getField("feed")))
                .count();
    }

    private static List<Record> records(Table table) {
        table.refresh();
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(r -> out.add(r.copy()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** The rows of a {@code --format csv} result, header first. */
    private static List<List<String>> csv(CliLake.Output output) {
        assertThat(output.exit()).as(output.err()).isZero();
        List<List<String>> rows = new ArrayList<>();
        for (String line : output.out().strip().split("\n")) {
            rows.add(List.of(line.strip().split(",")));
        }
        return rows;
    }
}
