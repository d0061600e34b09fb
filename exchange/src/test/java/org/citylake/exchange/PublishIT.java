package org.citylake.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.exchange.product.Product;
import org.citylake.exchange.product.ProductFiles;
import org.citylake.exchange.release.Publisher;
import org.citylake.exchange.release.ReleaseFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing on an embedded lake (SQLite catalog, local warehouse) from a constructed {@code
 * clean.waste_collection}: the groups below k are withheld, no raw id of the clean table appears in
 * any release column, the pseudonyms are the keyed hash (and no unkeyed hash), a second publish is
 * a no-op and a forced one writes byte-identical files.
 */
class PublishIT {

    static final String KEY = "test-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    /**
     * A product of the installation's folder on a clean table, so the test needs no analytics job:
     * emptyings per vehicle and UTC day, k = 10 emptyings, the vehicle id pseudonymised.
     */
    static final String PRODUCT =
            """
            {
              "id": "collections-daily",
              "version": "1.0.0",
              "title": "Daily bin emptyings per vehicle",
              "description": "Emptyings and kg collected per vehicle pseudonym and UTC day.",
              "source": {"table": "clean.waste_collection"},
              "granularity": {"temporal": "day (UTC)", "temporalResolution": "P1D", "spatial": "vehicle"},
              "dimensions": [
                {"name": "city", "from": "city", "type": "string", "doc": "city id"},
                {"name": "day", "from": "observed_at", "type": "timestamptz", "truncate": "day", "doc": "UTC day"},
                {"name": "vehicle", "from": "vehicle_id", "type": "string", "pseudonymise": true, "doc": "keyed pseudonym of the vehicle"}
              ],
              "measures": [
                {"name": "emptyings", "agg": "count", "type": "long", "doc": "emptyings"},
                {"name": "weight_kg", "agg": "sum", "from": "weight_kg", "type": "double", "round": 3, "doc": "weight collected, kg"},
                {"name": "mean_fill", "agg": "mean", "from": "fill_before", "type": "double", "round": 4, "doc": "mean fill before emptying, 0..1"}
              ],
              "anonymisation": {
                "k": 10,
                "contributors": {"agg": "count"},
                "contributorsAre": "emptyings (events)",
                "dropped": ["entity_id", "container_id", "source_position"],
                "reason": "vehicle-days with fewer than 10 emptyings are withheld"
              },
              "licence": "https://creativecommons.org/licenses/by/4.0/",
              "offer": {"price": 10, "currency": "EUR", "per": "release", "terms": "test terms"},
              "updateFrequency": "http://publications.europa.eu/resource/authority/frequency/DAILY"
            }
            """;

    @TempDir Path dataDir;
    private LakeConfig config;

    @BeforeEach
    void lake() throws Exception {
        config = prepare(dataDir, "");
    }

    /** A lake in {@code dataDir} with the test product in its products folder and the key set. */
    static LakeConfig prepare(Path dataDir, String moreProperties) throws Exception {
        Files.writeString(
                dataDir.resolve("citylake.properties"),
                "citylake.exchange.key=" + KEY + "\n" + moreProperties);
        Path products = dataDir.resolve("exchange").resolve("products.d");
        Files.createDirectories(products);
        Files.writeString(products.resolve("collections-daily.product.json"), PRODUCT);
        LakeConfig config =
                LakeConfig.load(java.util.Map.of("citylake.data-dir", dataDir.toString()));
        try (Lake lake = Lake.open(config)) {
            lake.init();
        }
        return config;
    }

    /** Vehicle, UTC day of December 2026, emptyings, kg each, fill each. */
    record Batch(String vehicle, int day, int emptyings, double kg, double fill) {}

    static final List<Batch> INPUT =
            List.of(
                    new Batch("truck-A", 1, 12, 10.5, 0.5), // released
                    new Batch("truck-B", 1, 9, 20.0, 0.9), // 9 < k: withheld
                    new Batch("truck-A", 2, 10, 7.25, 0.25), // exactly k: released
                    new Batch("truck-B", 2, 3, 1.0, 0.1), // withheld
                    new Batch("truck-C", 2, 1, 50.0, 1.0)); // a single emptying: withheld

