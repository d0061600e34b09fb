package org.citylake.analytics.job;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;

/**
 * One run of an analytics job, as the CLI built and checked it; the same object travels to the
 * Flink cluster ({@code --cluster}), so the job needs nothing else to know its city.
 *
 * @param job the job's name
 * @param city the city as registered in {@code ref.cities}: zone, CRS, policies
 * @param days the city's days the run computes, in its zone
 * @param settings the job's typed settings
 * @param options the option texts the settings came from (for the run log)
 * @param runId written into every commit's snapshot summary and into {@code ops.job_runs}
 */
public record RunPlan<S extends Serializable>(
        String job,
        City city,
        AnalyticsPeriod days,
        S settings,
        Map<String, String> options,
        String runId)
        implements Serializable {

    public RunPlan {
        if (!days.city().equals(city.id()) || !days.zone().equals(city.zone())) {
            throw new IllegalArgumentException(
                    "the days "
                            + days
                            + " ("
                            + days.zone()
                            + ") are not of city "
                            + city.id()
                            + " ("
                            + city.zone()
                            + ")");
        }
        options = new TreeMap<>(options);
    }

    /**
     * The plan of {@code job} for {@code city}'s days {@code from}..{@code to}, with the settings
     * the options give for that city.
     */
    public static <S extends Serializable> RunPlan<S> of(
            AnalyticsJob<S> job,
            City city,
            LocalDate from,
            LocalDate to,
            Map<String, String> options,
            String runId) {
        return new RunPlan<>(
                job.name(),
                city,
                AnalyticsPeriod.of(city, from, to),
                job.settings(options, city),
                options,
                runId);
    }

    /** {@code citylake <job> aarhus 2014-08-18..2014-08-24}: names the run in messages. */
    public String title() {
        return "citylake " + job + " " + days;
    }
}
