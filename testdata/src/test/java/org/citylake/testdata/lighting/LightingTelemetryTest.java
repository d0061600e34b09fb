package org.citylake.testdata.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.City;
import org.citylake.model.LightingFault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry generator against hand computations (a polar night, where the sun gives a known
 * window), against what its own records show (every injected fault, and no other anomaly), and its
 * meters against the lamps' reported power.
 */
class LightingTelemetryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId MONACO_ZONE = ZoneId.of("Europe/Monaco");

    /** Longyearbyen, 78.22° N: the sun stays below the horizon from November to January. */
    static final City POLAR =
            City.of("polar", "Polar", "NO", "Arctic/Longyearbyen", 15.65, 78.22, null, null);

    @TempDir static Path work;
    static City monaco;
    static LampInventory monacoLamps;

    @BeforeAll
    static void inventory() throws Exception {
        monaco =
                InventoryBuilderTest.registered(
                        InventoryBuilderTest.MONACO_DIR.resolve("cities.jsonl"));
        monacoLamps =
                InventoryBuilder.build(
                        monaco,
                        OsmStreetReader.read(
                                        InventoryBuilderTest.MONACO_DIR.resolve("monaco.osm.gz"),
                                        monaco.crs())
                                .streets(),
                        new InventorySettings(3, 0.6),
                        List.of());
    }

    /** 33 lamps on one cabinet, on a segment of {@code roadClass}, at Longyearbyen. */
    static LampInventory polarKm(String roadClass) {
        List<Lamp> lamps = new ArrayList<>();
        String cabinet = InventoryBuilder.cabinetId("polar", 1);
        for (int n = 1; n <= 33; n++) {
            lamps.add(
                    new Lamp(
                            InventoryBuilder.lampId("polar", 1, n),
                            "osm-way-1",
                            cabinet,
                            "cab-0001/" + (1 + (n - 1) / 30),
                            Technology.LED,
                            70,
                            15.65 + n * 0.0005,
                            78.22,
                            roadClass));
        }
        LitSegment km =
                new LitSegment(
                        "osm-way-1", "one km", roadClass, "assumed", null, null, 1000, "", null);
        return new LampInventory(
                "polar",
                List.of(km),
                lamps,
                List.of(new Cabinet(cabinet, "cabinet 0001", 15.66, 78.22, null, 2, 33)));
    }

    static TelemetrySettings polarWindow(int fromHour, int toHour) {
        LocalDate day = LocalDate.of(2024, 12, 20);
        ZoneId zone = POLAR.zone();
        return new TelemetrySettings(
                day.atTime(fromHour, 0).atZone(zone).toInstant(),
                (toHour == 24 ? day.plusDays(1).atStartOfDay() : day.atTime(toHour, 0))
                        .atZone(zone)
                        .toInstant(),
                Duration.ofMinutes(15),
                1,
                0,
                0,
                true,
                Duration.ZERO);
    }

    @Test
    void aKilometreOf33LedLampsBurning12HoursDraws27point72Kwh(@TempDir Path dir) throws Exception {
        // Polar night on 20 December: no sunset, no sunrise, the lamps burn all day. From 12:00 to
        // 24:00 on a primary road (not dimmed): 33 × 70 W × 12 h = 27,720 Wh.
        var result =
                LightingTelemetry.write(
                        POLAR,
                        polarKm("primary"),
                        polarWindow(12, 24),
                        dir,
                        LightingTelemetry.Progress.NONE);
        assertThat(result.lampsKwh()).isCloseTo(27.72, within(1e-9));
        assertThat(result.meterKwh()).isCloseTo(27.72, within(1e-9));
        List<JsonNode> lines = lines(result.feed());
        assertThat(result.lampReports()).isEqualTo(33 * 48);
        assertThat(result.cabinetReports()).isEqualTo(48);
        double reportedWh = 0;
        for (JsonNode line : lines) {
            if (line.get("type").asText().equals("Streetlight")) {
                reportedWh += line.get("powerConsumption").asDouble() * 0.25;
                assertThat(line.get("powerState").asText()).isEqualTo("on");
            }
        }
        assertThat(reportedWh / 1000).isCloseTo(27.72, within(1e-9));
        // The meter: first reading + 27.72 kWh would be the reading at 24:00; the last reading (at
        // 23:45) is 15 minutes short of it: 27.72 − 33 × 70 W × 0.25 h = 27.1425 kWh on.
        List<Double> meter =
                lines.stream()
                        .filter(l -> l.get("type").asText().equals("StreetlightControlCabinet"))
                        .map(l -> l.get("energyConsumed").asDouble())
                        .toList();
        assertThat(meter.get(meter.size() - 1) - meter.get(0)).isCloseTo(27.1425, within(0.002));
    }

    @Test
    void dimmingTo50PercentFor5HoursSaves5point775Kwh(@TempDir Path dir) throws Exception {
        // 00:00 to 12:00 on a residential road, dimmed to 50 % from 00:00 to 05:00:
        // 33 × (5 h × 35 W + 7 h × 70 W) = 21,945 Wh = 27.72 − 5.775 kWh.
        var result =
                LightingTelemetry.write(
                        POLAR,
                        polarKm("residential"),
                        polarWindow(0, 12),
                        dir,
                        LightingTelemetry.Progress.NONE);
        assertThat(result.lampsKwh()).isCloseTo(27.72 - 5.775, within(1e-9));
        Map<String, Set<String>> statesAt = new HashMap<>();
        for (JsonNode line : lines(result.feed())) {
            if (line.has("powerState")) {
                String hour = line.get("dateObserved").asText().substring(11, 13);
                statesAt.computeIfAbsent(hour, h -> new java.util.TreeSet<>())
                        .add(
                                line.get("powerState").asText()
                                        + " "
                                        + line.get("powerConsumption").asDouble());
            }
        }
        assertThat(statesAt.get("04")).containsExactly("low 35.0");
        assertThat(statesAt.get("05")).containsExactly("on 70.0");
    }

    @Test
    void theNightComesFromTheSunAtTheCabinet(@TempDir Path dir) throws Exception {
        // Monaco, night of 3 June 2024, no faults: each lamp's lifetime energy over the lighting
        // day, divided by its power, is its burning time; undimmed lamps burn from sunset to
        // sunrise (SolarDay at the cabinet), give or take the photocell's 10 minutes each side.
        var settings = TelemetrySettings.nights(LocalDate.of(2024, 6, 3), 1, MONACO_ZONE, 5, 0, 0);
        var result =
                LightingTelemetry.write(
                        monaco, monacoLamps, settings, dir, LightingTelemetry.Progress.NONE);
        Map<String, Cabinet> cabinets = new HashMap<>();
        monacoLamps.cabinets().forEach(c -> cabinets.put(c.id(), c));
        Map<String, Lamp> lamps = new HashMap<>();
        monacoLamps.lamps().forEach(l -> lamps.put(l.id(), l));
        Map<String, Double> first = new HashMap<>();
        Map<String, Double> last = new HashMap<>();
        Map<String, Integer> onReports = new HashMap<>();
        for (JsonNode line : lines(result.feed())) {
            if (line.has("lifetimePowerConsumption")) {
                String id = line.get("id").asText();
                first.putIfAbsent(id, line.get("lifetimePowerConsumption").asDouble());
                last.put(id, line.get("lifetimePowerConsumption").asDouble());
                if (line.get("powerConsumption").asDouble() > 0) {
                    onReports.merge(id, 1, Integer::sum);
                }
            }
        }
        int checked = 0;
        for (Lamp lamp : monacoLamps.lamps()) {
            if (RoadClassLighting.of(lamp.roadClass()).dimmed()) {
                continue;
            }
            Cabinet c = cabinets.get(lamp.cabinetId());
            SolarDay sun = SolarDay.of(LocalDate.of(2024, 6, 3), c.lat(), c.lon(), MONACO_ZONE);
            // up to the last report (11:45): the morning is off anyway
            double hours = (last.get(lamp.id()) - first.get(lamp.id())) * 1000 / lamp.ratedPowerW();
            assertThat(hours).as(lamp.id()).isCloseTo(sun.nightHours(), within(20.5 / 60));
            assertThat(onReports.get(lamp.id()) * 0.25).isCloseTo(sun.nightHours(), within(0.6));
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
        // Monaco, 3 June: sunset 21:13, sunrise 05:51 CEST (timeanddate.com): about 8.6 hours.
        assertThat(SolarDay.of(LocalDate.of(2024, 6, 3), 43.7384, 7.4246, MONACO_ZONE).nightHours())
                .isCloseTo(8.63, within(0.1));
    }

    @Test
    void metersAgreeWithTheReportedPowerOnFaultFreeNights(@TempDir Path dir) throws Exception {
        var settings = TelemetrySettings.nights(LocalDate.of(2024, 11, 4), 2, MONACO_ZONE, 9, 0, 0);
        var result =
                LightingTelemetry.write(
                        monaco, monacoLamps, settings, dir, LightingTelemetry.Progress.NONE);
        assertThat(result.faults()).isEmpty();
        assertThat(lines(result.faultsFile())).isEmpty();
        Map<String, Double> reportedWh = new HashMap<>();
        Map<String, double[]> meter = new HashMap<>();
        Map<String, double[]> lifetime = new HashMap<>();
        Map<String, String> cabinetOf = new HashMap<>();
        for (JsonNode line : lines(result.feed())) {
            String night = night(line);
            String id = line.get("id").asText();
            if (line.has("powerConsumption")) {
                reportedWh.merge(
                        night, line.get("powerConsumption").asDouble() * 0.25, Double::sum);
                lifetime.computeIfAbsent(
                                        id + " " + night,
                                        k ->
                                                new double[] {
                                                    line.get("lifetimePowerConsumption").asDouble(),
                                                    0
                                                })[1] =
                        line.get("lifetimePowerConsumption").asDouble();
                cabinetOf.put(id, line.get("refStreetlightControlCabinet").asText());
            } else {
                meter.computeIfAbsent(
                                        id + " " + night,
                                        k ->
                                                new double[] {
                                                    line.get("energyConsumed").asDouble(), 0
                                                })[1] =
                        line.get("energyConsumed").asDouble();
            }
        }
        JsonNode expected = JSON.readTree(result.expectedFile().toFile());
        for (JsonNode night : expected.get("nights")) {
            String date = night.get("night").asText();
            double meterKwh = night.get("meter_kwh").asDouble();
            // Σ reported power × 15 min against the meters: within 1 % on the city's night.
            assertThat(reportedWh.get(date) / 1000)
                    .as(date)
                    .isCloseTo(meterKwh, within(0.01 * meterKwh));
            // Meter readings against the lamps' lifetime readings, per cabinet: the same energy,
            // but for the readings' rounding to the watt-hour (up to 1 Wh per lamp and meter).
            Map<String, Integer> lampsOf = new HashMap<>();
            monacoLamps.cabinets().forEach(c -> lampsOf.put(c.id(), c.lamps()));
            Map<String, Double> lampDelta = new HashMap<>();
            lifetime.forEach(
                    (key, v) -> {
                        if (key.endsWith(date)) {
                            lampDelta.merge(
                                    cabinetOf.get(key.substring(0, key.indexOf(' '))),
                                    v[1] - v[0],
                                    Double::sum);
                        }
                    });
            for (JsonNode c : night.get("cabinets")) {
                double[] m = meter.get(c.get("id").asText() + " " + date);
                assertThat(m[1] - m[0])
                        .as("%s %s", c.get("id").asText(), date)
                        .isCloseTo(
                                lampDelta.get(c.get("id").asText()),
                                within(0.001 * (lampsOf.get(c.get("id").asText()) + 2)));
                assertThat(m[1] - m[0]).isCloseTo(c.get("meter_kwh").asDouble(), within(0.002));
                assertThat(c.get("fault_free").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void everyInjectedFaultShowsInTheRecordsAndNothingElseDoes(@TempDir Path dir) throws Exception {
        var settings =
                TelemetrySettings.nights(LocalDate.of(2024, 6, 10), 3, MONACO_ZONE, 11, 0.01, 0.15);
        var result =
                LightingTelemetry.write(
                        monaco, monacoLamps, settings, dir, LightingTelemetry.Progress.NONE);
        Map<String, LightingFault> truth = new HashMap<>();
        Map<String, JsonNode> details = new HashMap<>();
        Set<LightingFault> types = EnumSet.noneOf(LightingFault.class);
        for (JsonNode f : lines(result.faultsFile())) {
            String key = f.get("id").asText() + " " + f.get("night").asText();
            assertThat(truth.put(key, LightingFault.named(f.get("fault_type").asText())))
                    .as("one fault per entity and night: %s", key)
                    .isNull();
            details.put(key, f.get("details"));
            types.add(LightingFault.named(f.get("fault_type").asText()));
            assertThat(f.get("city").asText()).isEqualTo("monaco");
        }
        assertThat(types).containsExactlyInAnyOrder(LightingFault.values());
        Map<String, Lamp> lamps = new HashMap<>();
        monacoLamps.lamps().forEach(l -> lamps.put(l.id(), l));
        Map<String, Cabinet> cabinets = new HashMap<>();
        monacoLamps.cabinets().forEach(c -> cabinets.put(c.id(), c));
        Map<String, Integer> reports = new HashMap<>();
        Map<String, List<double[]>> meterSeries = new HashMap<>();
        Map<String, Map<Long, Double>> lampPowerAt = new HashMap<>(); // cabinet → instant → Σ W
        Map<String, Map<Long, Integer>> lampsAt = new HashMap<>();
        Map<String, Map<Long, Double>> cabinetKwAt = new HashMap<>();
        int dayBurnerSeen = 0, darkSeen = 0, overSeen = 0;
        for (JsonNode line : lines(result.feed())) {
            String id = line.get("id").asText();
            String night = night(line);
            OffsetDateTime at = OffsetDateTime.parse(line.get("dateObserved").asText());
            long t = at.toEpochSecond();
            LightingFault fault = truth.get(id + " " + night);
            if (line.has("powerConsumption")) {
                reports.merge(id + " " + night, 1, Integer::sum);
                Lamp lamp = lamps.get(id);
                Cabinet c = cabinets.get(lamp.cabinetId());
                SolarDay sun = SolarDay.of(LocalDate.parse(night), c.lat(), c.lon(), MONACO_ZONE);
                double power = line.get("powerConsumption").asDouble();
                double level = line.get("illuminanceLevel").asDouble();
                boolean deepNight =
                        at.toInstant().isAfter(sun.sunset().plusSeconds(1800))
                                && at.toInstant().isBefore(sun.sunrise().minusSeconds(1800));
                boolean broadDay =
                        at.toInstant().isBefore(sun.sunset().minusSeconds(1800))
                                || at.toInstant().isAfter(sun.sunrise().plusSeconds(1800));
                if (broadDay) {
                    assertThat(power > 0)
                            .as("%s at %s", id, at)
                            .isEqualTo(fault == LightingFault.DAY_BURNER);
                    dayBurnerSeen += power > 0 ? 1 : 0;
                }
                if (deepNight) {
                    assertThat(power == 0)
                            .as("%s at %s", id, at)
                            .isEqualTo(fault == LightingFault.DARK_AT_NIGHT);
                    if (power > 0) {
                        double ratio = power / (lamp.ratedPowerW() * level);
                        if (fault == LightingFault.OVER_POWER) {
                            assertThat(ratio)
                                    .isCloseTo(
                                            details.get(id + " " + night).get("factor").asDouble(),
                                            within(0.002));
                            assertThat(ratio).isBetween(1.5, 2.0);
                            overSeen++;
                        } else {
                            assertThat(ratio).as("%s at %s", id, at).isCloseTo(1.0, within(0.002));
                        }
                    } else {
                        darkSeen++;
                    }
                }
                if (fault == LightingFault.DARK_AT_NIGHT) {
                    assertThat(line.get("status").asText()).isEqualTo("defectiveLamp");
                    assertThat(line.get("powerState").asText()).isEqualTo("off");
                } else {
                    assertThat(line.get("status").asText()).isEqualTo("ok");
                }
                lampPowerAt
                        .computeIfAbsent(lamp.cabinetId(), k -> new HashMap<>())
                        .merge(t, power, Double::sum);
                lampsAt.computeIfAbsent(lamp.cabinetId(), k -> new HashMap<>())
                        .merge(t, 1, Integer::sum);
            } else {
                meterSeries
                        .computeIfAbsent(id + " " + night, k -> new ArrayList<>())
                        .add(new double[] {t, line.get("energyConsumed").asDouble()});
                cabinetKwAt
                        .computeIfAbsent(id, k -> new HashMap<>())
                        .put(t, line.get("totalActivePower").asDouble());
            }
        }
        assertThat(dayBurnerSeen).isPositive();
        assertThat(darkSeen).isPositive();
        assertThat(overSeen).isPositive();
        // Missing reports: what the ground truth says was sent, at most a quarter of 96.
        // Every other lamp sent all 96 of the night's reports.
        for (Lamp lamp : monacoLamps.lamps()) {
            for (String night : List.of("2024-06-10", "2024-06-11", "2024-06-12")) {
                String key = lamp.id() + " " + night;
                int sent = reports.getOrDefault(key, 0);
                if (truth.get(key) == LightingFault.MISSING_REPORTS) {
                    assertThat(sent).isEqualTo(details.get(key).get("reports_sent").asInt());
                    assertThat(sent).isLessThanOrEqualTo(24);
                } else {
                    assertThat(sent).as(key).isEqualTo(96);
                }
            }
        }
        // Meters: a reset night has the one drop of the night, at the time in the ground truth;
        // no other night goes backwards.
        meterSeries.forEach(
                (key, series) -> {
                    int drops = 0;
                    for (int k = 1; k < series.size(); k++) {
                        if (series.get(k)[1] < series.get(k - 1)[1]) {
                            drops++;
                            long reset =
                                    OffsetDateTime.parse(details.get(key).get("at").asText())
                                            .toEpochSecond();
                            assertThat(reset)
                                    .isBetween(
                                            (long) series.get(k - 1)[0], (long) series.get(k)[0]);
                            assertThat(series.get(k)[1]).isLessThan(20);
                        }
                    }
                    assertThat(drops)
                            .as(key)
                            .isEqualTo(truth.get(key) == LightingFault.METER_RESET ? 1 : 0);
                });
        // Mismatch: the cabinet's total power is the sum of its lamps' × (1 + extra share),
        // at night instants when all its lamps reported.
        int mismatchSeen = 0;
        for (Cabinet c : monacoLamps.cabinets()) {
            for (Map.Entry<Long, Double> e : cabinetKwAt.get(c.id()).entrySet()) {
                Integer reported = lampsAt.get(c.id()).get(e.getKey());
                double lampsW = lampPowerAt.get(c.id()).get(e.getKey());
                if (reported == null || reported != c.lamps() || lampsW < 100) {
                    continue;
                }
                String night =
                        SolarDay.lightingDate(Instant.ofEpochSecond(e.getKey()), MONACO_ZONE)
                                .toString();
                LightingFault fault = truth.get(c.id() + " " + night);
                double share =
                        fault == LightingFault.METER_MISMATCH
                                ? details.get(c.id() + " " + night).get("extra_share").asDouble()
                                : 0;
                assertThat(e.getValue() * 1000 / lampsW).isCloseTo(1 + share, within(0.002));
                mismatchSeen += share > 0 ? 1 : 0;
            }
        }
        assertThat(mismatchSeen).isPositive();
        // Ground truth counts match the result's.
        Map<LightingFault, Integer> counted = new HashMap<>();
        truth.values().forEach(f -> counted.merge(f, 1, Integer::sum));
        assertThat(counted).isEqualTo(result.faults());
    }

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path dir) throws Exception {
        var settings =
                TelemetrySettings.nights(LocalDate.of(2024, 3, 30), 2, MONACO_ZONE, 4, 0.01, 0.1);
        var a =
                LightingTelemetry.write(
                        monaco,
                        monacoLamps,
                        settings,
                        dir.resolve("a"),
                        LightingTelemetry.Progress.NONE);
        var b =
                LightingTelemetry.write(
                        monaco,
                        monacoLamps,
                        settings,
                        dir.resolve("b"),
                        LightingTelemetry.Progress.NONE);
        assertThat(Files.readAllBytes(b.feed())).isEqualTo(Files.readAllBytes(a.feed()));
        assertThat(Files.readAllBytes(b.faultsFile()))
                .isEqualTo(Files.readAllBytes(a.faultsFile()));
        // 30-31 March 2024 holds the spring DST change: the lighting day of the 30th lasts 23 h.
        assertThat(a.cabinetReports()).isEqualTo((long) monacoLamps.cabinets().size() * (92 + 96));
    }

    @Test
    void theSouthernTownBurnsThroughItsLongJuneNights(@TempDir Path dir) throws Exception {
        Path town = InventoryBuilderTest.PUNTASUR_DIR;
        City puntasur = InventoryBuilderTest.registered(town.resolve("cities.jsonl"));
        LampInventory lamps =
                InventoryBuilder.build(
                        puntasur,
                        OsmStreetReader.read(town.resolve("puntasur.osm"), puntasur.crs())
                                .streets(),
                        new InventorySettings(1, 1.0),
                        List.of());
        var settings =
                TelemetrySettings.nights(LocalDate.of(2024, 6, 21), 1, puntasur.zone(), 1, 0, 0);
        var result =
                LightingTelemetry.write(
                        puntasur, lamps, settings, dir, LightingTelemetry.Progress.NONE);
        // Montevideo, 21 June: sunset 17:50, sunrise 07:55 (-03:00): about 14.1 hours of night.
        // 24 LED lamps at 70 W, the 11 residential ones at half power from 00:00 to 05:00:
        // 24 × 70 W × ~14.1 h − 11 × 35 W × 5 h ≈ 23.7 − 1.9 = 21.8 kWh, ± the photocell's 20 min.
        double night =
                SolarDay.of(LocalDate.of(2024, 6, 21), -34.9022, -56.1582, puntasur.zone())
                        .nightHours();
        assertThat(night).isCloseTo(14.1, within(0.15));
        double expected = (24 * 70 * night - 11 * 35 * 5) / 1000;
        assertThat(result.lampsKwh()).isCloseTo(expected, within(24 * 70 * 20.0 / 60 / 1000));
        assertThat(lines(result.feed()).get(0).get("dateObserved").asText())
                .isEqualTo("2024-06-21T12:00:00-03:00");
    }

    /** The lighting night of a record, by its local time − 12 h. */
    static String night(JsonNode line) {
        OffsetDateTime at = OffsetDateTime.parse(line.get("dateObserved").asText());
        return at.minusHours(12).toLocalDate().toString();
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
