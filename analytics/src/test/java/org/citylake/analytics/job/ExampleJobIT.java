package org.citylake.analytics.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job template on a job it has never seen ({@link ReadingsPerDayJob}, registered only in this
 * module's test resources): its gold table is created by {@code lakehouse init}, its runs are
 * checked, committed, counted, logged and idempotent, a period without readings commits nothing,
 * and an incomplete period is refused.
 */
class ExampleJobIT {

    static final String CITY = "aarhus"; // Europe/Copenhagen: +02:00 in August

    static final City AARHUS =
            City.of(CITY, "Aarhus", "DK", "Europe/Copenhagen", 10.2039, 56.1629, null, null);

    @TempDir Path dir;

    @Test
    void aNewJobIsItsPipelineItsTableAndItsRegistration() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        AnalyticsJob<?> job = AnalyticsJobs.get("example-readings-per-day");
        try (Lake lake = Lake.open(config)) {
            lake.init();
            assertThat(TableRegistry.get().find(ReadingsPerDayJob.TABLE)).isPresent();
            // segment A: three readings on Monday 18 August local time, one at 00:30 local on the
            // 19th (22:30 UTC on the 18th); segment B: two on the 18th; one reading of another
            // city. Ingested up to a watermark of 1 September.
            appendReadings(
                    lake.table("clean.traffic_flow"),
                    List.of(
                            reading(CITY, "A", "2014-08-18T06:00:00Z"),
                            reading(CITY, "A", "2014-08-18T06:05:00Z"),
                            reading(CITY, "A", "2014-08-18T21:55:00Z"),
                            reading(CITY, "A", "2014-08-18T22:30:00Z"),
                            reading(CITY, "B", "2014-08-18T10:00:00Z"),
                            reading(CITY, "B", "2014-08-18T11:00:00Z"),
                            reading("edinburgh", "A", "2014-08-18T12:00:00Z")),
                    "2014-09-01T00:00:00Z");
        }

        JobRunner.Result first = run(config, job, "2014-08-18", "2014-08-19");
        assertThat(first.outcome()).isEqualTo(JobRunner.Outcome.SUCCEEDED);
        assertThat(first.rows()).containsExactly(Map.entry(ReadingsPerDayJob.TABLE, 3L));
        List<String> expected = List.of("A 2014-08-18 3", "A 2014-08-19 1", "B 2014-08-18 2");
        assertThat(goldRows(config)).containsExactlyInAnyOrderElementsOf(expected);

        // idempotent: the re-run replaces its partitions with the same rows
        run(config, job, "2014-08-18", "2014-08-19");
        assertThat(goldRows(config)).containsExactlyInAnyOrderElementsOf(expected);
        long snapshot = currentSnapshot(config);

        // a week with no readings: nothing committed, said so, logged
        JobRunner.Result empty = run(config, job, "2014-08-25", "2014-08-31");
        assertThat(empty.outcome()).isEqualTo(JobRunner.Outcome.NO_READINGS);
        assertThat(empty.rows()).isEmpty();
        assertThat(currentSnapshot(config)).isEqualTo(snapshot);

        // beyond the watermark: refused with what to do, nothing committed
        assertThatThrownBy(() -> run(config, job, "2014-09-01", "2014-09-01"))
                .hasMessageContaining(
                        "clean.traffic_flow is complete for aarhus up to 2014-09-01T00:00:00Z")
                .hasMessageContaining("--allow-incomplete");
        assertThat(currentSnapshot(config)).isEqualTo(snapshot);

        assertThat(runs(config))
                .containsExactly("SUCCEEDED 3", "SUCCEEDED 3", "NO_READINGS 0", "FAILED null");
    }

    @SuppressWarnings("unchecked")
    private static <S extends Serializable> JobRunner.Result run(
            LakeConfig config, AnalyticsJob<S> job, String from, String to) throws Exception {
        RunPlan<S> plan =
                RunPlan.of(
                        job,
                        AARHUS,
                        LocalDate.parse(from),
                        LocalDate.parse(to),
                        Map.of(),
                        UUID.randomUUID().toString());
        return JobRunner.run(
                config,
                job,
                plan,
                false,
                JobRunner.here(BatchOverwrite.FailurePoints.NONE),
                System.err,
                System.out);
    }

    private static Record reading(String city, String segment, String at) {
        Record r = GenericRecord.create(TableRegistry.get().table("clean.traffic_flow").schema());
        OffsetDateTime time = Instant.parse(at).atOffset(ZoneOffset.UTC);
        r.setField(TableRegistry.CITY, city);
        r.setField(TableRegistry.ENTITY_ID, "urn:ngsi-ld:TrafficFlowObserved:" + segment + at);
        r.setField(TableRegistry.OBSERVED_AT, time);
        r.setField("segment_id", segment);
        r.setField(TableRegistry.IS_LATE, false);
        r.setField(TableRegistry.SOURCE_POSITION, "test");
        r.setField(TableRegistry.INGESTED_AT, time);
        return r;
    }

    /** Appends each reading in its own commit, the last one recording the watermark. */
    private static void appendReadings(Table table, List<Record> readings, String watermark) {
        for (Record r : readings) {
            RefTableWriter.append(table, List.of(r));
        }
        AppendFiles marker = table.newAppend();
        marker.set(SnapshotSummary.WATERMARK, watermark)
                .set(SnapshotSummary.CITY_WATERMARK + CITY, watermark)
                .commit();
    }

    private static List<String> goldRows(LakeConfig config) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> it =
                        IcebergGenerics.read(lake.table(ReadingsPerDayJob.TABLE)).build()) {
            it.forEach(
                    r ->
                            rows.add(
                                    r.getField("segment_id")
                                            + " "
                                            + r.getField("local_date")
                                            + " "
                                            + r.getField("readings")));
        }
        return rows;
    }

    private static long currentSnapshot(LakeConfig config) throws Exception {
        try (Lake lake = Lake.open(config)) {
            return lake.table(ReadingsPerDayJob.TABLE).currentSnapshot().snapshotId();
        }
    }

    private static List<String> runs(LakeConfig config) throws Exception {
        List<Record> rows = new ArrayList<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> it =
                        IcebergGenerics.read(lake.table(TableRegistry.JOB_RUNS)).build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw e;
        }
        rows.sort(java.util.Comparator.comparing(r -> (OffsetDateTime) r.getField("started_at")));
        return rows.stream().map(r -> r.getField("status") + " " + r.getField("rows_out")).toList();
    }
}
