package org.citylake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction and expiry on a real embedded lake: three small appends to one city's partition and
 * one to another's; maintaining the first city joins its three files into one and leaves the other
 * city alone; expiry keeps the last snapshot; the rows never change (read back and compared with
 * the ids written here).
 */
class MaintenanceIT {

    @TempDir Path dir;

    static void append(Table table, String city, List<String> ids) throws Exception {
        OutputFile file =
                table.io()
                        .newOutputFile(
                                table.locationProvider()
                                        .newDataLocation("test-" + UUID.randomUUID() + ".parquet"));
        List<Record> rows = new ArrayList<>();
        for (String id : ids) {
            GenericRecord row = GenericRecord.create(table.schema());
            row.setField("city", city);
            row.setField("id", id);
            row.setField("name", "depot " + id);
            rows.add(row);
        }
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                EncryptedFiles.plainAsEncryptedOutput(file),
                                FileFormat.PARQUET,
                                key);
        try (writer) {
            rows.forEach(writer::write);
        }
        table.newAppend().appendFile(writer.toDataFile()).commit();
    }

    static Set<String> ids(Table table) throws Exception {
        Set<String> ids = new TreeSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(r -> ids.add(r.getField("city") + "/" + r.getField("id")));
        }
        return ids;
    }

    @Test
    void compactsOneCitysSmallFilesThenExpiresOldSnapshots() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            lake.init();
            Table depots = lake.table("ref.waste_depots");
            append(depots, "a", List.of("1", "2"));
            append(depots, "a", List.of("3"));
            append(depots, "a", List.of("4", "5"));
            append(depots, "b", List.of("1"));
            append(depots, "b", List.of("2"));
            Set<String> written = ids(depots);
            assertThat(written).hasSize(7);

            Maintenance.Result a =
                    Maintenance.maintain(
                            depots, Maintenance.cityFilter(depots, "a"), 128L << 20, null, 10);
            assertThat(a.filesBefore()).isEqualTo(3);
            assertThat(a.filesRewritten()).isEqualTo(3);
            assertThat(a.filesAfter()).isEqualTo(1);
            assertThat(a.snapshotsBefore()).isEqualTo(6); // 5 appends + the rewrite
            assertThat(a.snapshotsAfter()).isEqualTo(6); // no expiry asked
            depots.refresh();
            assertThat(ids(depots)).isEqualTo(written);
            // city b untouched: still its two files
            assertThat(
                            Maintenance.maintain(
                                            depots,
                                            Maintenance.cityFilter(depots, "b"),
                                            1,
                                            null,
                                            10)
                                    .filesRewritten())
                    .as("files of at least 1 byte are never under a 1-byte target")
                    .isZero();

            // nothing small left to join in a: no rewrite, no new snapshot
            Maintenance.Result again =
                    Maintenance.maintain(
                            depots, Maintenance.cityFilter(depots, "a"), 128L << 20, null, 10);
            assertThat(again.filesRewritten()).isZero();
            assertThat(again.snapshotsAfter()).isEqualTo(6);

            // a cutoff after every snapshot, keeping the last 2
            Maintenance.Result expired =
                    Maintenance.maintain(
                            depots,
                            Maintenance.cityFilter(depots, null),
                            1,
                            Instant.now().plusSeconds(60),
                            2);
            assertThat(expired.snapshotsBefore()).isEqualTo(6);
            assertThat(expired.snapshotsAfter()).isEqualTo(2);
            depots.refresh();
            assertThat(ids(depots)).isEqualTo(written);
        }
    }
}
