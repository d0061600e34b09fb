package org.citylake.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The commit a result was measured at, and whether the checkout had local changes. */
public final class GitInfo {

    private GitInfo() {}

    public static Map<String, Object> describe(Path checkout) {
        Map<String, Object> info = new LinkedHashMap<>();
        String commit = git(checkout, "rev-parse", "HEAD");
        String status = git(checkout, "status", "--porcelain", "--untracked-files=no");
        info.put("commit", commit == null ? "unknown" : commit.trim());
        info.put("local_changes", status != null && !status.isBlank());
        return info;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
