package org.citylake.analytics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;

/**
 * The whole days of a city a clean table holds: from the day of its first reading (file statistics,
 * no data read) to the last day the city's own ingest watermark has completed.
 */
public final class CompleteDays {

    private CompleteDays() {}

    public static Optional<AnalyticsPeriod> of(
            Table table, String city, ZoneId zone, Duration interval) {
        Optional<Instant> watermark = SnapshotSummary.cityWatermark(table, city);
        if (watermark.isEmpty()) {
            return Optional.empty();
        }
        int observedId = table.schema().findField(TableRegistry.OBSERVED_AT).fieldId();
        Long firstMicros = null;
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan()
                        .filter(Expressions.equal(TableRegistry.CITY, city))
                        .includeColumnStats()
                        .planFiles()) {
            for (FileScanTask task : tasks) {
                ByteBuffer lower = task.file().lowerBounds().get(observedId);
                if (lower != null) {
                    long micros = Conversions.fromByteBuffer(Types.TimestampType.withZone(), lower);
                    firstMicros = firstMicros == null ? micros : Math.min(firstMicros, micros);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan a scan of " + table.name(), e);
        }
        if (firstMicros == null) {
            return Optional.empty();
        }
        LocalDate first = Instant.EPOCH.plusNanos(firstMicros * 1000).atZone(zone).toLocalDate();
        // day d is complete when its end (start of d + 1) <= watermark + one interval
        LocalDate last = watermark.get().plus(interval).atZone(zone).toLocalDate().minusDays(1);
        return last.isBefore(first)
                ? Optional.empty()
                : Optional.of(new AnalyticsPeriod(city, zone, first, last));
    }
}
