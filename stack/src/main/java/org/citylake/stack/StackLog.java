package org.citylake.stack;

import java.io.PrintStream;

/** Progress lines of stack operations, for the CLI (stderr) or tests. */
@FunctionalInterface
public interface StackLog {

    void info(String message);

    static StackLog to(PrintStream out) {
        return message -> out.println("stack: " + message);
    }

    static StackLog quiet() {
        return message -> {};
    }
}
