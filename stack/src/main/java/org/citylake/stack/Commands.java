package org.citylake.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short-lived helper commands (initdb, pg_ctl, keytool, tar) and fails with their output. */
final class Commands {

    private Commands() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code command} prefixed to run as {@code user} when this JVM runs as root. */
    static List<String> asUser(String user, List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Runs {@code command} in {@code dir}, feeding {@code stdin} (may be null), and returns its
     * output. Output goes to a file, not a pipe: daemons a command spawns (pg_ctl's postmaster)
     * inherit it and would otherwise keep the pipe open.
     */
    static String run(
            List<String> command,
            Path dir,
            Map<String, String> env,
            String stdin,
            Duration timeout,
            String what)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("citylake-cmd", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(
                        what
                                + " did not finish within "
                                + timeout.toSeconds()
                                + " s: "
                                + String.join(" ", command)
                                + "\n"
                                + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(
                        what
                                + " failed (exit "
                                + process.exitValue()
                                + "): "
                                + String.join(" ", command)
                                + "\n"
                                + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Java of this JVM: used for S3Proxy and keytool so no other JDK is needed. */
    static Path javaHomeBin(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool);
    }
}
