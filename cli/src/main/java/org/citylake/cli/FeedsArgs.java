package org.citylake.cli;

import java.nio.file.Path;
import org.citylake.lakehouse.config.LakeConfig;
import picocli.CommandLine.Option;

/** Where the feed files are: {@code --feeds DIR}, default {@code <data-dir>/feeds}. */
public final class FeedsArgs {

    @Option(
            names = "--feeds",
            paramLabel = "DIR",
            description = "Feed files directory (default <data-dir>/feeds).")
    Path feedsDir;

    /** Whether --feeds was given. */
    boolean given() {
        return feedsDir != null;
    }

    /** The feed directory, absolute (a cluster's job main runs in another working directory). */
    Path dir(LakeConfig config) {
        return (feedsDir != null ? feedsDir : config.dataDir().resolve("feeds")).toAbsolutePath();
    }
}
