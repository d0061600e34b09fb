package org.citylake.cli;

import org.apache.flink.core.execution.JobClient;
import org.citylake.ingest.IngestJob;
import org.citylake.lakehouse.config.LakeConfig;
import picocli.CommandLine;

/**
 * Entry point of the job jar on a Flink cluster: the same options as {@code citylake ingest},
 * turned into the same plan, submitted with {@code executeAsync} to the cluster it runs in. A thin
 * main: no progress, no waiting, no {@code System.exit} (it runs inside the JobManager).
 */
public final class IngestMain {

    private IngestMain() {}

    public static void main(String[] args) throws Exception {
        IngestCommand options = CommandLine.populateCommand(new IngestCommand(), args);
        LakeConfig config = options.lakeArgs.load();
        JobClient job = IngestJob.submit(config, options.plan(config));
        System.out.println("submitted ingest job " + job.getJobID());
    }
}
