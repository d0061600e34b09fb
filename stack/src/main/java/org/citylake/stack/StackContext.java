package org.citylake.stack;

import java.io.IOException;
import java.nio.file.Path;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * What every service needs: the configuration (ports, Java for Trino), its own directory under the
 * stack dir, the shared download cache, Maven, and the generated secrets.
 */
public record StackContext(
        LakeConfig config,
        Path stackDir,
        Path cacheDir,
        MavenArtifacts maven,
        StackSecrets secrets) {

    public static StackContext of(LakeConfig config, StackLog log) throws IOException {
        Path stackDir = config.stackDir();
        Path cache = config.stackCache();
        return new StackContext(
                config,
                stackDir,
                cache,
                new MavenArtifacts(cache.resolve("maven"), log),
                StackSecrets.loadOrCreate(stackDir));
    }

    /** {@code <stack-dir>/<service>}: data, config, log and PID file of one service. */
    public Path serviceDir(String service) {
        return stackDir.resolve(service);
    }

    public int port(LakeOptions.Option option) {
        return config.intValue(option);
    }
}
