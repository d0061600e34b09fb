package org.citylake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * Writes small tables from the driver. {@link #replaceCity} replaces one city's rows (reference
 * data) in a single atomic overwrite: readers see the old rows or the new ones, never a mix, and a
 * failure leaves the old rows in place.
 */
public final class RefTableWriter {

    private RefTableWriter() {}

    /** Returns the number of rows written. All records must belong to {@code city}. */
    public static int replaceCity(Table table, String city, List<Record> records) {
        OverwriteFiles overwrite =
                table.newOverwrite()
                        .overwriteByRowFilter(Expressions.equal(TableRegistry.CITY, city));
        if (!records.isEmpty()) {
            overwrite.addFile(write(table, records));
        }
        overwrite.set("citylake.writer", "ref-load").commit();
        return records.size();
    }

    /** Appends a few records that share one partition (e.g. a run log row) in one commit. */
    public static void append(Table table, List<Record> records) {
        if (!records.isEmpty()) {
            table.newAppend().appendFile(write(table, records)).commit();
        }
    }

    private static DataFile write(Table table, List<Record> records) {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        partition.partition(wrapper.wrap(records.get(0)));
        OutputFileFactory files =
                OutputFileFactory.builderFor(table, 1, System.nanoTime())
                        .operationId(UUID.randomUUID().toString())
                        .format(FileFormat.PARQUET)
                        .build();
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                files.newOutputFile(partition), FileFormat.PARQUET, partition);
        try (writer) {
            for (Record record : records) {
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name(), e);
        }
        return writer.toDataFile();
    }
}
