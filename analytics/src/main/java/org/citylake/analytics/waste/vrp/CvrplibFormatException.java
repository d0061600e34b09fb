package org.citylake.analytics.waste.vrp;

import java.nio.file.Path;

/** A CVRPLIB instance or solution file that cannot be read: which file, which line, what. */
public final class CvrplibFormatException extends IllegalArgumentException {

    private final transient Path file;
    private final int line;

    public CvrplibFormatException(Path file, int line, String what) {
        super(file + (line > 0 ? ":" + line : "") + ": " + what);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the file as a whole. */
    public int line() {
        return line;
    }
}
