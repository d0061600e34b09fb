package org.citylake.lakehouse.sink;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * Appends a stream of rows to an Iceberg table, exactly once, with the event-time watermark in
 * every snapshot summary.
 *
 * <pre>
 *   rows ──► write &lt;table&gt; (parallel, Parquet) ──► commit &lt;table&gt; (1, on checkpoint) ──► end
 * </pre>
 */
public final class LakeSink {

    /** How far the watermark must move before a commit with no new files records it. */
    public static final Duration WATERMARK_ONLY_COMMIT_INTERVAL = Duration.ofMinutes(1);

    private LakeSink() {}

    /** As below, for rows without event time (no per-city watermarks). */
    public static DataStreamSink<Void> append(
            DataStream<RowData> rows,
            CatalogLoader catalogLoader,
            String table,
            String uid,
            int parallelism) {
        return append(rows, catalogLoader, table, uid, parallelism, Duration.ZERO);
    }

    /**
     * @param uid stable prefix for the operator uids, so checkpoints survive refactoring
     * @param parallelism writer parallelism; the committer always runs once
     * @param cityLag how far behind a city's newest reading its watermark is recorded (the allowed
     *     lateness); rows with an event time (clean tables) get per-city watermarks
     */
    public static DataStreamSink<Void> append(
            DataStream<RowData> rows,
            CatalogLoader catalogLoader,
            String table,
            String uid,
            int parallelism,
            Duration cityLag) {
        return rows.transform(
                        "write " + table,
                        TypeInformation.of(WrittenFiles.class),
                        new IcebergFileWriter(catalogLoader, table))
                .uid(uid + "-writer")
                .setParallelism(parallelism)
                .transform(
                        "commit " + table,
                        Types.VOID,
                        new IcebergCommitter(
                                catalogLoader,
                                table,
                                uid + "-committer",
                                WATERMARK_ONLY_COMMIT_INTERVAL,
                                cityLag))
                .uid(uid + "-committer")
                .setParallelism(1)
                .setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .name("end " + table)
                .uid(uid + "-end")
                .setParallelism(1);
    }
}
