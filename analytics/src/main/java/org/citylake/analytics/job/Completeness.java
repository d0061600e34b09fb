package org.citylake.analytics.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.citylake.lakehouse.sink.SnapshotSummary;

/**
 * Is the input of a period all there? The ingest job records its event-time watermark in every
 * snapshot it commits: every reading stamped at or before it has arrived. Readings are stamped with
 * the start of their interval, so a period is complete once the watermark reaches the start of its
 * last interval ({@code end - interval}).
 */
public final class Completeness {

    private Completeness() {}

    /**
     * Throws when {@code table} is not complete up to {@code end}, unless {@code allowIncomplete}
     * (then it warns on {@code log}).
     */
    public static void require(
            Table table,
            String tableName,
            Instant end,
            Duration interval,
            boolean allowIncomplete,
            PrintStream log) {
        Optional<Instant> watermark = SnapshotSummary.latestWatermark(table);
        Instant needed = end.minus(interval);
        if (watermark.isPresent() && !watermark.get().isBefore(needed)) {
            return;
        }
        String problem =
                watermark.isEmpty()
                        ? tableName + " has no recorded event-time watermark (nothing ingested yet)"
                        : tableName
                                + " is complete up to "
                                + watermark.get()
                                + " (its event-time watermark), but the period needs readings up"
                                + " to "
                                + needed;
        if (!allowIncomplete) {
            throw new IllegalStateException(
                    problem + "; ingest the missing data or run with --allow-incomplete");
        }
        log.println("warning: " + problem + "; running anyway (--allow-incomplete)");
    }
}
