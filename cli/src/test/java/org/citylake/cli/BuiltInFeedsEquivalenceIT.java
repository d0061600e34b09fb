package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five built-in feeds, read through their descriptors, give the rows the hand-written
 * extractors gave: the bundled real data is converted, the ref data loaded and every feed ingested
 * with {@code --batch}, all through the CLI, and each check below must give the row count and the
 * order-independent SHA-256 that a lake ingested by the extractors' version (commit 202322c) gave,
 * stored in {@code previous-ingest/digests.json} (how it was made: the README beside it).
 *
 * <p>The checks: every clean table (all columns but {@code ingested_at}); the dead letters (counts
 * per city, feed and reason; keys; detail texts; payload hashes); the raw payload hashes; and where
 * every line of every feed file went. Which one of several byte-identical lines of a sensor and
 * time is kept in {@code clean} is left to the batch job's sort by sensor (neither version keeps
 * the first in file order): the checks mask those lines' positions as {@code duplicate} and compare
 * each such group's positions as a whole instead ("duplicate groups").
 *
 * <p>{@code -Dcitylake.previous-ingest.lake=DIR} computes the digests of the existing embedded lake
 * in DIR instead, without ingesting anything, and writes them to {@code
 * target/previous-ingest-digests.json}: how the stored file is made from an old version's lake.
 */
class BuiltInFeedsEquivalenceIT {

    static final String DIGESTS = "/previous-ingest/digests.json";
    static final String RECORD_FROM = "citylake.previous-ingest.lake";

    /** The columns compared per clean table: all of 202322c's but ingested_at. */
    static final Map<String, List<String>> CLEAN = new LinkedHashMap<>();

    static {
        clean(
                "clean.traffic_flow",
                "segment_id lane_id interval_s intensity avg_speed_kmh avg_travel_time_s"
                        + " median_travel_time_s occupancy congested");
        clean(
                "clean.air_quality",
                "station_id pm25 pm10 no2 o3 so2 co temperature_c dew_point_c relative_humidity"
                        + " pressure_hpa wind_speed_ms wind_direction_deg precipitation_mm"
                        + " cumulated_wind_speed_ms cumulated_snow_h cumulated_rain_h");
        clean(
                "clean.streetlight",
                "lamp_id power_state status illuminance_level power_w energy_kwh cabinet_id");
        clean(
                "clean.streetlight_cabinet",
                "cabinet_id energy_kwh last_meter_reading_kwh total_active_power_kw working_mode");
        clean(
                "clean.waste_container",
                "container_id filling_level cargo_weight_kg category status date_last_emptying");
        clean(
                "clean.waste_collection",
                "container_id vehicle_id fill_before fill_after volume_l weight_kg");
        clean(
                "clean.parking",
                "lot_id total_spots available_spots occupied_spots occupancy status");
    }

    static final List<String> FEEDS = List.of("traffic", "air", "lighting", "waste", "parking");

    /**
     * What the converters add since 202322c, compared as absent: the truck of every Edinburgh
     * collection ({@code refVehicle}, clean {@code vehicle_id}; EdinburghWasteConverter's
     * collection rounds). {@link #bundledFeedsGiveTheRowsOfTheExtractors} checks it separately.
     */
    static final Map<String, String> ADDED_SINCE = Map.of("clean.waste_collection", "vehicle_id");

