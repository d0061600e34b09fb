package org.citylake.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A server process this project started: its PID file and its log. The PID file is the only
 * authority for {@link #stop}: a process is ended only when the PID file names it and it is still
 * alive with the same start time, so a reused PID never gets killed.
 */
public final class ManagedProcess {

    private final String name;
    private final Path pidFile;
    private final Path logFile;

    /** {@code dir} holds {@code <name>.pid} and {@code <name>.log}. */
    public ManagedProcess(String name, Path dir) {
        this.name = name;
        this.pidFile = dir.resolve(name + ".pid");
        this.logFile = dir.resolve(name + ".log");
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Starts {@code command} in the background, output appended to the log, and records the PID.
     */
    public long start(List<String> command, Map<String, String> env, Path workDir)
            throws IOException {
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(workDir);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        record(process.toHandle());
        return process.pid();
    }

    /** Records a process started by another tool (e.g. a launcher that daemonises). */
    public void record(ProcessHandle handle) throws IOException {
        long started = handle.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        Files.writeString(pidFile, handle.pid() + " " + started + "\n", StandardCharsets.UTF_8);
    }

    /** The recorded process, if it is still the same live process. */
    public Optional<ProcessHandle> handle() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(
                            h ->
                                    started == 0L
                                            || h.info()
                                                    .startInstant()
                                                    .map(i -> i.toEpochMilli() == started)
                                                    .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public OptionalLong pid() {
        return handle().map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
    }

    public boolean isRunning() {
        return handle().isPresent();
    }

    /**
     * Sends SIGTERM, waits up to {@code grace}, then SIGKILL; removes the PID file. Returns whether
     * a process was stopped.
     */
    public boolean stop(Duration grace) throws IOException {
        Optional<ProcessHandle> handle = handle();
        if (handle.isPresent()) {
            ProcessHandle process = handle.get();
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception timeout) {
                process.destroyForcibly();
            }
            children.stream()
                    .filter(ProcessHandle::isAlive)
                    .forEach(ProcessHandle::destroyForcibly);
        }
        Files.deleteIfExists(pidFile);
        return handle.isPresent();
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (" + pidFile + ")";
    }
}
