package org.citylake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code citylake} launcher: one command line for every job and tool. */
@Command(
        name = "citylake",
        description = {
            "CityLake: smart-city sensor feeds into an Iceberg lakehouse with Flink.",
            "Every command takes --data-dir, --profile and --config; see `citylake <command> --help`."
        },
        mixinStandardHelpOptions = true,
        version = "CityLake 0.1.0",
        subcommands = {
            DemoCommand.class,
            LakehouseCommand.class,
            TestdataCommand.class,
            LightingCommand.class,
            WasteCommand.class,
            ProfileCommand.class,
            RefCommand.class,
            CityCommand.class,
            FeedsCommand.class,
            IngestCommand.class,
            ReplayCommand.class,
            SqlCommand.class,
            TablesCommand.class,
            DescribeCommand.class,
            StackCommand.class,
            ServeCommand.class
        })
public final class CityLakeCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting; returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new CityLakeCli());
        // One subcommand per registered analytics job, built from the job's declared options.
        cli.addSubcommand("run", RunCommand.commandLine());
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    commandLine.getErr().println("citylake: " + message(e));
                    if (System.getenv("CITYLAKE_DEBUG") != null) {
                        e.printStackTrace(commandLine.getErr());
                    } else if (!userError(e)) {
                        commandLine.getErr().println("(set CITYLAKE_DEBUG=1 for the stack trace)");
                    }
                    return 1;
                });
        return cli.execute(args);
    }

    /**
     * An error the user can act on from its message alone (a wrong option, a missing table or
     * lake): no stack trace hint. Anything else is an internal error worth the trace.
     */
    static boolean userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    /** The first meaningful message down the cause chain. */
    static String message(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
