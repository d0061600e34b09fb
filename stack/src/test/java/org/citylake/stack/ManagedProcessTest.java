package org.citylake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir Path dir;

    @Test
    void startsRecordsAndStopsOnlyItsOwnProcess() throws Exception {
        ManagedProcess process = new ManagedProcess("sleeper", dir);
        long pid = process.start(List.of("sh", "-c", "echo hello; exec sleep 60"), Map.of(), dir);
        try {
            assertThat(process.pid()).hasValue(pid);
            assertThat(Files.readString(dir.resolve("sleeper.pid"))).startsWith(pid + " ");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!process.tail(5).contains("hello") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(process.tail(5)).contains("hello");

            assertThat(process.stop(Duration.ofSeconds(5))).isTrue();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                    .isNotEqualTo(java.util.Optional.of(true));
            assertThat(process.pid()).isEmpty();
            assertThat(process.stop(Duration.ofSeconds(1))).isFalse();
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aPidFileNamingAnotherLiveProcessIsNotTrusted() throws Exception {
        // This JVM is alive, but its start time differs from the recorded one: a reused PID.
        long self = ProcessHandle.current().pid();
        Files.writeString(dir.resolve("ghost.pid"), self + " 12345\n");
        ManagedProcess ghost = new ManagedProcess("ghost", dir);
        assertThat(ghost.pid()).isEmpty();
        assertThat(ghost.stop(Duration.ofSeconds(1))).isFalse();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
