package org.citylake.cli;

import picocli.CommandLine.Command;

/** {@code citylake run <job>}: the batch analytics jobs. */
@Command(
        name = "run",
        description = {
            "Run a batch analytics job over the clean tables; results go to gold.* tables.",
            "Each run covers whole days of one or more cities, replaces its own earlier results"
                    + " atomically (re-runs are idempotent; a failed run leaves the previous"
                    + " results readable) and is logged in ops.job_runs. It refuses to run until"
                    + " the ingest watermark has passed the period's end (--allow-incomplete"
                    + " overrides)."
        },
        mixinStandardHelpOptions = true,
        subcommands = {RunTrafficCommand.class, RunParkingCommand.class})
public final class RunCommand {}