    private List<String> rawIds = new ArrayList<>();

    private void writeInput(Lake lake, List<Batch> batches, int lineOffset) {
        rawIds.addAll(write(lake, batches, lineOffset));
    }

    /** Writes the batches into clean.waste_collection; returns every raw id written. */
    static List<String> write(Lake lake, List<Batch> batches, int lineOffset) {
        List<String> rawIds = new ArrayList<>();
        Table table = lake.table("clean.waste_collection");
        List<Record> rows = new ArrayList<>();
        int line = lineOffset;
        for (Batch b : batches) {
            for (int i = 0; i < b.emptyings(); i++) {
                GenericRecord r = GenericRecord.create(table.schema());
                OffsetDateTime at =
                        OffsetDateTime.of(2026, 12, b.day(), 6 + i, 0, 0, 0, ZoneOffset.UTC);
                String entity = "urn:ngsi-ld:WasteCollection:edinburgh:" + b.vehicle() + ":" + line;
                String container = "bin-" + (line % 7);
                r.setField("city", "edinburgh");
                r.setField("entity_id", entity);
                r.setField("observed_at", at);
                r.setField("container_id", container);
                r.setField("vehicle_id", b.vehicle());
                r.setField("fill_before", b.fill());
                r.setField("weight_kg", b.kg());
                r.setField("is_late", false);
                r.setField("source_position", "waste.jsonl:" + line);
                r.setField("ingested_at", at.plusMinutes(1));
                rows.add(r);
                rawIds.addAll(List.of(entity, container, b.vehicle(), "waste.jsonl:" + line));
                line++;
            }
        }
        RefTableWriter.append(table, rows);
        return rawIds;
    }

