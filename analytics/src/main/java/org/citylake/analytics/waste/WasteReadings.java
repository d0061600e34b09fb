package org.citylake.analytics.waste;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.citylake.analytics.job.Input;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;

/** What the waste job reads of the clean tables, and the row → event mappings. */
final class WasteReadings {

    static final String COLLECTIONS = EntityType.WASTE_COLLECTION.cleanTable();
    static final String LEVELS = EntityType.WASTE_CONTAINER.cleanTable();

    /** The vehicle of a pickup that reports none. */
    static final String UNKNOWN_VEHICLE = "unknown";

    private static final List<String> COLLECTION_COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "container_id",
                    TableRegistry.OBSERVED_AT,
                    "vehicle_id",
                    "fill_before",
                    "fill_after",
                    "weight_kg");
    private static final List<String> LEVEL_COLUMNS =
            List.of(TableRegistry.CITY, "container_id", TableRegistry.OBSERVED_AT, "filling_level");

    private WasteReadings() {}

    /** Where the history starts: {@code historyDays} before the first day. */
    static Instant historyStart(AnalyticsPeriod days, WasteSettings settings) {
        return days.from().minusDays(settings.historyDays()).atStartOfDay(days.zone()).toInstant();
    }

    /** Collections from the start of the history to the end of the last day. */
    static Input collections(AnalyticsPeriod days, WasteSettings settings) {
        return new Input(
                COLLECTIONS,
                COLLECTION_COLUMNS,
                historyStart(days, settings),
                days.end(),
                Duration.ZERO);
    }

    /** Level readings from the start of the history to the end of the last day. */
    static Input levels(AnalyticsPeriod days, WasteSettings settings) {
        return new Input(
                LEVELS, LEVEL_COLUMNS, historyStart(days, settings), days.end(), Duration.ZERO);
    }

    private static Double number(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getDouble(pos);
    }

    /** A {@code clean.waste_collection} row → a pickup. */
    static final class ToPickup implements MapFunction<RowData, BinEvent> {
        private final int bin;
        private final int at;
        private final int vehicle;
        private final int before;
        private final int after;
        private final int weight;

        ToPickup(Input input) {
            bin = input.position("container_id");
            at = input.position(TableRegistry.OBSERVED_AT);
            vehicle = input.position("vehicle_id");
            before = input.position("fill_before");
            after = input.position("fill_after");
            weight = input.position("weight_kg");
        }

        @Override
        public BinEvent map(RowData row) {
            return BinEvent.pickup(
                    row.getString(bin).toString(),
                    row.isNullAt(vehicle) ? UNKNOWN_VEHICLE : row.getString(vehicle).toString(),
                    row.getTimestamp(at, 6).getMillisecond(),
                    number(row, before),
                    number(row, after),
                    number(row, weight));
        }
    }

    /** A {@code clean.waste_container} row → a level reading. */
    static final class ToLevel implements MapFunction<RowData, BinEvent> {
        private final int bin;
        private final int at;
        private final int level;

        ToLevel(Input input) {
            bin = input.position("container_id");
            at = input.position(TableRegistry.OBSERVED_AT);
            level = input.position("filling_level");
        }

        @Override
        public BinEvent map(RowData row) {
            return BinEvent.level(
                    row.getString(bin).toString(),
                    row.getTimestamp(at, 6).getMillisecond(),
                    number(row, level));
        }
    }
}
