package org.citylake.analytics.lighting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annual energy indicator of a run's period (EN 13201-5 names the annual energy consumption
 * indicator D_E, kWh per m² per year; without lux data it is given per m² of lit road, and per km):
 * per city and per road class, the energy of the nights with reports, divided by those nights,
 * times 365, per km of lit road and per m² of the lit segments whose width is known. Pure: no
 * Flink.
 */
public final class Indicator {

    private Indicator() {}

    /** From the city and road-class energy rows of every night of the period. */
    public static List<IndicatorRow> of(List<EnergyRow> energy) {
        Map<String, IndicatorRow> rows = new TreeMap<>();
        for (EnergyRow e : energy) {
            if (!e.scopeLevel.equals(NightRollup.CITY)
                    && !e.scopeLevel.equals(NightRollup.ROAD_CLASS)) {
                continue;
            }
            IndicatorRow r =
                    rows.computeIfAbsent(
                            e.scopeLevel + "\u0000" + e.scopeId,
                            k -> {
                                IndicatorRow n = new IndicatorRow();
                                n.scopeLevel = e.scopeLevel;
                                n.scopeId = e.scopeId;
                                return n;
                            });
            r.lamps = Math.max(r.lamps, e.lamps);
            r.litKm = Math.max(r.litKm, e.litKm);
            r.areaM2 = Math.max(r.areaM2, e.areaM2);
            if (e.reportingLamps > 0) {
                r.nightsWithData++;
                r.kwh += e.kwh + e.kwhEstimated;
                r.kwhOnArea += e.kwhOnArea;
            }
        }
        return new ArrayList<>(rows.values());
    }
}
