package org.citylake.cli;

import picocli.CommandLine.Option;

/** Options of the commands that can run their Flink job on a cluster instead of in-process. */
public final class ClusterArgs {

    @Option(
            names = "--cluster",
            description =
                    "Submit the job jar to a Flink cluster over REST instead of running the job in"
                            + " this process (start one with `citylake stack up --flink`).")
    boolean cluster;

    @Option(
            names = "--flink-rest",
            paramLabel = "URL",
            description =
                    "With --cluster: the cluster's REST address (default citylake.flink.rest,"
                            + " written by `citylake stack up --flink`).")
    String flinkRest;
}
