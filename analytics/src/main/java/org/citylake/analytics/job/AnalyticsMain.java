package org.citylake.analytics.job;

import org.apache.flink.core.execution.JobClient;
import org.citylake.lakehouse.config.EntryArgs;

/**
 * Entry point of the job jar for analytics on a Flink cluster: the plan {@code citylake run <job>
 * --cluster} built and checked, defined here (ref tables are read when the graph is built) and
 * submitted to the cluster it runs in. The committer inside the job commits the gold tables. A thin
 * main: no waiting, no {@code System.exit} (it runs inside the JobManager).
 */
public final class AnalyticsMain {

    private AnalyticsMain() {}

    public static void main(String[] args) throws Exception {
        EntryArgs entry = EntryArgs.parse(args);
        RunPlan<?> plan = (RunPlan<?>) entry.plan();
        JobClient job = JobRunner.submit(entry.config(), plan);
        System.out.println("submitted " + plan.title() + " as job " + job.getJobID());
    }
}
