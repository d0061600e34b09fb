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
import org.citylake.geo.Wkt;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.ref.RefLoader;
import org.citylake.testdata.FeedConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code citylake sql} with the ST_ functions on the real Aarhus reference data: converted, loaded
 * with {@code ref load}, queried with Flink SQL on the embedded lake.
 */
class SpatialSqlIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static Path testData() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("test-data/aarhus-districts"))) {
                return d.resolve("test-data");
            }
        }
        throw new IllegalStateException("no test-data/ above " + Path.of("").toAbsolutePath());
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void segmentsIntersectingMidtbyen() throws Exception {
        // Only the reference data: the segment metadata and the districts, no readings.
        Path source = dir.resolve("source");
        Path traffic = Files.createDirectories(source.resolve("citypulse-aarhus-traffic"));
        Files.copy(
                testData().resolve("citypulse-aarhus-traffic/trafficMetaData.csv"),
                traffic.resolve("trafficMetaData.csv"));
        Files.writeString(
                traffic.resolve("aarhus_traffic_none.csv"),
                "status,avgMeasuredTime,avgSpeed,extID,medianMeasuredTime,TIMESTAMP,vehicleCount,"
                        + "_id,REPORT_ID\n");
        Path districts = Files.createDirectories(source.resolve("aarhus-districts"));
        Files.copy(
                testData().resolve("aarhus-districts/local_community.geojson.gz"),
                districts.resolve("local_community.geojson.gz"));
        Path feeds = dir.resolve("feeds");
        FeedConverter.convertAll(source, feeds);

        LakeConfig config = LakeConfig.embedded(dir.resolve("lake"));
        try (Lake lake = Lake.open(config)) {
            lake.init();
            assertThat(RefLoader.loadAll(lake, feeds))
                    .containsEntry("ref.road_segments (aarhus)", 449)
                    .containsEntry("ref.districts (aarhus)", 24)
                    .containsEntry("ref.segment_districts (aarhus)", 449);
        }

        // Expected, with JTS directly on the converted files.
        Geometry midtbyen =
                lines(feeds.resolve("aarhus/ref/districts.jsonl")).stream()
                        .filter(d -> d.get("name").asText().equals("Midtbyen"))
                        .map(d -> Wkt.read(d.get("geometry_wkt").asText(), "Midtbyen"))
                        .findFirst()
                        .orElseThrow();
        Set<String> expected = new HashSet<>();
        for (JsonNode s : lines(feeds.resolve("aarhus/ref/road_segments.jsonl"))) {
            if (midtbyen.intersects(Wkt.read(s.get("geometry_wkt").asText(), "segment"))) {
                expected.add(s.get("id").asText());
            }
        }
        assertThat(expected).contains("190100", "178929").doesNotContain("187509", "158324");

        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        SqlCommand.run(
                config,
                "SELECT s.id FROM ref.road_segments s JOIN ref.districts d"
                        + " ON ST_Intersects(ST_GeomFromWKT(d.geometry_wkt),"
                        + " ST_GeomFromWKT(s.geometry_wkt)) WHERE d.name = 'Midtbyen'",
                header,
                rows);
        assertThat(header).containsExactly("id");
        assertThat(rows).extracting(r -> r.get(0)).containsExactlyInAnyOrderElementsOf(expected);

        // The assignment table: segments assigned to Midtbyen are a subset of those touching it.
        header.clear();
        rows.clear();
        SqlCommand.run(
                config,
                "SELECT segment_id FROM ref.segment_districts WHERE district_name = 'Midtbyen'",
                header,
                rows);
        assertThat(rows)
                .extracting(r -> r.get(0))
                .isNotEmpty()
                .isSubsetOf(expected)
                .contains("190100", "178929");
    }
}
