package org.citylake.analytics.job;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.sink.GoldCommit;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;

/**
 * The batch-job template: runs one {@link AnalyticsJob} for one city and period, the same way for
 * every job.
 *
 * <pre>
 *  ops.job_runs ◄── log the outcome (SUCCEEDED with rows committed, NO_READINGS, FAILED + reason)
 *      │
 *  1 inputs complete?  each input's ingest watermark past the end of the days (or --allow-incomplete);
 *                      an optional input the city never had (no watermark) is left out
 *  2 any reading?      none in the days: commit nothing, say so
 *  3 graph             inputs ─► job.define ─► gold rows ─► writers ─► committer (BatchOverwrite)
 *  4 execute           here (MiniCluster) or on a Flink cluster (AnalyticsMain), batch mode, no restarts
 *  5 committed         per gold table the snapshot the run made, found by its run id
 * </pre>
 *
 * A run that fails anywhere commits nothing (the committer commits only at the end of its input,
 * and rolls back on a failed commit): every gold table keeps its snapshot.
 */
public final class JobRunner {

    /** How the job graph is executed: in this process, or submitted to a cluster. */
    @FunctionalInterface
    public interface Execution {
        void execute(LakeConfig config, RunPlan<?> plan) throws Exception;
    }

    /** How a run ended, when it did not fail. */
    public enum Outcome {
        SUCCEEDED,
        NO_READINGS
    }

    /** A run that did not fail: its outcome and the rows it committed per gold table. */
    public record Result(Outcome outcome, Map<String, Long> rows) {}

    private JobRunner() {}

    /**
     * Runs {@code plan} in this process (an embedded MiniCluster, or wherever {@code main} runs).
     */
    public static Execution here(BatchOverwrite.FailurePoints failurePoints) {
        return (config, plan) -> runHere(config, plan, failurePoints);
    }

    /**
     * Runs the template for {@code plan}: checks, executes, logs to {@code ops.job_runs}, then has
     * the job print its results on {@code out} from the snapshots it committed ({@code null}: no
     * printing).
     *
     * @throws IllegalStateException when the inputs are not complete or the run failed; the run is
     *     then logged as FAILED with the reason and every gold table keeps its snapshot
     */
    public static <S extends Serializable> Result run(
            LakeConfig config,
            AnalyticsJob<S> job,
            RunPlan<S> plan,
            boolean allowIncomplete,
            Execution execution,
            PrintStream log,
            PrintStream out)
            throws Exception {
        JobRunLog runLog =
                new JobRunLog(plan.runId(), job.name(), plan.days().city(), parameters(plan));
        try (Lake lake = Lake.open(config)) {
            lake.init();
            try {
                List<Input> inputs = job.inputs(plan.days(), plan.settings());
                for (Input input : inputs) {
                    if (input.optional()
                            && SnapshotSummary.cityWatermark(
                                            lake.table(input.table()), plan.days().city())
                                    .isEmpty()) {
                        log.println(
                                plan.title()
                                        + ": "
                                        + plan.days().city()
                                        + " has no "
                                        + input.table()
                                        + " (nothing ingested): left out");
                        continue;
                    }
                    Completeness.require(
                            lake.table(input.table()),
                            input.table(),
                            plan.days().city(),
                            job.inputsNeededUntil(plan.days(), plan.settings()),
                            input.interval(),
                            allowIncomplete,
                            log);
                }
                if (inputs.stream().noneMatch(i -> hasReadings(lake, plan.days(), i))) {
                    String detail =
                            "no readings of "
                                    + String.join(", ", inputs.stream().map(Input::table).toList())
                                    + " for "
                                    + plan.days()
                                    + ": nothing to compute, nothing committed (the previous"
                                    + " results stay)";
                    runLog.noReadings(lake, detail);
                    log.println(plan.title() + ": " + detail);
                    return new Result(Outcome.NO_READINGS, Map.of());
                }
                execution.execute(config, plan);
            } catch (Exception | Error e) {
                runLog.failed(lake, e);
                throw e;
            }
            List<String> outputs = job.outputs().stream().map(TableDef::name).toList();
            Committed committed = Committed.of(lake, outputs, plan.runId());
            long rows = outputs.stream().mapToLong(committed::rows).sum();
            Map<String, Long> perTable = new LinkedHashMap<>();
            outputs.stream()
                    .filter(committed::wrote)
                    .forEach(t -> perTable.put(t, committed.rows(t)));
            runLog.succeeded(lake, null, rows, perTable.toString());
            if (out != null) {
                job.print(committed, plan, out);
            }
            return new Result(Outcome.SUCCEEDED, perTable);
        }
    }

