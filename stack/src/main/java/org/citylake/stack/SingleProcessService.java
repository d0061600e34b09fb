package org.citylake.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * A service that is one server process started by this project, with its PID file and log in {@code
 * <stack-dir>/<name>}. Its start sequence is the same for all of them: when our process already
 * runs, only wait for it to be healthy; otherwise check that the port is free (the error names the
 * setting to change), {@link #launch} the server, and wait until {@link #health} is up. When it is
 * not up in time, or the process exits, the error carries the last lines of its log.
 */
abstract class SingleProcessService implements Service {

    /** How long a start waits for our process that already runs (it may still be starting). */
    private static final Duration RUNNING_WAIT = Duration.ofMinutes(2);

    final StackContext context;
    final Path dir;
    final ManagedProcess process;
    private final String name;
    private final String title;
    private final LakeOptions.Option portOption;
    private final Duration startTimeout;
    private final Duration stopGrace;

    /**
     * @param name the short name: directory, PID file, status output
     * @param title the server's name in errors and progress lines ({@code PostgreSQL})
     * @param portOption the setting holding the port, named when the port is taken
     * @param startTimeout how long a fresh start may take until the server is healthy
     * @param stopGrace how long {@link #stop} waits after SIGTERM before SIGKILL
     */
    SingleProcessService(
            StackContext context,
            String name,
            String title,
            LakeOptions.Option portOption,
            Duration startTimeout,
            Duration stopGrace) {
        this.context = context;
        this.dir = context.serviceDir(name);
        this.process = new ManagedProcess(name, dir);
        this.name = name;
        this.title = title;
        this.portOption = portOption;
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int port() {
        return context.port(portOption);
    }

    @Override
    public final OptionalLong pid() {
        return process.pid();
    }

    /**
     * Prepares and starts the server so that {@link #process} records its PID. Called only when no
     * process of ours runs and the ports are free; {@link #start} then waits for health.
     */
    abstract void launch(StackLog log) throws Exception;

    /** Fails with an error naming the setting when a port the server needs is taken. */
    void requireFreePorts() {
        Ports.requireFree(port(), name, portOption.key());
    }

    @Override
    public final void start(StackLog log) throws Exception {
        String what = title + " on port " + port();
        if (process.isRunning()) {
            Waits.until(what, RUNNING_WAIT, this::health, process);
            return;
        }
        requireFreePorts();
        launch(log);
        Waits.until(what, startTimeout, this::health, process);
    }

    /** SIGTERM to the recorded process, SIGKILL after the grace period; nothing else is touched. */
    @Override
    public void stop(StackLog log) throws Exception {
        OptionalLong pid = process.pid();
        if (process.stop(stopGrace)) {
            log.info(name + " stopped (pid " + pid.orElse(-1) + ")");
        }
    }

    /** The grace period {@link #stop} gives the server after SIGTERM. */
    Duration stopGrace() {
        return stopGrace;
    }
}
