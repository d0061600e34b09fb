package org.citylake.analytics.job;

import java.io.PrintStream;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.expressions.Expression;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * A batch analytics job, as the template ({@link JobRunner}) runs it: the job declares what it is;
 * the template does the rest, once for every job: the run log in {@code ops.job_runs}, the
 * completeness check of its inputs, the refusal to run on no readings, the all-or-nothing commit of
 * its gold tables, the row counts from what was committed and the printing from the committed
 * snapshot. {@code citylake run <name>} runs every registered job with the same options, locally or
 * on a Flink cluster ({@code --cluster}).
 *
 * <p>A new job is: an implementation of this interface with its pure pipeline, its gold {@link
 * TableDef}s, and one line naming it in {@code
 * META-INF/services/org.citylake.analytics.job.AnalyticsJob}.
 *
 * @param <S> the job's typed settings, built from its options; they travel with the plan
 */
public interface AnalyticsJob<S extends Serializable> {

    /** {@code citylake run <name>}, the {@code job} of {@code ops.job_runs}. */
    String name();

    /** The lines of {@code citylake run <name> --help}: what it computes, where, an example. */
    List<String> description();

    /** The job's own options, beyond the period, city and lake options every job takes. */
    List<JobOption<?>> options();

    /**
     * The typed settings of one run for {@code city}, from the option texts (key → text; defaults
     * when absent). Where a city has a policy ({@code ref.cities}: peak days and hours, night), it
     * is the default an option overrides.
     */
    S settings(Map<String, String> options, City city);

    /**
     * The first and last day a run covers when its own options imply them (then {@code --from} and
     * {@code --to} may be left out), in {@code city}'s zone; empty when the period options are
     * needed.
     */
    default Optional<List<LocalDate>> impliedDays(Map<String, String> options, City city) {
        return Optional.empty();
    }

    /**
     * The clean tables the run reads. Each must be complete up to the end of the run's days (see
     * {@link Input}); a run none of whose inputs holds a reading in its days commits nothing.
     */
    List<Input> inputs(AnalyticsPeriod days, S settings);

    /**
     * Until when the run needs its inputs complete: the end of its days, unless the job reads past
     * them (a lighting night ends at the next local noon).
     */
    default Instant inputsNeededUntil(AnalyticsPeriod days, S settings) {
        return days.end();
    }

    /**
     * Per gold table, the rows the run replaces as a whole (a filter on identity partition
     * columns): the commit removes every row in that range, also from partitions the run writes no
     * row to. A table not named replaces only the partitions it writes, which suits tables that
     * receive every partition of the run.
     */
    default Map<String, Expression> replacedRanges(RunPlan<S> plan) {
        return Map.of();
    }

    /** The gold tables the run writes, in commit order. */
    List<TableDef> outputs();

    /**
     * The pipeline: reads through {@code context} (inputs and ref tables), returns the rows of each
     * output table (typed with {@link JobContext#rows}). Builds the job graph, runs nothing.
     */
    Map<String, DataStream<RowData>> define(JobContext context, RunPlan<S> plan);

    /** Prints the run's headline results, read from the snapshots it committed. */
    void print(Committed run, RunPlan<S> plan, PrintStream out);
}