    static final java.util.regex.Pattern ADDED_VEHICLE =
            java.util.regex.Pattern.compile(",\"refVehicle\":\"urn:ngsi-ld:Vehicle:[^\"]*\"");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void bundledFeedsGiveTheRowsOfTheExtractors() throws Exception {
        String recordFrom = System.getProperty(RECORD_FROM, "");
        if (!recordFrom.isBlank()) {
            record(Path.of(recordFrom));
            return;
        }
        JsonNode stored;
        try (InputStream in = getClass().getResourceAsStream(DIGESTS)) {
            assertThat(in).as(DIGESTS).isNotNull();
            stored = JSON.readTree(in);
        }
        Map<String, String> expected = new TreeMap<>();
        stored.get("checks")
                .fields()
                .forEachRemaining(
                        e ->
                                expected.put(
                                        e.getKey(),
                                        e.getValue().get("rows").asLong()
                                                + " rows "
                                                + e.getValue().get("sha256").asText()));

        CliLake lake = new CliLake(dir);
        long start = System.nanoTime();
        lake.cli("testdata", "convert", "--source", testData().toString());
        lap("testdata convert", start);
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lap("lakehouse init + ref load", start);
        lake.cli("ingest", "--batch", "--no-progress");
        lap("ingest --batch", start);
        Map<String, Digest> actual = digests(lake.config());
        lap("digests", start);

        Map<String, String> got = new TreeMap<>();
        actual.forEach((name, d) -> got.put(name, d.toString()));
        assertThat(got).containsExactlyEntriesOf(expected);
        try (Lake opened = Lake.open(lake.config())) {
            List<Record> collections = records(opened, "clean.waste_collection");
            assertThat(collections).hasSize(10_000);
            assertThat(collections)
                    .allSatisfy(
                            r ->
                                    assertThat(text(r.getField("vehicle_id")))
                                            .startsWith("urn:ngsi-ld:Vehicle:edinburgh:"));
        }
    }

