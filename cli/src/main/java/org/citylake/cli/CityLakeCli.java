package org.citylake.cli;

import org.citylake.analytics.job.IncompleteInputsException;
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
            ServeCommand.class,
            ReportCommand.class,
            ScheduleCommand.class,
            ExchangeCommand.class
        })
public final class CityLakeCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI without exiting; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Whether this build has the command named by the leading words of {@code args} (up to the
     * first option), e.g. {@code run profile}.
     */
    public static boolean hasCommand(java.util.List<String> args) {
        CommandLine at = commandLine();
        for (String word : args) {
            if (word.startsWith("-") || at.getSubcommands().isEmpty()) {
                break;
            }
            at = at.getSubcommands().get(word);
            if (at == null) {
                return false;
            }
        }
        return true;
    }

    /** The launcher's command line: every command, the job subcommands and the error handler. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CityLakeCli());
        // One subcommand per registered analytics job, built from the job's declared options.
        cli.addSubcommand("run", RunCommand.commandLine());
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    commandLine.getErr().println("citylake: " + message(e));
                    IncompleteInputsException incomplete = incomplete(e);
                    if (incomplete != null) {
                        // not a failure: a scheduler skips (no data) or retries later (see
                        // ScheduleCommand and orchestration/)
                        return incomplete.exitCode();
                    }
                    if (System.getenv("CITYLAKE_DEBUG") != null) {
                        e.printStackTrace(commandLine.getErr());
                    } else if (!userError(e)) {
                        commandLine.getErr().println("(set CITYLAKE_DEBUG=1 for the stack trace)");
                    }
                    return 1;
                });
        return cli;
    }

    /** {@code e} or its cause saying a job's inputs are not complete; {@code null} if none. */
    static IncompleteInputsException incomplete(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IncompleteInputsException i) {
                return i;
            }
        }
        return null;
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
