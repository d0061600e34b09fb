package org.citylake.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;

/** Stack contexts for tests: a temp data dir, free ports, the shared download cache. */
final class TestStacks {

    private TestStacks() {}

    static StackContext context(Path dataDir) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.PROFILE.key(), "stack");
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        overrides.put(LakeOptions.POSTGRES_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.S3_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.TRINO_PORT.key(), Integer.toString(Ports.free()));
        // Downloads and unpacked servers stay in the default cache: reused by every test run.
        return StackContext.of(LakeConfig.load(overrides), StackLog.to(System.err));
    }

    /** True when the PID names no live process. */
    static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