    /** Writes the digests of the lake in {@code dataDir} to target/previous-ingest-digests.json. */
    static void record(Path dataDir) throws Exception {
        ObjectNode checks = JSON.createObjectNode();
        digests(LakeConfig.embedded(dataDir))
                .forEach(
                        (name, d) ->
                                checks.putObject(name).put("rows", d.rows).put("sha256", d.sha256));
        ObjectNode file = JSON.createObjectNode();
        file.put("lake", dataDir.toString());
        file.set("checks", checks);
        Path out = Path.of("target", "previous-ingest-digests.json").toAbsolutePath();
        Files.createDirectories(out.getParent());
        JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), file);
        System.err.println("BuiltInFeedsEquivalenceIT: digests of " + dataDir + " in " + out);
    }

    /** Every check's row count and digest, by name. */
    static Map<String, Digest> digests(LakeConfig config) throws Exception {
        Map<String, Digest> digests = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            List<Record> deadLetters = records(lake, "ops.dead_letter");
            // (city, entity id, observed at) of every reading that came more than once
            Set<List<String>> repeated = new HashSet<>();
            for (Record r : deadLetters) {
                if ("DUPLICATE".equals(r.getField("reason"))) {
                    repeated.add(fields(r, "city", "entity_id", "observed_at"));
                }
            }
            Digest positions = new Digest();
            Digest groups = new Digest();
            for (var table : CLEAN.entrySet()) {
                Digest rows = new Digest();
                for (Record r : records(lake, table.getKey())) {
                    List<String> key = fields(r, "city", "entity_id", "observed_at");
                    String position = text(r.getField("source_position"));
                    positions.add(List.of(position));
                    boolean duplicated = repeated.contains(key);
                    if (duplicated) {
                        groups.add(plus(key, position));
                    }
                    List<String> row = fields(r, table.getValue());
                    String added = ADDED_SINCE.get(table.getKey());
                    if (added != null) {
                        row.set(table.getValue().indexOf(added), null);
                    }
                    row.add(duplicated ? "duplicate" : position);
                    rows.add(row);
                }
                digests.put(table.getKey(), rows);
            }
            Map<List<String>, Long> counts = new TreeMap<>(BuiltInFeedsEquivalenceIT::compare);
            Digest keys = new Digest();
            Digest details = new Digest();
            Digest payloads = new Digest();
            for (Record r : deadLetters) {
                String position = text(r.getField("source_position"));
                positions.add(List.of(position));
                boolean duplicate = "DUPLICATE".equals(r.getField("reason"));
                if (duplicate) {
                    groups.add(plus(fields(r, "city", "entity_id", "observed_at"), position));
                }
                String masked = duplicate ? "duplicate" : position;
                List<String> where = fields(r, "city", "feed", "reason");
                counts.merge(where, 1L, Long::sum);
                keys.add(
                        plus(
                                plus(where, masked),
                                fields(r, "entity_type", "entity_id", "observed_at")));
                details.add(plus(plus(where, masked), text(r.getField("detail"))));
                payloads.add(plus(plus(where, masked), sha256(r.getField("payload"))));
            }
            Digest perReason = new Digest();
            counts.forEach((where, n) -> perReason.add(plus(where, Long.toString(n))));
            digests.put("ops.dead_letter counts", perReason);
            digests.put("ops.dead_letter keys", keys);
            digests.put("ops.dead_letter details", details);
            digests.put("ops.dead_letter payloads", payloads);
            digests.put("clean+dead_letter positions", positions);
            digests.put("duplicate groups", groups);
            Digest raw = new Digest();
            for (String feed : FEEDS) {
                for (Record r : records(lake, "raw." + feed)) {
                    raw.add(
                            List.of(
                                    feed,
                                    text(r.getField("city")),
                                    text(r.getField("source_position")),
                                    sha256(
                                            feed.equals("waste")
                                                    ? ADDED_VEHICLE
                                                            .matcher(text(r.getField("payload")))
                                                            .replaceAll("")
                                                    : r.getField("payload"))));
                }
            }
            digests.put("raw payloads", raw);
        }
        digests.values().forEach(Digest::finish);
        return digests;
    }

    /**
     * A multiset of rows: its size and the SHA-256 of its rows (each a JSON array of strings and
     * nulls, then a newline) sorted bytewise, so that row order does not matter.
     */
    static final class Digest {
        final List<byte[]> lines = new ArrayList<>();
        long rows;
        String sha256;

        void add(List<String> row) {
            try {
                lines.add((JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void finish() {
            lines.sort(Arrays::compareUnsigned);
            MessageDigest sha = sha256();
            lines.forEach(sha::update);
            rows = lines.size();
            sha256 = HexFormat.of().formatHex(sha.digest());
            lines.clear();
        }

        @Override
        public String toString() {
            return rows + " rows " + sha256;
        }
    }

    static List<Record> records(Lake lake, String table) throws IOException {
        List<Record> records = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.table(table)).build()) {
            // without reuseContainers() every row is a record of its own, safe to keep
            rows.forEach(records::add);
        }
        return records;
    }

    static List<String> fields(Record r, String... names) {
        return fields(r, List.of(names));
    }

    static List<String> fields(Record r, List<String> names) {
        List<String> values = new ArrayList<>(names.size() + 1);
        for (String name : names) {
            values.add(text(r.getField(name)));
        }
        return values;
    }

    static List<String> plus(List<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return all;
    }

    static List<String> plus(List<String> values, List<String> more) {
        List<String> all = new ArrayList<>(values);
        all.addAll(more);
        return all;
    }

    /** A value as text: instants in UTC ISO-8601, numbers as Java prints them, null as null. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof ByteBuffer b) {
            return HexFormat.of().formatHex(bytes(b));
        }
        return value.toString();
    }

    static String sha256(Object payload) {
        if (payload == null) {
            return null;
        }
        byte[] bytes =
                payload instanceof ByteBuffer b
                        ? bytes(b)
                        : payload.toString().getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int compare(List<String> a, List<String> b) {
        return String.join("\u0000", a).compareTo(String.join("\u0000", b));
    }

    static void clean(String table, String columns) {
        List<String> all = new ArrayList<>(List.of("city", "entity_id", "observed_at"));
        all.addAll(List.of(columns.split(" ")));
        all.add("is_late");
        CLEAN.put(table, List.copyOf(all));
    }

    /** Prints the time since the test started after a step, to see where a slow run spent it. */
    static void lap(String step, long start) {
        System.err.printf(
                "BuiltInFeedsEquivalenceIT: %-28s done at %5.1f s%n",
                step, (System.nanoTime() - start) / 1e9);
    }

    static Path testData() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("test-data/citypulse-aarhus-traffic"))) {
                return d.resolve("test-data");
            }
        }
        throw new IllegalStateException("no test-data/ above " + Path.of("").toAbsolutePath());
    }
}
