package org.citylake.stack;

import java.time.Duration;
import java.util.function.Supplier;

/** Polling until a service is healthy, with the service's log in the error when it is not. */
public final class Waits {

    private Waits() {}

    public static void until(
            String what, Duration timeout, Supplier<Service.Health> check, ManagedProcess process)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Service.Health last = Service.Health.down("not checked");
        while (System.nanoTime() < deadline) {
            last = check.get();
            if (last.up()) {
                return;
            }
            if (process != null && !process.isRunning()) {
                throw new IllegalStateException(
                        what
                                + " exited during start-up ("
                                + last.detail()
                                + "); last lines of "
                                + process.logFile()
                                + ":\n"
                                + process.tail(30));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                what
                        + " not healthy after "
                        + timeout.toSeconds()
                        + " s: "
                        + last.detail()
                        + (process != null
                                ? "; last lines of " + process.logFile() + ":\n" + process.tail(30)
                                : ""));
    }
}
