package org.citylake.analytics.waste;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A day's collections per district: each pickup counts for the district its bin stands in ({@link
 * WasteAssets#areaOf}: the ref.districts polygon covering the bin, else {@value
 * WasteAssets#OUTSIDE}). Fill, low-fill and overflow follow the routes' rules ({@link Routes}):
 * over the pickups that report the level before emptying; weight as the collections report it (or
 * estimated by --kg-per-litre when they do not). Pure: no Flink, no I/O.
 */
final class DistrictDays {

    private DistrictDays() {}

    /** One row per district with a pickup on {@code day}, in district id order. */
    static List<DistrictDayRow> of(
            int day, List<BinEvent> pickups, WasteAssets assets, WasteSettings settings) {
        Map<String, DistrictDayRow> rows = new TreeMap<>();
        Map<String, Set<String>> bins = new TreeMap<>();
        Map<String, double[]> fills = new TreeMap<>(); // sum, count, below low-fill
        for (BinEvent e : pickups) {
            WasteAssets.Area area = assets.areaOf(e.containerId);
            DistrictDayRow row =
                    rows.computeIfAbsent(
                            area.id(),
                            id -> {
                                DistrictDayRow r = new DistrictDayRow();
                                r.day = day;
                                r.districtId = id;
                                r.districtName = area.name();
                                return r;
                            });
            row.binsEmptied++;
            bins.computeIfAbsent(area.id(), id -> new HashSet<>()).add(e.containerId);
            row.kg += e.weightKg == null ? 0 : e.weightKg;
            if (e.level != null) {
                double[] f = fills.computeIfAbsent(area.id(), id -> new double[3]);
                f[0] += e.level;
                f[1]++;
                if (e.level < settings.lowFill()) {
                    f[2]++;
                }
                if (e.level >= settings.overflowLevel()) {
                    row.overflows++;
                }
            }
        }
        List<DistrictDayRow> out = new ArrayList<>();
        for (DistrictDayRow row : rows.values()) {
            row.bins = bins.get(row.districtId).size();
            double[] f = fills.get(row.districtId);
            row.meanFill = f == null ? null : f[0] / f[1];
            row.lowFillShare = f == null ? null : f[2] / f[1];
            out.add(row);
        }
        return out;
    }
}
