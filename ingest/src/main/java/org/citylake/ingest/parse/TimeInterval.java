package org.citylake.ingest.parse;

import java.time.Instant;

/**
 * An observation time read from one attribute: an instant, or an ISO-8601 interval.
 *
 * @param start the instant, or the start of the interval
 * @param end the end of the interval; null for a plain instant
 */
record TimeInterval(Instant start, Instant end) {}
