package org.citylake.analytics.job;

/**
 * A job's inputs are not complete for its period: nothing ran and nothing was committed. Either the
 * city has nothing in an input table at all ({@link #EXIT_NO_DATA}: e.g. a city without street
 * lamps asked for lighting) or the ingest watermark has not passed the period's end yet ({@link
 * #EXIT_NOT_YET}: try again when the data has arrived, or run with {@code --allow-incomplete}). The
 * CLI exits with {@link #exitCode()}, so a scheduler can skip the first, retry the second, and tell
 * both from a failure.
 */
public final class IncompleteInputsException extends IllegalStateException {

    /** Exit code when the city has nothing in an input table (sysexits EX_NOINPUT). */
    public static final int EXIT_NO_DATA = 66;

    /** Exit code when the inputs lag behind the period's end (sysexits EX_TEMPFAIL). */
    public static final int EXIT_NOT_YET = 75;

    private final boolean nothingIngested;

    public IncompleteInputsException(String message, boolean nothingIngested) {
        super(message);
        this.nothingIngested = nothingIngested;
    }

    /** Whether the city has no recorded watermark in the input table (nothing of it ingested). */
    public boolean nothingIngested() {
        return nothingIngested;
    }

    public int exitCode() {
        return nothingIngested ? EXIT_NO_DATA : EXIT_NOT_YET;
    }
}
