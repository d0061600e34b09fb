package org.citylake.analytics.job;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;

/** One row per batch run in {@code ops.job_runs}: what ran, for what, how it ended. */
public final class JobRunLog {

    private final String runId;
    private final String job;
    private final String city;
    private final String parameters;
    private final Instant startedAt = Instant.now();

    public JobRunLog(String job, String city, String parameters) {
        this(UUID.randomUUID().toString(), job, city, parameters);
    }

    public JobRunLog(String runId, String job, String city, String parameters) {
        this.runId = runId;
        this.job = job;
        this.city = city;
        this.parameters = parameters;
    }

    public String runId() {
        return runId;
    }

    public void succeeded(Lake lake, Long rowsIn, long rowsOut, String summary) {
        record(lake, "SUCCEEDED", rowsIn, rowsOut, summary);
    }

    /** A run that found no readings to compute from: it committed nothing. */
    public void noReadings(Lake lake, String detail) {
        record(lake, "NO_READINGS", null, 0L, detail);
    }

    /** A run that may fail. */
    @FunctionalInterface
    public interface Run<T> {
        T call() throws Exception;
    }

    /**
     * Runs {@code run}; if it throws, records the run as {@code FAILED} with the error's message
     * and rethrows. Success is the caller's to record, with its counts.
     */
    public <T> T failureRecorded(LakeConfig config, Run<T> run) throws Exception {
        try {
            return run.call();
        } catch (Exception | Error e) {
            try (Lake lake = Lake.open(config)) {
                failed(lake, e);
            }
            throw e;
        }
    }

    /** Best effort: a failure to log must not hide the failure being logged. */
    public void failed(Lake lake, Throwable error) {
        try {
            record(lake, "FAILED", null, null, String.valueOf(error.getMessage()));
        } catch (RuntimeException logFailure) {
            error.addSuppressed(logFailure);
        }
    }

    private void record(Lake lake, String status, Long rowsIn, Long rowsOut, String detail) {
        Table table = lake.table(TableRegistry.JOB_RUNS);
        Record row = GenericRecord.create(table.schema());
        row.setField("run_id", runId);
        row.setField("job", job);
        row.setField("started_at", OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
        row.setField("finished_at", OffsetDateTime.now(ZoneOffset.UTC));
        row.setField("status", status);
        row.setField(TableRegistry.CITY, city);
        row.setField("parameters", parameters);
        row.setField("rows_in", rowsIn);
        row.setField("rows_out", rowsOut);
        row.setField("detail", detail);
        RefTableWriter.append(table, List.of(row));
    }
}
