package org.citylake.analytics.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableSet;

/**
 * The registered analytics jobs: every {@link AnalyticsJob} named in {@code
 * META-INF/services/org.citylake.analytics.job.AnalyticsJob} on the class path. Their gold tables
 * join the lake's table registry through {@link Tables}.
 */
public final class AnalyticsJobs {

    private static final Map<String, AnalyticsJob<?>> JOBS = load();

    private AnalyticsJobs() {}

    private static Map<String, AnalyticsJob<?>> load() {
        Map<String, AnalyticsJob<?>> jobs = new TreeMap<>();
        for (AnalyticsJob<?> job :
                ServiceLoader.load(AnalyticsJob.class, AnalyticsJobs.class.getClassLoader())) {
            AnalyticsJob<?> twice = jobs.put(job.name(), job);
            if (twice != null) {
                throw new IllegalStateException(
                        "two analytics jobs are named '"
                                + job.name()
                                + "': "
                                + twice.getClass().getName()
                                + " and "
                                + job.getClass().getName());
            }
        }
        return jobs;
    }

    /** Every registered job, by name. */
    public static List<AnalyticsJob<?>> all() {
        return List.copyOf(JOBS.values());
    }

    /** The job called {@code name}; an error that lists the jobs when there is none. */
    public static AnalyticsJob<?> get(String name) {
        AnalyticsJob<?> job = JOBS.get(name);
        if (job == null) {
            throw new IllegalArgumentException(
                    "no analytics job '" + name + "'; the jobs are " + JOBS.keySet());
        }
        return job;
    }

    /** The gold tables of every registered job, for the lake's table registry. */
    public static final class Tables implements TableSet {
        @Override
        public List<TableDef> tables() {
            List<TableDef> tables = new ArrayList<>();
            JOBS.values().forEach(job -> tables.addAll(job.outputs()));
            return tables;
        }
    }
}
