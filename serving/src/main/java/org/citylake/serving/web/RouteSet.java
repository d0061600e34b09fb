package org.citylake.serving.web;

import io.javalin.Javalin;

/**
 * Routes another module adds to {@code citylake serve} (e.g. the exchange's catalogue and
 * downloads). Paths under {@link #prefix()} skip the sign-in session: the set authenticates its own
 * requests (API keys) and answers 401/403 itself.
 */
public interface RouteSet {

    /** The path prefix of every route of this set, e.g. {@code /exchange/}. */
    String prefix();

    /** Registers the routes (and their before-handlers) on {@code app}. */
    void register(Javalin app);
}
