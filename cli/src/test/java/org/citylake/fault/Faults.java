package org.citylake.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.citylake.stack.Ports;
import org.citylake.stack.Service;
import org.citylake.stack.StackLog;

/**
 * Faults injected into processes this test started, always by PID: a JVM killed without warning
 * (SIGKILL), a service stopped for a while and started again.
 */
public final class Faults {

    private Faults() {}

    /** SIGKILL: no shutdown hook, no flush, no goodbye; waits until the process is gone. */
    public static void kill(long pid) throws Exception {
        ProcessHandle process =
                ProcessHandle.of(pid)
                        .orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /**
     * When a service was down: from the moment its stop returned (the process gone) to the moment
     * its start was called. Nothing that needs the service can have happened strictly between.
     */
    public record Outage(Instant down, Instant up) {

        /** Whether {@code t} lies strictly inside the outage. */
        public boolean contains(Instant t) {
            return t.isAfter(down) && t.isBefore(up);
        }

        @Override
        public String toString() {
            return down + " .. " + up;
        }
    }

    /**
     * Stops {@code service}, keeps it down for {@code downFor}, starts it again (healthy); returns
     * when it was down.
     */
    public static Outage outage(Service service, Duration downFor, StackLog log) throws Exception {
        log.info("fault: " + service.name() + " down for " + downFor.toSeconds() + " s");
        service.stop(log);
        Instant down = Instant.now();
        Thread.sleep(downFor.toMillis());
        Instant up = Instant.now();
        service.start(log);
        log.info("fault: " + service.name() + " back");
        return new Outage(down, up);
    }

    /** SIGKILL of a service's process, then a start; the service's own crash recovery runs. */
    public static void crashAndRestart(Service service, StackLog log) throws Exception {
        long pid =
                service.pid()
                        .orElseThrow(
                                () -> new IllegalStateException(service.name() + " not running"));
        log.info("fault: " + service.name() + " (pid " + pid + ") killed");
        kill(pid);
        service.start(log);
        log.info("fault: " + service.name() + " restarted (pid " + service.pid().orElse(-1) + ")");
    }

    /** A free port whose next {@code extra} ports are free too (Flink derives ports this way). */
    public static int freePortRun(int extra) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = Ports.free();
            boolean free = port < 65535 - extra;
            for (int i = 1; free && i <= extra; i++) {
                free = !Ports.isOpen(port + i);
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no " + (extra + 1) + " adjacent free ports");
    }

    /** A size for a fault run: the system property if set, else the CI default. */
    public static long size(String property, long ciDefault) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? ciDefault : Long.parseLong(value.trim());
    }
}