    /** Builds the run's graph on {@code env}: inputs, the job's pipeline, writers, committer. */
    public static <S extends Serializable> void define(
            StreamExecutionEnvironment env,
            Lake lake,
            AnalyticsJob<S> job,
            RunPlan<S> plan,
            BatchOverwrite.FailurePoints failurePoints) {
        Map<String, DataStream<RowData>> rows =
                job.define(new JobContext(env, lake, plan.days().city()), plan);
        BatchOverwrite gold =
                new BatchOverwrite(
                        lake,
                        Map.of(
                                "citylake.job",
                                plan.job(),
                                Committed.RUN_ID,
                                plan.runId(),
                                "citylake.period",
                                plan.days().toString()),
                        failurePoints);
        Map<String, Expression> ranges = job.replacedRanges(plan);
        for (TableDef table : job.outputs()) {
            DataStream<RowData> tableRows = rows.get(table.name());
            if (tableRows != null) {
                gold.add(table.name(), tableRows, ranges.get(table.name()));
            }
        }
        gold.commitAtEnd(plan.title());
    }

    /** A batch environment without restarts: a failed run fails at once, and a re-run repairs. */
    public static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /** Runs {@code plan} where this code runs and waits for it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void runHere(
            LakeConfig config, RunPlan<?> plan, BatchOverwrite.FailurePoints failurePoints)
            throws Exception {
        AnalyticsJob job = AnalyticsJobs.get(plan.job());
        try (Lake lake = Lake.open(config)) {
            StreamExecutionEnvironment env = environment();
            define(env, lake, job, (RunPlan) plan, failurePoints);
            try {
                env.execute(plan.title());
            } catch (Exception e) {
                throw failed(plan, e);
            }
        }
    }

    /**
     * Submits {@code plan} to the cluster this code runs in, without waiting (a cluster's main).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static JobClient submit(LakeConfig config, RunPlan<?> plan) throws Exception {
        AnalyticsJob job = AnalyticsJobs.get(plan.job());
        try (Lake lake = Lake.open(config)) {
            StreamExecutionEnvironment env = environment();
            define(env, lake, job, (RunPlan) plan, BatchOverwrite.FailurePoints.NONE);
            return env.executeAsync(plan.title());
        }
    }

    /** The error of a failed run: what the committer said, or that nothing was committed. */
    static IllegalStateException failed(RunPlan<?> plan, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GoldCommit.CommitFailed commit) {
                return new IllegalStateException(commit.getMessage(), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException(
                plan.title()
                        + " failed, nothing committed, every table keeps its snapshot: "
                        + root.getClass().getSimpleName()
                        + ": "
                        + root.getMessage(),
                e);
    }

    /** Whether {@code input}'s table holds a reading of the city in the run's days. */
    static boolean hasReadings(Lake lake, AnalyticsPeriod days, Input input) {
        Input inDays =
                new Input(
                        input.table(),
                        List.of(TableRegistry.CITY, TableRegistry.OBSERVED_AT),
                        days.start(),
                        days.end(),
                        input.interval());
        // Stops at the first matching row: file statistics prune, the reader checks each row.
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(lake.table(input.table()))
                        .where(JobContext.filter(days.city(), inDays))
                        .select(inDays.columns())
                        .build()) {
            return rows.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input.table(), e);
        }
    }

    /**
     * The cities with readings in {@code tables}, from partition metadata (clean tables are
     * partitioned by city); no data file is read.
     */
    public static List<String> citiesWithReadings(Lake lake, List<String> tables) {
        java.util.TreeSet<String> cities = new java.util.TreeSet<>();
        for (String name : tables) {
            org.apache.iceberg.Table table = lake.table(name);
            int cityField = table.schema().findField(TableRegistry.CITY).fieldId();
            int position = -1;
            List<org.apache.iceberg.PartitionField> fields = table.spec().fields();
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).sourceId() == cityField
                        && fields.get(i).transform().isIdentity()) {
                    position = i;
                }
            }
            if (position < 0) {
                throw new IllegalStateException(name + " is not partitioned by city");
            }
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    cities.add(task.file().partition().get(position, String.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot plan a scan of " + name, e);
            }
        }
        return List.copyOf(cities);
    }

    private static String parameters(RunPlan<?> plan) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("from", plan.days().from().toString());
        all.put("to", plan.days().to().toString());
        all.putAll(plan.options());
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + " " + v));
        return String.join(" ", args);
    }
}
