package org.citylake.cli;

import java.util.HashMap;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import picocli.CommandLine.Option;

/**
 * Options every command takes to find the lake. CLI options beat environment, file and defaults.
 */
public final class LakeArgs {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Local state: embedded catalog + warehouse, checkpoints, converted feeds "
                            + "(env CITYLAKE_DATA_DIR, default ./var).")
    String dataDir;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "embedded (no servers, default) or stack (env CITYLAKE_PROFILE).")
    String profile;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Properties file with citylake.* keys (env CITYLAKE_CONFIG, default "
                            + "<data-dir>/citylake.properties when present).")
    String config;

    public LakeConfig load() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir);
        overrides.put(LakeOptions.PROFILE.key(), profile);
        overrides.put(LakeOptions.CONFIG_FILE.key(), config);
        return LakeConfig.load(overrides);
    }

    /** These options as command-line arguments, to run another command on the same lake. */
    public java.util.List<String> asArgs() {
        java.util.List<String> args = new java.util.ArrayList<>();
        if (dataDir != null) {
            args.addAll(java.util.List.of("--data-dir", dataDir));
        }
        if (profile != null) {
            args.addAll(java.util.List.of("--profile", profile));
        }
        if (config != null) {
            args.addAll(java.util.List.of("--config", config));
        }
        return args;
    }
}
