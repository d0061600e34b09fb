package org.citylake.stack;

/**
 * One server of the stack. Implementations are idempotent: {@link #install} fetches only what is
 * missing, {@link #start} does nothing when the service already runs, {@link #stop} ends only the
 * process this project started (by the PID in its PID file).
 */
public interface Service {

    /**
     * Short name used in status output, PID files and directories: {@code postgres}, {@code s3}.
     */
    String name();

    /** The loopback port clients use. */
    int port();

    /** Downloads or unpacks what is missing; prints what it does to {@code log}. */
    void install(StackLog log) throws Exception;

    /** Starts the service unless it runs, then waits until {@link #health} is up or throws. */
    void start(StackLog log) throws Exception;

    /** A live check against the running server (a query, a listing, a metadata call). */
    Health health();

    /** Stops the process this project started, if any; never touches other processes. */
    void stop(StackLog log) throws Exception;

    /** The PID of the process this project started, if it is still alive. */
    java.util.OptionalLong pid();

    /** Result of a health check. */
    record Health(boolean up, String detail) {
        public static Health up(String detail) {
            return new Health(true, detail);
        }

        public static Health down(String detail) {
            return new Health(false, detail);
        }
    }
}
