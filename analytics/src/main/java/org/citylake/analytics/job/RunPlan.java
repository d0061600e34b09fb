package org.citylake.analytics.job;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.model.AnalyticsPeriod;

/**
 * One run of an analytics job, as the CLI built and checked it; the same object travels to the
 * Flink cluster ({@code --cluster}).
 *
 * @param job the job's name
 * @param days the city and days the run computes
 * @param settings the job's typed settings
 * @param options the option texts the settings came from (for the run log)
 * @param runId written into every commit's snapshot summary and into {@code ops.job_runs}
 */
public record RunPlan<S extends Serializable>(
        String job, AnalyticsPeriod days, S settings, Map<String, String> options, String runId)
        implements Serializable {

    public RunPlan {
        options = new TreeMap<>(options);
    }

    /** {@code citylake <job> aarhus 2014-08-18..2014-08-24}: names the run in messages. */
    public String title() {
        return "citylake " + job + " " + days;
    }
}
