package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes ({@code sh}, {@code sleep}): PID file, liveness, stop by PID. */
class ManagedProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir Path dir;

    /**
     * Every process a test started, killed after the test whatever its outcome. Handles, not PIDs:
     * a handle kills only the process with its start time, never a later one with a reused PID.
     */
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private void track(long pid) {
        ProcessHandle.of(pid).ifPresent(started::add);
    }

    @Test
    void startRecordsThePidAndStopEndsThatProcess() throws Exception {
        ManagedProcess process = new ManagedProcess("sleeper", dir);
        long pid = process.start(List.of("sh", "-c", "echo hello; exec sleep 60"), Map.of(), dir);
        track(pid);

        assertThat(Files.readString(dir.resolve("sleeper.pid")).trim())
                .as("PID file holds '<pid> <start time in ms>'")
                .matches(pid + " [1-9][0-9]*");
        assertThat(process.isRunning()).isTrue();
        assertThat(process.pid()).hasValue(pid);
        assertThat(alive(pid)).isTrue();
        awaitTrue(() -> process.tail(5).contains("hello"));
        assertThat(process.tail(5)).as("output goes to the log").contains("hello");

        assertThat(process.stop(Duration.ofSeconds(5))).as("stop reports it ended one").isTrue();
        assertThat(alive(pid)).as("process " + pid + " alive after stop").isFalse();
        assertThat(dir.resolve("sleeper.pid")).doesNotExist();
        assertThat(process.isRunning()).isFalse();
        assertThat(process.pid()).isEmpty();
        assertThat(process.stop(Duration.ofSeconds(1))).as("nothing left to stop").isFalse();
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAfterTheGraceAndItsChildren() throws Exception {
        ManagedProcess process = new ManagedProcess("stubborn", dir);
        Path childPidFile = dir.resolve("child.pid");
        // SIGTERM is ignored by the shell and, inherited, by its background child.
        long pid =
                process.start(
                        List.of("sh", "-c", "trap '' TERM; sleep 60 & echo $! > child.pid; wait"),
                        Map.of(),
                        dir);
        track(pid);
        awaitTrue(() -> readPid(childPidFile) > 0);
        long child = readPid(childPidFile);
        track(child);
        assertThat(alive(child)).isTrue();

        long before = System.nanoTime();
        assertThat(process.stop(Duration.ofMillis(500))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before))
                .as("stop waits the grace period before SIGKILL")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        awaitTrue(() -> !alive(pid) && !alive(child));
        assertThat(alive(pid)).as("process " + pid + " alive after stop").isFalse();
        assertThat(alive(child)).as("child " + child + " alive after stop").isFalse();
    }

    @Test
    void aStalePidFileOfAProcessThatDiedIsNotRunningAndStopRemovesIt() throws Exception {
        ManagedProcess process = new ManagedProcess("crashed", dir);
        long pid = process.start(List.of("sleep", "60"), Map.of(), dir);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        started.add(handle);
        // The server dies on its own (a crash, an OOM kill): the PID file stays behind.
        handle.destroyForcibly();
        handle.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(dir.resolve("crashed.pid")).exists();
        assertThat(process.isRunning()).as("a dead process counts as running").isFalse();
        assertThat(process.pid()).isEmpty();
        assertThat(process.stop(Duration.ofSeconds(1))).isFalse();
        assertThat(dir.resolve("crashed.pid")).doesNotExist();
    }

    @Test
    void aPidFileNamingALiveProcessWithAnotherStartTimeIsNotTrusted() throws Exception {
        // A live process that this ManagedProcess did not start: its PID with a wrong start time
        // is what a PID file looks like after the PID was reused.
        Process other = new ProcessBuilder("sleep", "60").start();
        started.add(other.toHandle());
        long realStart = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.writeString(
                dir.resolve("reused.pid"),
                other.pid() + " " + (realStart - 3_600_000) + "\n",
                StandardCharsets.UTF_8);
        ManagedProcess reused = new ManagedProcess("reused", dir);

        assertThat(reused.isRunning())
                .as("PID %d with a start time that is not its own counts as running", other.pid())
                .isFalse();
        assertThat(reused.pid()).isEmpty();
        assertThat(reused.stop(Duration.ofSeconds(1))).isFalse();
        assertThat(alive(other.pid()))
                .as("the other process " + other.pid() + " must survive stop")
                .isTrue();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long readPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
