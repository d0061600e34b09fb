package org.citylake.analytics.lighting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.citylake.analytics.job.Input;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;

/** What the lighting job reads of the clean tables, and the row → reading mappings. */
final class LightingReadings {

    static final String LAMPS = EntityType.STREETLIGHT.cleanTable();
    static final String CABINETS = EntityType.STREETLIGHT_CONTROL_CABINET.cleanTable();

    private static final List<String> LAMP_COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "lamp_id",
                    TableRegistry.OBSERVED_AT,
                    "power_state",
                    "status",
                    "illuminance_level",
                    "power_w");
    private static final List<String> CABINET_COLUMNS =
            List.of(TableRegistry.CITY, "cabinet_id", TableRegistry.OBSERVED_AT, "energy_kwh");

    private LightingReadings() {}

    /** Local noon of {@code day}: where lighting day {@code day} starts. */
    static Instant noon(LocalDate day, ZoneId zone) {
        return day.atTime(12, 0).atZone(zone).toInstant();
    }

    /** The lamps' reports of nights {@code from..to}: local noon of from to local noon after to. */
    static Input lamps(LocalDate from, LocalDate to, ZoneId zone, LightingSettings settings) {
        return new Input(
                LAMPS,
                LAMP_COLUMNS,
                noon(from, zone),
                noon(to.plusDays(1), zone),
                settings.interval());
    }

    /**
     * The cabinets' meter readings of nights {@code from..to}, and the reading at the next local
     * noon that closes the last night's last interval.
     */
    static Input cabinets(LocalDate from, LocalDate to, ZoneId zone, LightingSettings settings) {
        return new Input(
                CABINETS,
                CABINET_COLUMNS,
                noon(from, zone),
                noon(to.plusDays(1), zone).plus(settings.interval()),
                settings.interval());
    }

    /** Row → lamp report; the rows are already the city's, in range. */
    static final class ToLampReading implements MapFunction<RowData, LampReading> {
        private final int lampPos;
        private final int observedPos;
        private final int statePos;
        private final int statusPos;
        private final int levelPos;
        private final int powerPos;

        ToLampReading(Input input) {
            lampPos = input.position("lamp_id");
            observedPos = input.position(TableRegistry.OBSERVED_AT);
            statePos = input.position("power_state");
            statusPos = input.position("status");
            levelPos = input.position("illuminance_level");
            powerPos = input.position("power_w");
        }

        @Override
        public LampReading map(RowData row) {
            return new LampReading(
                    row.getString(lampPos).toString(),
                    row.getTimestamp(observedPos, 6).getMillisecond(),
                    row.isNullAt(statePos) ? null : row.getString(statePos).toString(),
                    row.isNullAt(statusPos) ? null : row.getString(statusPos).toString(),
                    row.isNullAt(levelPos) ? null : row.getDouble(levelPos),
                    row.isNullAt(powerPos) ? null : row.getDouble(powerPos));
        }
    }

    /** Row → meter reading; a reading without energy carries nothing for the job. */
    static final class ToCabinetReading implements FlatMapFunction<RowData, CabinetReading> {
        private final int cabinetPos;
        private final int observedPos;
        private final int energyPos;

        ToCabinetReading(Input input) {
            cabinetPos = input.position("cabinet_id");
            observedPos = input.position(TableRegistry.OBSERVED_AT);
            energyPos = input.position("energy_kwh");
        }

        @Override
        public void flatMap(RowData row, Collector<CabinetReading> out) {
            if (!row.isNullAt(energyPos)) {
                out.collect(
                        new CabinetReading(
                                row.getString(cabinetPos).toString(),
                                row.getTimestamp(observedPos, 6).getMillisecond(),
                                row.getDouble(energyPos)));
            }
        }
    }
}