    @Test
    void releaseWithholdsSmallGroupsAndHoldsNoRawId() throws Exception {
        try (Lake lake = Lake.open(config)) {
            writeInput(lake, INPUT, 1);
            Product product = product(lake);
            Publisher.Result first = Publisher.publish(lake, product, null, false);

            assertThat(first.created()).isTrue();
            assertThat(first.suppressed()).isEqualTo(3);
            List<CSVRecord> csv = csv(first);
            // expected from the input above, by hand: truck-A 12 x 10.5 kg on the 1st, 10 x 7.25 on
            // the 2nd
            assertThat(csv)
                    .extracting(
                            r ->
                                    List.of(
                                            r.get("city"),
                                            r.get("day"),
                                            r.get("vehicle"),
                                            r.get("emptyings"),
                                            r.get("weight_kg"),
                                            r.get("mean_fill")))
                    .containsExactly(
                            List.of(
                                    "edinburgh",
                                    "2026-12-01T00:00:00Z",
                                    hmac("truck-A"),
                                    "12",
                                    "126.0",
                                    "0.5"),
                            List.of(
                                    "edinburgh",
                                    "2026-12-02T00:00:00Z",
                                    hmac("truck-A"),
                                    "10",
                                    "72.5",
                                    "0.25"));

            // the release table Trino serves holds the same rows
            List<Record> tableRows = new ArrayList<>();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(lake.table("exchange.collections_daily")).build()) {
                rows.forEach(r -> tableRows.add(r.copy()));
            }
            assertThat(tableRows)
                    .hasSize(2)
                    .allSatisfy(
                            r -> assertThat(r.getField("release_id")).isEqualTo(first.releaseId()));

            // no value of any release column is a raw id of the clean table
            Set<String> released = new HashSet<>();
            csv.forEach(r -> r.forEach(released::add));
            tableRows.forEach(
                    r -> {
                        for (int i = 0; i < r.size(); i++) {
                            released.add(String.valueOf(r.get(i)));
                        }
                    });
            assertThat(rawIds).isNotEmpty();
            assertThat(released).doesNotContainAnyElementsOf(rawIds);
            // nor an unkeyed hash of one (a guessable id hashed without the key), nor another key's
            assertThat(released)
                    .doesNotContain(sha256("truck-A"), sha256("truck-A").substring(0, 32))
                    .doesNotContain(hmacWith("another-key-0123456789-abcdefghijklmnop", "truck-A"));
        }
    }

    @Test
    void sameSnapshotIsANoOpAndForcedRepublishIsByteIdentical() throws Exception {
        try (Lake lake = Lake.open(config)) {
            writeInput(lake, INPUT, 1);
            Product product = product(lake);
            Publisher.Result first = Publisher.publish(lake, product, null, false);
            List<String> sums = diskChecksums(first);
            assertThat(first.files())
                    .extracting(ReleaseFile::sha256)
                    .containsExactlyElementsOf(sums);

            Publisher.Result again = Publisher.publish(lake, product, null, false);
            assertThat(again.created()).isFalse();
            assertThat(again.filesWritten()).isFalse();
            assertThat(again.releaseId()).isEqualTo(first.releaseId());

            Publisher.Result forced = Publisher.publish(lake, product, null, true);
            assertThat(forced.identical()).isTrue();
            assertThat(diskChecksums(forced)).isEqualTo(sums);

            // new data: a new snapshot, a new release; the old one stays reachable with --as-of
            writeInput(lake, List.of(new Batch("truck-C", 3, 11, 1.0, 0.5)), 100);
            Publisher.Result next = Publisher.publish(lake, product, null, false);
            assertThat(next.releaseId()).isNotEqualTo(first.releaseId());
            assertThat(next.rows()).isEqualTo(3);
            Publisher.Result pinned =
                    Publisher.publish(lake, product, Long.toString(first.snapshotId()), false);
            assertThat(pinned.releaseId()).isEqualTo(first.releaseId());
            assertThat(pinned.created()).isFalse();

            long releaseRows = count(lake, ExchangeTables.RELEASES);
            assertThat(releaseRows).isEqualTo(8); // two releases x four files
            assertThat(count(lake, ExchangeTables.AUDIT)).isEqualTo(5); // every publish, no-ops too
        }
    }

    @Test
    void unknownSnapshotAndBadTimeAreClearErrors() throws Exception {
        try (Lake lake = Lake.open(config)) {
            writeInput(lake, INPUT, 1);
            Product product = product(lake);
            assertThatThrownBy(() -> Publisher.publish(lake, product, "12345", false))
                    .hasMessageContaining("--as-of 12345")
                    .hasMessageContaining("no snapshot with that id");
            assertThatThrownBy(() -> Publisher.publish(lake, product, "yesterday", false))
                    .hasMessageContaining("a snapshot id")
                    .hasMessageContaining("2026-12-01T12:00:00Z");
        }
    }

    static Product product(Lake lake) {
        return ProductFiles.load(ExchangeOptions.productsDir(lake.config())).stream()
                .filter(p -> p.id().equals("collections-daily"))
                .findFirst()
                .orElseThrow();
    }

    private static long count(Lake lake, String table) throws Exception {
        long n = 0;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.table(table)).build()) {
            for (Record ignored : rows) {
                n++;
            }
        }
        return n;
    }

    private static List<CSVRecord> csv(Publisher.Result r) throws Exception {
        Path file = Path.of(java.net.URI.create(r.folder() + "/collections-daily.csv"));
        try (CSVParser parser =
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(Files.newBufferedReader(file))) {
            return parser.getRecords();
        }
    }

    /** SHA-256 of each file on disk, in the order of the result's files. */
    private static List<String> diskChecksums(Publisher.Result r) throws Exception {
        List<String> sums = new ArrayList<>();
        for (ReleaseFile f : r.files()) {
            sums.add(sha256(Files.readAllBytes(Path.of(java.net.URI.create(f.location())))));
        }
        return sums;
    }

    private static String hmac(String value) throws Exception {
        return hmacWith(KEY, value);
    }

    private static String hmacWith(String key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] d = mac.doFinal(("collections-daily\0" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 32);
    }

    private static String sha256(String s) throws Exception {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
