package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.LightingFault;
import org.junit.jupiter.api.Test;

/**
 * The detector against a ground truth on 30 simulated nights over the spring DST change, written
 * here from the telemetry generator's stated behaviour (not the product's generator): 60 lamps on 3
 * cabinets, photocells switching up to 10 minutes off sunset and sunrise (per cabinet), residential
 * lamps dimmed to 50 % from 00:00 to 05:00, and the cabinet meters counting the energy the lamps
 * draw <i>continuously</i> (a lamp switching on at 17:37 draws from 17:37, whatever its reports
 * say). Faults are injected for whole lighting days, at most one per entity and night; the detector
 * must find each type with precision and recall of at least 0.95.
 */
class DetectionOnSimulatedMonthTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Monaco");
    static final LocalDate FIRST = LocalDate.of(2025, 3, 15);
    static final int NIGHTS = 30;
    static final long SLOT_MS = Duration.ofMinutes(15).toMillis();

    record Truth(String entity, int night, LightingFault type) {}

    /** A simulated lamp. */
    record SimLamp(LightingNetwork.Lamp lamp, boolean dims) {}

    final Random random = new Random(20250315);
    final List<SimLamp> lamps = new ArrayList<>();
    final Map<String, Integer> photocellSeconds = new LinkedHashMap<>();
    final Map<String, LightingFault> injected = new LinkedHashMap<>(); // entity|night → type
    final Map<String, Double> faultFactor = new LinkedHashMap<>();
    final Map<String, Long> resetAt = new LinkedHashMap<>();
    final Map<String, SolarDay> suns = new java.util.HashMap<>();

    static String key(String entity, LocalDate night) {
        return entity + "|" + night;
    }

    double level(SimLamp l, long t) {
        LocalTime local = Instant.ofEpochMilli(t).atZone(ZONE).toLocalTime();
        return l.dims() && local.isBefore(LocalTime.of(5, 0)) ? 0.5 : 1.0;
    }

    /** The lamp's power at instant t (continuous), W, and its fault. */
    double power(SimLamp l, long t) {
        LocalDate night = SolarDay.lightingDate(Instant.ofEpochMilli(t), ZONE);
        LightingFault fault = injected.get(key(l.lamp().id(), night));
        if (fault == LightingFault.DARK_AT_NIGHT) {
            return 0;
        }
        double rated = l.lamp().ratedW() * level(l, t);
        if (fault == LightingFault.DAY_BURNER) {
            return rated;
        }
        SolarDay sun =
                suns.computeIfAbsent(
                        key(l.lamp().id(), night),
                        k -> SolarDay.of(night, l.lamp().lat(), l.lamp().lon(), ZONE));
        long off = photocellSeconds.get(l.lamp().cabinetId()) * 1000L;
        boolean on =
                t >= sun.sunset().toEpochMilli() + off && t < sun.sunrise().toEpochMilli() + off;
        double p = on ? rated : 0;
        return fault == LightingFault.OVER_POWER
                ? p * faultFactor.get(key(l.lamp().id(), night))
                : p;
    }

    @Test
    void eachFaultTypeIsFoundWithPrecisionAndRecallOfAtLeast95Percent() {
        List<LocalDate> nights = new ArrayList<>();
        for (int i = 0; i < NIGHTS; i++) {
            nights.add(FIRST.plusDays(i));
        }
        Map<String, LightingNetwork.Lamp> inventory = new TreeMap<>();
        for (int c = 0; c < 3; c++) {
            photocellSeconds.put("cab-" + c, random.nextInt(1201) - 600);
            for (int i = 0; i < 20; i++) {
                boolean residential = c != 2;
                LightingNetwork.Lamp lamp =
                        new LightingNetwork.Lamp(
                                String.format(Locale.ROOT, "lamp-%d-%02d", c, i),
                                "seg-" + c,
                                "cab-" + c,
                                residential ? 70 : 180,
                                7.40 + 0.01 * c + 0.0005 * i,
                                43.73 + 0.0003 * i,
                                residential ? "LED" : "HPS");
                lamps.add(new SimLamp(lamp, residential));
                inventory.put(lamp.id(), lamp);
            }
        }
        Set<Truth> truth = new HashSet<>();
        LightingFault[] lampFaults = {
            LightingFault.DAY_BURNER,
            LightingFault.DARK_AT_NIGHT,
            LightingFault.OVER_POWER,
            LightingFault.MISSING_REPORTS
        };
        for (LocalDate night : nights) {
            for (SimLamp l : lamps) {
                if (random.nextDouble() < 0.04) {
                    LightingFault f = lampFaults[random.nextInt(lampFaults.length)];
                    injected.put(key(l.lamp().id(), night), f);
                    faultFactor.put(key(l.lamp().id(), night), 1.5 + 0.5 * random.nextDouble());
                    truth.add(new Truth(l.lamp().id(), (int) night.toEpochDay(), f));
                }
            }
            for (String cabinet : photocellSeconds.keySet()) {
                double u = random.nextDouble();
                if (u < 0.3) {
                    LightingFault f =
                            u < 0.15 ? LightingFault.METER_RESET : LightingFault.METER_MISMATCH;
                    injected.put(key(cabinet, night), f);
                    faultFactor.put(key(cabinet, night), 1.10 + 0.15 * random.nextDouble());
                    long noon = night.atTime(12, 0).atZone(ZONE).toInstant().toEpochMilli();
                    resetAt.put(
                            key(cabinet, night), noon + (long) (random.nextDouble() * 86_000_000L));
                    truth.add(new Truth(cabinet, (int) night.toEpochDay(), f));
                }
            }
        }
        long start = FIRST.atTime(12, 0).atZone(ZONE).toInstant().toEpochMilli();
        long end = FIRST.plusDays(NIGHTS).atTime(12, 0).atZone(ZONE).toInstant().toEpochMilli();

        // lamp reports every 15 minutes (the sampled power), some dropped for MISSING_REPORTS
        Map<String, List<LampReading>> reports = new TreeMap<>();
        for (SimLamp l : lamps) {
            List<LampReading> list = new ArrayList<>();
            for (long t = start; t < end; t += SLOT_MS) {
                LocalDate night = SolarDay.lightingDate(Instant.ofEpochMilli(t), ZONE);
                if (injected.get(key(l.lamp().id(), night)) == LightingFault.MISSING_REPORTS
                        && random.nextDouble() > 0.2) {
                    continue;
                }
                double p = power(l, t);
                boolean dark =
                        injected.get(key(l.lamp().id(), night)) == LightingFault.DARK_AT_NIGHT;
                list.add(
                        new LampReading(
                                l.lamp().id(),
                                t,
                                p == 0 ? "off" : "on",
                                dark ? "defectiveLamp" : "ok",
                                p == 0 ? 0.0 : level(l, t),
                                p));
            }
            reports.put(l.lamp().id(), list);
        }
        // cabinet meters: the energy drawn continuously (integrated by the minute)
        Map<String, List<CabinetReading>> meters = new TreeMap<>();
        for (String cabinet : photocellSeconds.keySet()) {
            List<CabinetReading> list = new ArrayList<>();
            double kwh = 1000;
            for (long t = start; t <= end; t += SLOT_MS) {
                list.add(new CabinetReading(cabinet, t, kwh));
                LocalDate night = SolarDay.lightingDate(Instant.ofEpochMilli(t), ZONE);
                LightingFault f = injected.get(key(cabinet, night));
                double factor =
                        f == LightingFault.METER_MISMATCH
                                ? faultFactor.get(key(cabinet, night))
                                : 1;
                Long reset =
                        f == LightingFault.METER_RESET ? resetAt.get(key(cabinet, night)) : null;
                for (long m = t; m < t + SLOT_MS; m += 60_000) {
                    if (reset != null && reset >= m && reset < m + 60_000) {
                        kwh = 0;
                    }
                    double w = 0;
                    for (SimLamp l : lamps) {
                        if (l.lamp().cabinetId().equals(cabinet)) {
                            w += power(l, m);
                        }
                    }
                    kwh += w * factor / 60 / 1000; // W for a minute → kWh
                }
            }
            meters.put(cabinet, list);
        }

        // the detector's core, as the job runs it
        LightingSettings settings = LightingSettings.defaults();
        List<FaultRow> found = new ArrayList<>();
        Map<String, List<LampNight>> byCabinet = new TreeMap<>();
        Map<Integer, List<LampNight>> byNight = new TreeMap<>();
        for (SimLamp l : lamps) {
            LampNights.Result r =
                    LampNights.of(l.lamp(), reports.get(l.lamp().id()), nights, ZONE, settings);
            found.addAll(r.faults());
            for (LampNight n : r.nights()) {
                byCabinet.computeIfAbsent(n.cabinetId, k -> new ArrayList<>()).add(n);
                byNight.computeIfAbsent(n.night, k -> new ArrayList<>()).add(n.withoutSlots());
            }
        }
        Map<String, Double> rated = new TreeMap<>();
        lamps.forEach(l -> rated.merge(l.lamp().cabinetId(), l.lamp().ratedW(), Double::sum));
        Map<Integer, List<CabinetNight>> cabinetNights = new TreeMap<>();
        double meterSum = 0;
        double lampSum = 0;
        for (String cabinet : meters.keySet()) {
            CabinetNights.Result r =
                    CabinetNights.of(
                            cabinet,
                            meters.get(cabinet),
                            byCabinet.get(cabinet),
                            rated.get(cabinet),
                            new HashSet<>(nights),
                            ZONE,
                            settings);
            found.addAll(r.faults());
            for (CabinetNight c : r.nights()) {
                cabinetNights.computeIfAbsent(c.night, k -> new ArrayList<>()).add(c);
                LocalDate night = LocalDate.ofEpochDay(c.night);
                String lampPrefix = "lamp-" + cabinet.substring("cab-".length()) + "-";
                boolean clean =
                        injected.keySet().stream()
                                .noneMatch(
                                        k ->
                                                k.endsWith("|" + night)
                                                        && (k.startsWith(cabinet + "|")
                                                                || k.startsWith(lampPrefix)));
                if (clean) {
                    meterSum += c.meteredKwh;
                    lampSum += c.lampsKwh;
                }
            }
        }
        LightingNetwork network =
                new LightingNetwork(
                        inventory,
                        Map.of(
                                "seg-0",
                                        new LightingNetwork.Segment(
                                                "seg-0", "A", "residential", 600.0, 7.0, "d"),
                                "seg-1",
                                        new LightingNetwork.Segment(
                                                "seg-1", "B", "residential", 600.0, null, "d"),
                                "seg-2",
                                        new LightingNetwork.Segment(
                                                "seg-2", "C", "primary", 800.0, 12.0, "d")),
                        Map.of());
        for (Map.Entry<Integer, List<LampNight>> e : byNight.entrySet()) {
            found.addAll(
                    NightRollup.of(
                                    e.getKey(),
                                    e.getValue(),
                                    cabinetNights.getOrDefault(e.getKey(), List.of()),
                                    network,
                                    NightRollup.shares(network),
                                    "sim",
                                    settings)
                            .faults());
        }

        Set<Truth> reported = new HashSet<>();
        for (FaultRow f : found) {
            assertThat(reported.add(new Truth(f.entityId, f.night, f.type())))
                    .as("one row per entity, night and type: %s", f)
                    .isTrue();
        }
        StringBuilder summary = new StringBuilder();
        for (LightingFault type : LightingFault.values()) {
            long tp = reported.stream().filter(t -> t.type() == type && truth.contains(t)).count();
            long fp = reported.stream().filter(t -> t.type() == type && !truth.contains(t)).count();
            long fn = truth.stream().filter(t -> t.type() == type && !reported.contains(t)).count();
            summary.append(String.format(Locale.ROOT, "%s tp=%d fp=%d fn=%d; ", type, tp, fp, fn));
            assertThat(tp).as(type + " injected").isPositive();
            assertThat((double) tp / (tp + fp))
                    .as("precision of %s: %s", type, summary)
                    .isGreaterThanOrEqualTo(0.95);
            assertThat((double) tp / (tp + fn))
                    .as("recall of %s: %s", type, summary)
                    .isGreaterThanOrEqualTo(0.95);
        }
        // on fault-free nights the meters and Σ lamp power × time agree within 1 %
        assertThat(Math.abs(meterSum - lampSum) / lampSum).as(summary.toString()).isLessThan(0.01);
    }
}
