package org.citylake.analytics.parking;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.citylake.analytics.job.Input;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;

/** What the parking job reads of {@code clean.parking}, and the row → reading mapping. */
final class ParkingReadings {

    static final String TABLE = EntityType.OFF_STREET_PARKING.cleanTable();
    private static final List<String> COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "lot_id",
                    TableRegistry.OBSERVED_AT,
                    "total_spots",
                    "available_spots");

    private ParkingReadings() {}

    static Input input(Instant from, Instant to) {
        return new Input(TABLE, COLUMNS, from, to, ParkingSettings.SLOT);
    }

    /** Row → reading; the rows are already the city's, in range. */
    static final class ToReading implements MapFunction<RowData, ParkingReading> {
        private final int lotPos;
        private final int observedPos;
        private final int totalPos;
        private final int availablePos;

        ToReading(Input input) {
            lotPos = input.position("lot_id");
            observedPos = input.position(TableRegistry.OBSERVED_AT);
            totalPos = input.position("total_spots");
            availablePos = input.position("available_spots");
        }

        @Override
        public ParkingReading map(RowData row) {
            return new ParkingReading(
                    row.getString(lotPos).toString(),
                    row.getTimestamp(observedPos, 6).getMillisecond(),
                    row.isNullAt(totalPos) ? null : row.getInt(totalPos),
                    row.isNullAt(availablePos) ? null : row.getInt(availablePos));
        }
    }
}
