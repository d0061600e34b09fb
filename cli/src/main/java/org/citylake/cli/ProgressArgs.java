package org.citylake.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-progress}. A progress bar is drawn only on a terminal: redirected to a file or a
 * scheduler's log, long commands print their start and end lines, not a frame per second.
 */
public final class ProgressArgs {

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    boolean show() {
        return !noProgress && System.console() != null;
    }

    /** These options as arguments for another command. */
    java.util.List<String> asArgs() {
        return noProgress ? java.util.List.of("--no-progress") : java.util.List.of();
    }
}
