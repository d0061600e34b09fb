package org.citylake.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed added by a descriptor in {@code <data-dir>/feeds.d/} gets its raw, clean and ref tables
 * from {@code lakehouse init}; a new version of the descriptor with an optional attribute more
 * evolves the clean table in place: no data file is rewritten and no row is lost.
 */
class FeedDescriptorTablesTest {

    @TempDir Path dir;

    static String noise(int version, String extraColumn) {
        return """
                {"feed": "noise", "version": %d, "description": "street noise",
                 "entities": [{"type": "NoiseLevelObserved", "table": "noise_level",
                   "sensor": {"column": "sensor_id", "attributes": ["refDevice", "id"],
                              "ref": "noise_sensors"},
                   "observedAt": {"from": "dateObservedFrom", "to": "dateObservedTo",
                                  "lengthColumn": "interval_s"},
                   "columns": [{"name": "laeq_db", "attribute": "LAeq", "type": "double",
                                "min": 0, "max": 200, "unit": "2N", "comment": "LAeq, dB(A)"}%s]}]}
                """
                .formatted(version, extraColumn);
    }

    @Test
    void aDescriptorAddsItsTablesAndANewOptionalAttributeEvolvesTheCleanTableInPlace()
            throws Exception {
        Path feeds = Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(feeds.resolve("noise.feed.json"), noise(1, ""));
        LakeConfig config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            assertThat(lake.init()).contains("raw.noise", "clean.noise_level", "ref.noise_sensors");
            Table clean = lake.table("clean.noise_level");
            assertThat(clean.schema().columns().stream().map(c -> c.name()).toList())
                    .containsSubsequence(
                            "city",
                            "entity_id",
                            "observed_at",
                            "sensor_id",
                            "interval_s",
                            "laeq_db",
                            "is_late",
                            "source_position",
                            "ingested_at");
            assertThat(lake.table("ref.noise_sensors").schema().findField("lon")).isNotNull();
            append(clean, 3);
        }
        Set<String> filesBefore;
        int schemaBefore;
        try (Lake lake = Lake.open(config)) {
            Table clean = lake.table("clean.noise_level");
            filesBefore = dataFiles(clean);
            schemaBefore = clean.schema().schemaId();
        }

        Files.writeString(
                feeds.resolve("noise.feed.json"),
                noise(
                        2,
                        ", {\"name\": \"lceq_db\", \"attribute\": \"LCeq\", \"type\": \"double\","
                                + " \"unit\": \"2N\", \"comment\": \"LCeq, dB(C)\"}"));
        try (Lake lake = Lake.open(config)) {
            assertThat(lake.init()).isEmpty();
            Table clean = lake.table("clean.noise_level");
            assertThat(clean.schema().schemaId()).isNotEqualTo(schemaBefore);
            assertThat(clean.schema().findField("lceq_db").doc())
                    .isEqualTo("LCeq, dB(C) (FIWARE NoiseLevelObserved.LCeq)");
            assertThat(dataFiles(clean)).isEqualTo(filesBefore);
            List<Record> rows = new ArrayList<>();
            try (CloseableIterable<Record> read = IcebergGenerics.read(clean).build()) {
                read.forEach(rows::add);
            }
            assertThat(rows).hasSize(3);
            assertThat(rows).allSatisfy(r -> assertThat(r.getField("lceq_db")).isNull());
            assertThat(rows).extracting(r -> r.getField("laeq_db")).containsOnly(55.0);
            assertThat(lake.init()).isEmpty(); // idempotent: nothing more to add
        }
    }

    @Test
    void aColumnWhoseTypeChangedIsRefusedWithWhatToDo() throws Exception {
        Path feeds = Files.createDirectories(dir.resolve("feeds.d"));
        Files.writeString(feeds.resolve("noise.feed.json"), noise(1, ""));
        LakeConfig config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            lake.init();
        }
        Files.writeString(
                feeds.resolve("noise.feed.json"),
                noise(2, "").replace("\"type\": \"double\"", "\"type\": \"long\""));
        try (Lake lake = Lake.open(config)) {
            assertThatThrownBy(lake::init)
                    .hasMessageContaining("clean.noise_level: column laeq_db is double in the lake")
                    .hasMessageContaining("give the new one another name");
        }
    }

    private static void append(Table table, int rows) throws Exception {
        GenericAppenderFactory factory = new GenericAppenderFactory(table.schema(), table.spec());
        OutputFile out =
                table.io()
                        .newOutputFile(table.locationProvider().newDataLocation("noise-1.parquet"));
        org.apache.iceberg.PartitionKey key =
                new org.apache.iceberg.PartitionKey(table.spec(), table.schema());
        List<GenericRecord> records = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            GenericRecord r = GenericRecord.create(table.schema());
            r.setField("city", "vitoria");
            r.setField("entity_id", "n-" + i);
            r.setField("observed_at", OffsetDateTime.of(2016, 12, 28, 11, i, 0, 0, ZoneOffset.UTC));
            r.setField("sensor_id", "n-" + i);
            r.setField("interval_s", 3600);
            r.setField("laeq_db", 55.0);
            r.setField("is_late", false);
            r.setField("source_position", "noise.jsonl:" + (i + 1));
            r.setField("ingested_at", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
            records.add(r);
        }
        key.partition(
                new org.apache.iceberg.data.InternalRecordWrapper(table.schema().asStruct())
                        .wrap(records.get(0)));
        DataWriter<Record> writer =
                factory.newDataWriter(
                        org.apache.iceberg.encryption.EncryptedFiles.plainAsEncryptedOutput(out),
                        FileFormat.PARQUET,
                        key);
        try (writer) {
            records.forEach(writer::write);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
    }

    private static Set<String> dataFiles(Table table) throws Exception {
        Set<String> paths = new TreeSet<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> paths.add(t.file().path().toString()));
        }
        return paths;
    }
}
