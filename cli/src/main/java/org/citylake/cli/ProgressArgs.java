package org.citylake.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-progress} and {@code --progress}. A progress bar is drawn only on a terminal (or with
 * {@code --progress}): redirected to a file or a scheduler's log, long commands print their start
 * and end lines and a plain line now and then, never {@code \r} frames.
 */
public final class ProgressArgs {

    @Option(
            names = "--no-progress",
            description =
                    "Do not draw a progress bar (a long run prints a plain line every 30 s"
                            + " instead).")
    boolean noProgress;

    @Option(
            names = "--progress",
            description =
                    "Draw the progress bar even when the output is no terminal (by default it is"
                            + " drawn only on one), e.g. under `script` or a CI console.")
    boolean progress;

    boolean show() {
        if (noProgress && progress) {
            throw new IllegalArgumentException("give --progress or --no-progress, not both");
        }
        return !noProgress && (progress || System.console() != null);
    }

    /** These options as arguments for another command. */
    java.util.List<String> asArgs() {
        return noProgress
                ? java.util.List.of("--no-progress")
                : progress ? java.util.List.of("--progress") : java.util.List.of();
    }
}
