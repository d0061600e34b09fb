package org.citylake.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.citylake.bench.harness.CpuTime;
import org.citylake.ingest.FeedMessage;
import org.citylake.ingest.parse.ParseOutcome;
import org.citylake.ingest.parse.ReadingParser;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.lakehouse.Lake;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;

/**
 * The physical ceiling of ingest: Iceberg's own RowData Parquet writer (the task writer the Flink
 * sink uses, partitioned fan-out, 128 MB target files) writing the rows ingest writes — one {@code
 * raw.traffic} row and one {@code clean.traffic_flow} row per reading — to the same S3 in one
 * thread, then one append commit per table. Rows are built from the JSON beforehand, in chunks,
 * outside the timed part: what is timed is writing and committing only.
 *
 * <p>Building the rows is timed on its own: the CPU this thread spends parsing the chunk's payload
 * bytes with the ingest job's {@link ReadingParser} and building its raw and clean rows (the JSON
 * is generated before that). That is the part of the job's work no writer can save, reported beside
 * the ceiling.
 */
final class CeilingWriter {

    private static final long TARGET_FILE_SIZE = 128L * 1024 * 1024;
    private static final int CHUNK = 50_000;

    /**
     * Timed seconds and the CPU seconds this JVM used in them; {@code jitSeconds}: the JIT
     * compilers' part of that CPU (NaN where unreadable); {@code parseCpuSeconds}: the CPU this
     * thread used to parse the payloads and build the rows, outside the timed part.
     */
    record Timing(double seconds, double cpuSeconds, double jitSeconds, double parseCpuSeconds) {}

    private CeilingWriter() {}

    static Timing write(Lake lake, String city, ZoneId zone, Iterator<String> readings)
            throws Exception {
        Table raw = lake.table(Feed.TRAFFIC.rawTable());
        Table clean = lake.table(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable());
        TaskWriter<RowData> rawWriter = writer(raw);
        TaskWriter<RowData> cleanWriter = writer(clean);
        org.citylake.ingest.rows.CleanTable cleanTable =
                new org.citylake.ingest.rows.CleanTable(
                        Feed.TRAFFIC.id(),
                        EntityType.TRAFFIC_FLOW_OBSERVED.descriptor(),
                        clean.schema());
        ReadingParser parser =
                new ReadingParser(
                        Feed.TRAFFIC.descriptor(),
                        org.citylake.model.feed.FeedCatalog.builtIn(),
                        zone,
                        Duration.ofMinutes(5));
        double seconds = 0;
        double cpu = 0;
        double jit = 0;
        double parseCpu = 0;
        long offset = 0;
        List<byte[]> payloads = new ArrayList<>(CHUNK);
        List<RowData> rawRows = new ArrayList<>(CHUNK);
        List<RowData> cleanRows = new ArrayList<>(CHUNK);
        while (readings.hasNext()) {
            payloads.clear();
            rawRows.clear();
            cleanRows.clear();
            while (readings.hasNext() && payloads.size() < CHUNK) {
                payloads.add(readings.next().getBytes(StandardCharsets.UTF_8));
            }
            long now = System.currentTimeMillis();
            long parse0 = CpuTime.thisThreadNanos();
            for (byte[] payload : payloads) {
                // as the job's Kafka source delivers it: the bytes, a position, the arrival time
                FeedMessage message =
                        new FeedMessage(city, payload, "city.traffic/0@" + offset++, now);
                ParseOutcome outcome = parser.parse(payload, Instant.ofEpochMilli(now));
                if (!(outcome instanceof ParseOutcome.Accepted accepted)) {
                    throw new IllegalStateException(
                            "the generator produced a reading the parser refuses: "
                                    + outcome
                                    + " for "
                                    + message.payloadText());
                }
                rawRows.add(LakeRows.raw(message));
                cleanRows.add(cleanTable.row(accepted.reading(), message, now));
            }
            parseCpu += (CpuTime.thisThreadNanos() - parse0) / 1e9;
            double cpu0 = CpuTime.thisProcessSeconds();
            double jit0 = CpuTime.compilerSeconds();
            long t0 = System.nanoTime();
            for (RowData row : rawRows) {
                rawWriter.write(row);
            }
            for (RowData row : cleanRows) {
                cleanWriter.write(row);
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            cpu += CpuTime.thisProcessSeconds() - cpu0;
            jit += CpuTime.compilerSeconds() - jit0;
        }
        double cpu0 = CpuTime.thisProcessSeconds();
        double jit0 = CpuTime.compilerSeconds();
        long t0 = System.nanoTime();
        commit(raw, rawWriter.complete());
        commit(clean, cleanWriter.complete());
        seconds += (System.nanoTime() - t0) / 1e9;
        cpu += CpuTime.thisProcessSeconds() - cpu0;
        jit += CpuTime.compilerSeconds() - jit0;
        return new Timing(seconds, cpu, jit, parseCpu);
    }

    private static TaskWriter<RowData> writer(Table table) {
        RowDataTaskWriterFactory factory =
                new RowDataTaskWriterFactory(
                        table,
                        FlinkSchemaUtil.convert(table.schema()),
                        TARGET_FILE_SIZE,
                        FileFormat.PARQUET,
                        table.properties(),
                        null,
                        false);
        factory.initialize(0, 0);
        return factory.create();
    }

    private static void commit(Table table, WriteResult result) {
        AppendFiles append = table.newAppend();
        for (DataFile file : result.dataFiles()) {
            append.appendFile(file);
        }
        append.commit();
    }
}
