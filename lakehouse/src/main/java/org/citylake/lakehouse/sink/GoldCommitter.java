package org.citylake.lakehouse.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.InstantiationUtil;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.WriteResult;

/**
 * The last operator of a batch run (parallelism 1): gathers the data files every writer finished
 * and, at the end of its input, which in batch mode comes only once every writer has succeeded,
 * commits them all with {@link GoldCommit}. It runs wherever the job runs, so a run submitted to a
 * Flink cluster commits there. A run that fails before the end commits nothing; a failed commit
 * fails the job, after the rollback.
 */
final class GoldCommitter extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<TableFiles, String>, BoundedOneInput {

    private final CatalogLoader catalogLoader;
    private final List<String> tables;
    private final Map<String, String> snapshotProperties;
    private final String runName;
    private final BatchOverwrite.CommitHook beforeCommit;
    private final Map<String, Expression> replaced;
    private transient Map<String, List<DataFile>> written;

    GoldCommitter(
            CatalogLoader catalogLoader,
            List<String> tables,
            Map<String, String> snapshotProperties,
            String runName,
            BatchOverwrite.CommitHook beforeCommit,
            Map<String, Expression> replaced) {
        this.catalogLoader = catalogLoader;
        this.tables = List.copyOf(tables);
        this.snapshotProperties = Map.copyOf(snapshotProperties);
        this.runName = runName;
        this.beforeCommit = beforeCommit;
        this.replaced = Map.copyOf(replaced);
    }

    @Override
    public void open() throws Exception {
        super.open();
        written = new LinkedHashMap<>();
        tables.forEach(table -> written.put(table, new ArrayList<>()));
    }

    @Override
    public void processElement(StreamRecord<TableFiles> element) throws Exception {
        TableFiles files = element.getValue();
        WriteResult result =
                InstantiationUtil.deserializeObject(
                        files.writeResult, getRuntimeContext().getUserCodeClassLoader());
        written.get(files.table).addAll(List.of(result.dataFiles()));
    }

    @Override
    public void endInput() throws Exception {
        Catalog catalog = catalogLoader.loadCatalog();
        try {
            Map<String, Long> rows =
                    new GoldCommit(
                                    name -> catalog.loadTable(TableIdentifier.parse(name)),
                                    snapshotProperties,
                                    beforeCommit)
                            .commit(runName, written, replaced);
            rows.forEach((table, count) -> output.collect(new StreamRecord<>(table + "=" + count)));
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
