package org.citylake.lakehouse.sink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.flink.sink.TaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.citylake.lakehouse.tables.TableRegistry;

/**
 * Writes rows into Parquet data files of one Iceberg table (Iceberg's own partitioned fan-out
 * writer) and hands the finished files to the committer just before each checkpoint barrier.
 */
final class IcebergFileWriter extends AbstractStreamOperator<WrittenFiles>
        implements OneInputStreamOperator<RowData, WrittenFiles>, BoundedOneInput {

    private static final long TARGET_FILE_SIZE = 128L * 1024 * 1024;

    private final CatalogLoader catalogLoader;
    private final String tableName;
    private transient TableLoader tableLoader;

    private transient TaskWriterFactory<RowData> writerFactory;
    private transient TaskWriter<RowData> writer;
    private transient long maxEventTime;

    /** Position of the table's city column, or -1. */
    private transient int cityPos;

    /** Largest event time per city written so far (a one-element array, updated in place). */
    private transient Map<StringData, long[]> maxEventTimeByCity;

    IcebergFileWriter(CatalogLoader catalogLoader, String tableName) {
        this.catalogLoader = catalogLoader;
        this.tableName = tableName;
    }

    @Override
    public void open() throws Exception {
        super.open();
        Table table;
        // The loader owns the catalog's connection pool: keep it open while the table is used.
        tableLoader = TableLoader.fromCatalog(catalogLoader, TableIdentifier.parse(tableName));
        tableLoader.open();
        table = tableLoader.loadTable();
        writerFactory =
                new RowDataTaskWriterFactory(
                        table,
                        FlinkSchemaUtil.convert(table.schema()),
                        TARGET_FILE_SIZE,
                        FileFormat.PARQUET,
                        table.properties(),
                        null,
                        false);
        writerFactory.initialize(
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getAttemptNumber());
        writer = writerFactory.create();
        maxEventTime = Long.MIN_VALUE;
        cityPos = table.schema().columns().indexOf(table.schema().findField(TableRegistry.CITY));
        maxEventTimeByCity = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        RowData row = element.getValue();
        writer.write(row);
        if (element.hasTimestamp()) {
            long time = element.getTimestamp();
            maxEventTime = Math.max(maxEventTime, time);
            if (cityPos >= 0 && !row.isNullAt(cityPos)) {
                StringData city = row.getString(cityPos);
                long[] max = maxEventTimeByCity.get(city);
                if (max == null) {
                    // a copy: the row (and its strings) may be reused once written
                    maxEventTimeByCity.put(
                            StringData.fromString(city.toString()), new long[] {time});
                } else if (time > max[0]) {
                    max[0] = time;
                }
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        flush(Long.MAX_VALUE);
    }

    private void flush(long checkpointId) throws IOException {
        WriteResult result = writer.complete();
        writer = writerFactory.create();
        if (result.dataFiles().length > 0 || result.deleteFiles().length > 0) {
            WrittenFiles files =
                    new WrittenFiles(
                            checkpointId, maxEventTime, InstantiationUtil.serializeObject(result));
            files.cities = new String[maxEventTimeByCity.size()];
            files.cityMaxEventTimes = new long[maxEventTimeByCity.size()];
            int i = 0;
            for (var city : maxEventTimeByCity.entrySet()) {
                files.cities[i] = city.getKey().toString();
                files.cityMaxEventTimes[i++] = city.getValue()[0];
            }
            output.collect(new StreamRecord<>(files));
        }
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            // Files not handed over yet belong to no checkpoint: remove them.
            writer.abort();
            writer = null;
        }
        if (tableLoader != null) {
            tableLoader.close();
        }
        super.close();
    }
}
