package org.citylake.testdata.lighting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.citylake.model.EntityType;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.FeedConverter;
import org.citylake.testdata.RefRows;

/**
 * The street lamps of one city with the segments they light and the cabinets that feed them, as the
 * three ref files {@code citylake ref load} loads:
 *
 * <pre>
 *   &lt;feeds&gt;/&lt;city&gt;/ref/lit_segments.jsonl          ref.lit_segments
 *   &lt;feeds&gt;/&lt;city&gt;/ref/streetlights.jsonl          ref.streetlights
 *   &lt;feeds&gt;/&lt;city&gt;/ref/streetlight_cabinets.jsonl  ref.streetlight_cabinets
 * </pre>
 *
 * Lamps are in the order the inventory placed them (by OSM way, along each way), cabinets by id.
 */
public record LampInventory(
        String city, List<LitSegment> segments, List<Lamp> lamps, List<Cabinet> cabinets) {

    public static final String SEGMENTS = "ref.lit_segments";
    public static final String LAMPS = EntityType.STREETLIGHT.refTable();
    public static final String CABINETS = EntityType.STREETLIGHT_CONTROL_CABINET.refTable();

    private static final ObjectMapper JSON = new ObjectMapper();

    public LampInventory {
        segments = List.copyOf(segments);
        lamps = List.copyOf(lamps);
        cabinets = List.copyOf(cabinets);
    }

    /** The three ref files of {@code city} under {@code feedsDir}. */
    public static List<Path> files(Path feedsDir, String city) {
        return List.of(
                FeedConverter.refPath(feedsDir, city, SEGMENTS),
                FeedConverter.refPath(feedsDir, city, LAMPS),
                FeedConverter.refPath(feedsDir, city, CABINETS));
    }

    /** Lit length, km. */
    public double litKm() {
        return segments.stream().mapToDouble(LitSegment::lengthM).sum() / 1000;
    }

    /** Writes the three ref files (replacing them); returns what it wrote. */
    public List<ConvertedFile> write(Path feedsDir) throws IOException {
        RefRows segmentRows = new RefRows(SEGMENTS, city);
        for (LitSegment s : segments) {
            ObjectNode row = segmentRows.row(s.id());
            putText(row, "name", s.name());
            row.put("road_class", s.roadClass());
            row.put("lit", s.lit());
            if (s.lanes() != null) {
                row.put("lanes", s.lanes());
            }
            if (s.widthM() != null) {
                row.put("width_m", s.widthM());
            }
            row.put("length_m", Math.round(s.lengthM() * 100) / 100.0);
            putText(row, "geometry_wkt", s.wkt());
            putText(row, "district_id", s.districtId());
            segmentRows.add(row);
        }
        RefRows lampRows = new RefRows(LAMPS, city);
        for (Lamp l : lamps) {
            ObjectNode row = lampRows.row(l.id());
            row.put("segment_id", l.segmentId());
            row.put("cabinet_id", l.cabinetId());
            row.put("rated_power_w", l.ratedPowerW());
            row.put("lon", l.lon());
            row.put("lat", l.lat());
            row.put("technology", l.technology().name());
            row.put("circuit_id", l.circuitId());
            lampRows.add(row);
        }
        RefRows cabinetRows = new RefRows(CABINETS, city);
        for (Cabinet c : cabinets) {
            ObjectNode row = cabinetRows.row(c.id());
            row.put("name", c.name());
            row.put("lon", c.lon());
            row.put("lat", c.lat());
            putText(row, "district_id", c.districtId());
            row.put("circuits", c.circuits());
            row.put("lamps", c.lamps());
            cabinetRows.add(row);
        }
        return List.of(
                segmentRows.write(feedsDir), lampRows.write(feedsDir), cabinetRows.write(feedsDir));
    }

    /**
     * Reads the three ref files of {@code city} back.
     *
     * @throws NoSuchFileException naming the command that writes them when one is missing
     */
    public static LampInventory read(Path feedsDir, String city) throws IOException {
        for (Path file : files(feedsDir, city)) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(
                        file.toString(),
                        null,
                        "no lamp inventory for city "
                                + city
                                + "; write it first with `citylake lighting inventory --city "
                                + city
                                + " --osm FILE`");
            }
        }
        List<Path> files = files(feedsDir, city);
        List<LitSegment> segments = new ArrayList<>();
        Map<String, String> classOf = new HashMap<>();
        lines(
                files.get(0),
                r -> {
                    LitSegment s =
                            new LitSegment(
                                    r.get("id").asText(),
                                    text(r, "name"),
                                    r.get("road_class").asText(),
                                    r.get("lit").asText(),
                                    r.hasNonNull("lanes") ? r.get("lanes").asInt() : null,
                                    r.hasNonNull("width_m") ? r.get("width_m").asDouble() : null,
                                    r.get("length_m").asDouble(),
                                    text(r, "geometry_wkt"),
                                    text(r, "district_id"));
                    segments.add(s);
                    classOf.put(s.id(), s.roadClass());
                });
        List<Lamp> lamps = new ArrayList<>();
        lines(
                files.get(1),
                r -> {
                    String segment = r.get("segment_id").asText();
                    String roadClass = classOf.get(segment);
                    if (roadClass == null) {
                        throw new IllegalArgumentException(
                                files.get(1)
                                        + ": lamp "
                                        + r.get("id").asText()
                                        + " lights segment "
                                        + segment
                                        + ", which "
                                        + files.get(0)
                                        + " does not list; write the inventory again");
                    }
                    lamps.add(
                            new Lamp(
                                    r.get("id").asText(),
                                    segment,
                                    r.get("cabinet_id").asText(),
                                    text(r, "circuit_id"),
                                    Technology.valueOf(r.get("technology").asText()),
                                    r.get("rated_power_w").asDouble(),
                                    r.get("lon").asDouble(),
                                    r.get("lat").asDouble(),
                                    roadClass));
                });
        List<Cabinet> cabinets = new ArrayList<>();
        lines(
                files.get(2),
                r ->
                        cabinets.add(
                                new Cabinet(
                                        r.get("id").asText(),
                                        text(r, "name"),
                                        r.get("lon").asDouble(),
                                        r.get("lat").asDouble(),
                                        text(r, "district_id"),
                                        r.get("circuits").asInt(),
                                        r.get("lamps").asInt())));
        return new LampInventory(city, segments, lamps, cabinets);
    }

    private static void lines(Path file, Consumer<JsonNode> row) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    row.accept(JSON.readTree(line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static String text(JsonNode row, String field) {
        return row.hasNonNull(field) ? row.get(field).asText() : null;
    }

    private static void putText(ObjectNode row, String field, String value) {
        if (value != null) {
            row.put(field, value);
        }
    }
}
