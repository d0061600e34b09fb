package org.citylake.ingest;

import org.apache.flink.core.execution.JobClient;
import org.citylake.lakehouse.config.EntryArgs;

/**
 * Entry point of the job jar for ingest on a Flink cluster: the plan the {@code citylake ingest
 * --cluster} command built, submitted with {@code executeAsync} to the cluster it runs in. A thin
 * main: no progress, no waiting, no {@code System.exit} (it runs inside the JobManager).
 */
public final class IngestMain {

    private IngestMain() {}

    public static void main(String[] args) throws Exception {
        EntryArgs entry = EntryArgs.parse(args);
        JobClient job = IngestJob.submit(entry.config(), (IngestJob.Plan) entry.plan());
        System.out.println("submitted ingest job " + job.getJobID());
    }
}
