package org.citylake.analytics.job;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a job reads of one clean table: some columns of one city's readings observed in {@code
 * [from, to)}.
 *
 * <p>Completeness rule: the run needs the table complete up to the end of its days, that is the
 * ingest watermark at or past {@code end of the last day - interval} (readings are stamped with the
 * start of their interval).
 *
 * @param table e.g. {@code clean.traffic_flow}
 * @param columns read; {@code city} and {@code observed_at} are always among them
 *     <p>An optional input is one a city may not have at all (a job that joins whatever the city
 *     has, e.g. the street profile): when the table holds no watermark of the city, nothing of that
 *     feed was ever ingested for it, and the run goes on without it. Once the city has the feed,
 *     the completeness rule holds as for any input.
 * @param interval the table's reading interval, for the completeness rule
 * @param optional whether a city without any reading of the table runs without it
 */
public record Input(
        String table,
        List<String> columns,
        Instant from,
        Instant to,
        Duration interval,
        boolean optional)
        implements Serializable {

    public Input {
        columns = List.copyOf(columns);
    }

    /** A required input: the run needs it complete. */
    public Input(String table, List<String> columns, Instant from, Instant to, Duration interval) {
        this(table, columns, from, to, interval, false);
    }

    /** Where {@code column} is in the rows read. */
    public int position(String column) {
        int at = columns.indexOf(column);
        if (at < 0) {
            throw new IllegalArgumentException(column + " is not read from " + table);
        }
        return at;
    }
}
