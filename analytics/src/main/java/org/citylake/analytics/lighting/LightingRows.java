package org.citylake.analytics.lighting;

import static org.citylake.analytics.job.RowValues.str;

import java.time.LocalDate;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;

/** The lighting job's results as rows of the gold tables, in their column order. */
final class LightingRows {

    private LightingRows() {}

    private static TimestampData ts(Long ms) {
        return ms == null ? null : TimestampData.fromEpochMillis(ms);
    }

    /** {@link EnergyRow} → {@code gold.lighting_energy}. */
    static final class Energy implements MapFunction<EnergyRow, RowData> {
        private final String city;

        Energy(String city) {
            this.city = city;
        }

        @Override
        public RowData map(EnergyRow e) {
            return GenericRowData.of(
                    str(city),
                    e.night,
                    str(e.scopeLevel),
                    str(e.scopeId),
                    str(e.scopeName),
                    e.lamps,
                    e.reportingLamps,
                    e.reports,
                    e.reportsExpected,
                    e.kwh,
                    e.kwhEstimated,
                    e.meteredKwh,
                    e.litKm,
                    e.kwhPerKm(),
                    e.burningHours,
                    e.nightHours(),
                    e.baselineKwh,
                    e.savingPct());
        }
    }

    /** {@link IndicatorRow} → {@code gold.lighting_indicator}. */
    static final class Indicator implements MapFunction<IndicatorRow, RowData> {
        private final String city;
        private final int from;
        private final int to;

        Indicator(String city, LocalDate from, LocalDate to) {
            this.city = city;
            this.from = (int) from.toEpochDay();
            this.to = (int) to.toEpochDay();
        }

        @Override
        public RowData map(IndicatorRow r) {
            return GenericRowData.of(
                    str(city),
                    from,
                    to,
                    str(r.scopeLevel),
                    str(r.scopeId),
                    r.nightsWithData,
                    r.kwh,
                    r.litKm,
                    r.kwhPerKmYear(),
                    r.areaM2,
                    r.kwhOnArea,
                    r.kwhPerM2Year(),
                    r.lamps);
        }
    }

    /** {@link FaultRow} → {@code gold.lighting_faults}. */
    static final class Faults implements MapFunction<FaultRow, RowData> {
        private final String city;

        Faults(String city) {
            this.city = city;
        }

        @Override
        public RowData map(FaultRow f) {
            return GenericRowData.of(
                    str(city),
                    f.night,
                    str(f.faultType),
                    str(f.entityKind),
                    str(f.entityId),
                    str(f.lampId),
                    str(f.cabinetId),
                    ts(f.firstSeenMs),
                    ts(f.lastSeenMs),
                    f.readingsFlagged,
                    f.powerSeenW,
                    f.powerExpectedW,
                    f.energySeenKwh,
                    f.energyExpectedKwh,
                    f.reportsSeen,
                    f.reportsExpected,
                    str(f.severity),
                    str(f.detail));
        }
    }
}
