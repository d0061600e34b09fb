package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monaco's street lighting through the commands a user types, on the embedded lake:
 *
 * <pre>
 *   testdata convert (osm-monaco: registers Monaco by data) → lighting inventory (real OSM)
 *   → (kept: the lamps of three cabinets) → testdata generate --feed lighting, 2 nights, faults
 *   → lakehouse init → ref load → ingest → every line a clean row, no dead letter
 * </pre>
 *
 * Expected counts come from the generated files themselves (lines per entity type), not from the
 * ingest job.
 */
class LightingFeedIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void generatedLightingIngestsWithNoDeadLetter() throws Exception {
        CliLake lake = new CliLake(dir);
        Path source = dir.resolve("source");
        Files.createDirectories(source);
        Files.createSymbolicLink(source.resolve("osm-monaco"), TEST_DATA.resolve("osm-monaco"));
        lake.cli("testdata", "convert", "--source", source.toString());
        Path feeds = lake.lakeDir().resolve("feeds");
        assertThat(feeds.resolve("monaco/ref/cities.jsonl")).exists();

        CliLake.Output unknown =
                lake.run(
                        "lighting",
                        "inventory",
                        "--city",
                        "atlantis",
                        "--osm",
                        TEST_DATA.resolve("osm-monaco/monaco.osm.gz").toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err())
                .contains("city 'atlantis' is not registered", "citylake city add");

        CliLake.Output inventory =
                lake.run(
                        "lighting",
                        "inventory",
                        "--city",
                        "monaco",
                        "--osm",
                        TEST_DATA.resolve("osm-monaco/monaco.osm.gz").toString(),
                        "--seed",
                        "2");
        assertThat(inventory.exit()).isZero();
        assertThat(inventory.out()).contains("1,893 lamps", "citylake ref load");

        // A few hundred lamps: those of the first three cabinets, with their segments.
        Path ref = feeds.resolve("monaco/ref");
        Set<String> cabinets =
                Set.of(
                        "urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-0001",
                        "urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-0002",
                        "urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-0003");
        Set<String> segments = new HashSet<>();
        List<String> lamps = new ArrayList<>();
        for (String line : Files.readAllLines(ref.resolve("streetlights.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            if (cabinets.contains(row.get("cabinet_id").asText())) {
                lamps.add(line);
                segments.add(row.get("segment_id").asText());
            }
        }
        Files.write(ref.resolve("streetlights.jsonl"), lamps);
        keep(ref.resolve("streetlight_cabinets.jsonl"), cabinets);
        keep(ref.resolve("lit_segments.jsonl"), segments);
        assertThat(lamps.size()).isBetween(300, 360);

        CliLake.Output generate =
                lake.run(
                        "testdata",
                        "generate",
                        "--feed",
                        "lighting",
                        "--city",
                        "monaco",
                        "--from",
                        "2024-06-03",
                        "--nights",
                        "2",
                        "--seed",
                        "3",
                        "--fault-rate",
                        "0.02",
                        "--cabinet-fault-rate",
                        "0.2");
        assertThat(generate.exit()).isZero();
        long lampLines = 0;
        long cabinetLines = 0;
        Set<String> lampIds = new HashSet<>();
        for (String line : Files.readAllLines(feeds.resolve("monaco/lighting.jsonl"))) {
            JsonNode reading = JSON.readTree(line);
            if (reading.get("type").asText().equals("Streetlight")) {
                lampLines++;
                lampIds.add(reading.get("id").asText());
            } else {
                cabinetLines++;
            }
        }
        assertThat(cabinetLines).isEqualTo(3 * 2 * 96);
        assertThat(lampLines).isGreaterThan(lamps.size() * 2L * 96 * 9 / 10);
        assertThat(Files.readAllLines(feeds.resolve("monaco/lighting.faults.jsonl"))).isNotEmpty();

        lake.cli("lakehouse", "init");
        CliLake.Output load = lake.run("ref", "load");
        assertThat(load.exit()).isZero();
        assertThat(load.out()).contains("ref.streetlights", "ref.lit_segments");
        CliLake.Output ingest = lake.run("ingest", "--no-progress");
        assertThat(ingest.exit()).isZero();

        try (Lake opened = Lake.open(lake.config())) {
            assertThat(
                            records(opened.table("ops.dead_letter")).stream()
                                    .filter(r -> "lighting".equals(r.getField("feed")))
                                    .map(r -> r.getField("reason") + ": " + r.getField("detail"))
                                    .toList())
                    .isEmpty();
            assertThat(records(opened.table("clean.streetlight"))).hasSize((int) lampLines);
            assertThat(records(opened.table("clean.streetlight_cabinet")))
                    .hasSize((int) cabinetLines);
            assertThat(records(opened.table("ref.streetlights"))).hasSize(lamps.size());
            assertThat(records(opened.table("ref.streetlight_cabinets"))).hasSize(3);
            assertThat(records(opened.table("ref.lit_segments"))).hasSize(segments.size());
            assertThat(
                            records(opened.table("clean.streetlight")).stream()
                                    .map(r -> (String) r.getField("lamp_id"))
                                    .distinct()
                                    .count())
                    .isEqualTo(lampIds.size());
        }
    }

    private static void keep(Path file, Set<String> ids) throws Exception {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (ids.contains(JSON.readTree(line).get("id").asText())) {
                kept.add(line);
            }
        }
        Files.write(file, kept);
    }

    private static List<Record> records(Table table) throws Exception {
        table.refresh();
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(r -> out.add(r.copy()));
        }
        return out;
    }
}
