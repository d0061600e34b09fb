package org.citylake.analytics.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.citylake.lakehouse.sink.SnapshotSummary;

/**
 * Is one city's input of a period all there? The ingest job records every city's event-time
 * watermark in every snapshot it commits ({@link SnapshotSummary#cityWatermark}): every reading of
 * the city stamped at or before it has arrived. Readings are stamped with the start of their
 * interval, so a period is complete once the city's watermark reaches the start of its last
 * interval ({@code end - interval}). Another city's progress says nothing about this one.
 */
public final class Completeness {

    private Completeness() {}

    /**
     * Throws when {@code city}'s readings in {@code table} are not complete up to {@code end},
     * unless {@code allowIncomplete} (then it warns on {@code log}).
     */
    public static void require(
            Table table,
            String tableName,
            String city,
            Instant end,
            Duration interval,
            boolean allowIncomplete,
            PrintStream log) {
        Optional<Instant> watermark = SnapshotSummary.cityWatermark(table, city);
        Instant needed = end.minus(interval);
        if (watermark.isPresent() && !watermark.get().isBefore(needed)) {
            return;
        }
        String problem =
                watermark.isEmpty()
                        ? tableName
                                + " has no recorded event-time watermark for "
                                + city
                                + " (nothing of it ingested yet)"
                        : tableName
                                + " is complete for "
                                + city
                                + " up to "
                                + watermark.get()
                                + " (its event-time watermark), but the period needs readings up"
                                + " to "
                                + needed;
        if (!allowIncomplete) {
            throw new IncompleteInputsException(
                    problem + "; ingest the missing data or run with --allow-incomplete",
                    watermark.isEmpty());
        }
        log.println("warning: " + problem + "; running anyway (--allow-incomplete)");
    }
}
