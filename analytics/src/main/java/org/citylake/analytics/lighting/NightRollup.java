package org.citylake.analytics.lighting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.citylake.model.LightingFault;

/**
 * One night of a city: its lamp nights and cabinet nights → the energy rows of every scope
 * (segment, road class, cabinet, district, city) and the {@code MISSING_REPORTS} faults. Pure: no
 * Flink.
 *
 * <p>A night on which no lamp reported and no cabinet read its meter has no data: it gives no row
 * and no fault (the city was not observed, which is not a fault of its lamps).
 *
 * <p>Lit length: each lamp carries {@code length / lamps} of the segment it lights, so a scope's
 * lit km is its segments' length, shared by lamp count where a segment hangs on two cabinets.
 *
 * <p>{@code MISSING_REPORTS}: a lamp that sent fewer than {@link LightingSettings#reportShare} of
 * the lighting day's report slots. Severity high when it sent none, else medium.
 */
public final class NightRollup {

    public static final String SEGMENT = "segment";
    public static final String ROAD_CLASS = "road_class";
    public static final String CABINET = "cabinet";
    public static final String DISTRICT = "district";
    public static final String CITY = "city";

    private NightRollup() {}

    public record Result(List<EnergyRow> energy, List<FaultRow> faults) {}

    /** How a lamp counts in the roll-ups: its share of its segment's length and area. */
    public record LampShare(double km, double areaM2, boolean widthKnown)
            implements java.io.Serializable {}

    /** Every lamp's share of the lit length and area of its segment. */
    public static Map<String, LampShare> shares(LightingNetwork network) {
        Map<String, LampShare> shares = new LinkedHashMap<>();
        network.lampsBySegment()
                .forEach(
                        (segmentId, lamps) -> {
                            LightingNetwork.Segment s = network.segments().get(segmentId);
                            double km = s.lengthM() / 1000 / lamps.size();
                            boolean width = s.widthM() != null && s.widthM() > 0;
                            double area = width ? s.lengthM() * s.widthM() / lamps.size() : 0;
                            lamps.forEach(l -> shares.put(l.id(), new LampShare(km, area, width)));
                        });
        return shares;
    }

    public static Result of(
            int night,
            List<LampNight> lampNights,
            List<CabinetNight> cabinetNights,
            LightingNetwork network,
            Map<String, LampShare> shares,
            String city,
            LightingSettings settings) {
        boolean data =
                lampNights.stream().anyMatch(n -> n.reports > 0)
                        || cabinetNights.stream().anyMatch(c -> c.readings > 0);
        if (!data) {
            return new Result(List.of(), List.of());
        }
        Map<String, EnergyRow> rows = new LinkedHashMap<>();
        List<FaultRow> faults = new ArrayList<>();
        List<LampNight> sorted = new ArrayList<>(lampNights);
        sorted.sort(java.util.Comparator.comparing(n -> n.lampId));
        for (LampNight n : sorted) {
            LightingNetwork.Lamp lamp = network.lamps().get(n.lampId);
            if (lamp == null) {
                continue;
            }
            LampShare share = shares.getOrDefault(n.lampId, new LampShare(0, 0, false));
            LightingNetwork.Segment segment = network.segmentOf(lamp);
            List<EnergyRow> scopes = new ArrayList<>();
            if (segment != null) {
                EnergyRow r = row(rows, night, SEGMENT, segment.id());
                r.scopeName = segment.name();
                scopes.add(r);
            }
            scopes.add(row(rows, night, ROAD_CLASS, network.roadClassOf(lamp)));
            if (lamp.cabinetId() != null) {
                scopes.add(row(rows, night, CABINET, lamp.cabinetId()));
            }
            scopes.add(row(rows, night, DISTRICT, network.districtOf(lamp)));
            scopes.add(row(rows, night, CITY, city));
            for (EnergyRow r : scopes) {
                r.lamps++;
                r.reportingLamps += n.reports > 0 ? 1 : 0;
                r.reports += n.reports;
                r.reportsExpected += n.reportsExpected;
                r.kwh += n.kwh;
                r.kwhEstimated += n.kwhEstimated;
                r.litKm += share.km();
                r.burningHours += n.burningHours;
                r.nightHoursSum += n.nightHours();
                r.baselineKwh += n.baselineKwh;
                if (share.widthKnown()) {
                    r.areaM2 += share.areaM2();
                    r.kwhOnArea += n.kwh + n.kwhEstimated;
                }
            }
            if (n.reports < settings.reportShare() * n.reportsExpected) {
                faults.add(missing(n, settings));
            }
        }
        Double cityMetered = null;
        for (CabinetNight c : cabinetNights) {
            EnergyRow r = rows.get(key(CABINET, c.cabinetId));
            if (c.meteredKwh != null) {
                if (r != null) {
                    r.meteredKwh = c.meteredKwh;
                }
                cityMetered = (cityMetered == null ? 0 : cityMetered) + c.meteredKwh;
            }
        }
        EnergyRow cityRow = rows.get(key(CITY, city));
        if (cityRow != null) {
            cityRow.meteredKwh = cityMetered;
        }
        return new Result(new ArrayList<>(rows.values()), faults);
    }

    static FaultRow missing(LampNight n, LightingSettings settings) {
        FaultRow f = FaultRow.lamp(LightingFault.MISSING_REPORTS, n.night, n.lampId, n.cabinetId);
        f.firstSeenMs = n.firstReportMs;
        f.lastSeenMs = n.lastReportMs;
        f.readingsFlagged = n.reportsExpected - n.reports;
        f.reportsSeen = n.reports;
        f.reportsExpected = n.reportsExpected;
        f.energySeenKwh = n.kwh;
        f.energyExpectedKwh = n.kwh + n.kwhEstimated;
        f.severity = n.reports == 0 ? "high" : "medium";
        f.detail =
                String.format(
                        Locale.ROOT,
                        "%d of %d reports (%.0f %%, fewer than %.0f %%); the %d missing slots are"
                                + " estimated at %.3f kWh from the lamp's schedule",
                        n.reports,
                        n.reportsExpected,
                        100.0 * n.reports / n.reportsExpected,
                        100 * settings.reportShare(),
                        n.reportsExpected - n.reports,
                        n.kwhEstimated);
        return f;
    }

    private static EnergyRow row(Map<String, EnergyRow> rows, int night, String level, String id) {
        return rows.computeIfAbsent(
                key(level, id),
                k -> {
                    EnergyRow r = new EnergyRow();
                    r.night = night;
                    r.scopeLevel = level;
                    r.scopeId = id;
                    return r;
                });
    }

    private static String key(String level, String id) {
        return level + "\u0000" + id;
    }
}
