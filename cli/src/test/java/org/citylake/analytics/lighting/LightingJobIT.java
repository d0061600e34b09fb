package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.citylake.analytics.job.JobRunner;
import org.citylake.analytics.job.RunPlan;
import org.citylake.cli.CliLake;
import org.citylake.geo.sun.SolarDay;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.sink.BatchOverwrite.FailurePoints;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake run lighting} end to end on the embedded lake, through the commands a user types:
 *
 * <pre>
 *   hand-built FIWARE Streetlight / StreetlightControlCabinet lines + inventory (ref/*.jsonl)
 *   → lakehouse init → ref load → ingest --batch → run lighting --city monaco (2 nights)
 *   → gold rows = the computation of this test → re-run: same rows → commit failure: previous rows
 *   → empty window: nothing committed → unregistered city: the registration hint
 * </pre>
 *
 * Four lamps of Monaco on two streets and two cabinets report every 15 minutes; the lamps switch at
 * the sun's sunset and sunrise at their position plus their cabinet's photocell offset, residential
 * lamps dim to 50 % from 00:00 to 05:00. Injected, each for a whole lighting day:
 *
 * <pre>
 *   night 1 (2025-01-15)   lamp-2 DAY_BURNER · lamp-3 OVER_POWER (1.6x) · cab-1 METER_RESET (21:05)
 *                          · cab-2 METER_MISMATCH (meters 20 % extra)
 *   night 2 (2025-01-16)   lamp-1 DARK_AT_NIGHT · lamp-4 MISSING_REPORTS (1 report in 10, still burning)
 *   night 3                healthy (the data past the run's last noon, for completeness)
 * </pre>
 *
 * The expected energy is computed here from the power the lamps were given, not by the job's code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LightingJobIT {

    static final String CITY = "monaco";
    static final ZoneId ZONE = ZoneId.of("Europe/Monaco");
    static final LocalDate N1 = LocalDate.of(2025, 1, 15);
    static final LocalDate N2 = N1.plusDays(1);
    static final LocalDate N3 = N1.plusDays(2);
    static final Duration SLOT = Duration.ofMinutes(15);
    static final double H = 0.25; // hours per report

    record Lamp(
            String id,
            String segment,
            String cabinet,
            double rated,
            double lon,
            double lat,
            boolean dims) {}

    static final Lamp L1 = new Lamp(lampId(1), "seg-1", cabId(1), 70, 7.4200, 43.7390, true);
    static final Lamp L2 = new Lamp(lampId(2), "seg-1", cabId(1), 70, 7.4210, 43.7391, true);
    static final Lamp L3 = new Lamp(lampId(3), "seg-2", cabId(2), 180, 7.4250, 43.7370, false);
    static final Lamp L4 = new Lamp(lampId(4), "seg-2", cabId(2), 180, 7.4260, 43.7371, false);
    static final List<Lamp> LAMPS = List.of(L1, L2, L3, L4);
    static final Map<String, Integer> PHOTOCELL_MIN = Map.of(cabId(1), 4, cabId(2), -6);
    static final Instant RESET = N1.atTime(21, 5).atZone(ZONE).toInstant();

    @TempDir static Path dir;
    static CliLake lake;
    static CliLake.Output firstRun;
    static Map<String, Content> first;

    static String lampId(int i) {
        return "urn:ngsi-ld:Streetlight:monaco:lamp-" + i;
    }

    static String cabId(int i) {
        return "urn:ngsi-ld:StreetlightControlCabinet:monaco:cab-" + i;
    }

    static Instant noon(LocalDate d) {
        return d.atTime(12, 0).atZone(ZONE).toInstant();
    }

    static LocalDate nightOf(Instant t) {
        LocalDate day = t.atZone(ZONE).toLocalDate();
        return t.isBefore(noon(day)) ? day.minusDays(1) : day;
    }

    static double level(Lamp lamp, Instant t) {
        LocalTime local = t.atZone(ZONE).toLocalTime();
        return lamp.dims() && local.isBefore(LocalTime.of(5, 0)) ? 0.5 : 1.0;
    }

    /** The power the lamp draws at report time {@code t}, W: its schedule and its fault. */
    static double power(Lamp lamp, Instant t) {
        LocalDate night = nightOf(t);
        if (lamp == L1 && night.equals(N2)) {
            return 0; // DARK_AT_NIGHT
        }
        if (lamp == L2 && night.equals(N1)) {
            return lamp.rated() * level(lamp, t); // DAY_BURNER: burns the whole lighting day
        }
        SolarDay sun = SolarDay.of(night, lamp.lat(), lamp.lon(), ZONE);
        Duration offset = Duration.ofMinutes(PHOTOCELL_MIN.get(lamp.cabinet()));
        boolean on =
                !t.isBefore(sun.sunset().plus(offset)) && t.isBefore(sun.sunrise().plus(offset));
        double p = on ? lamp.rated() * level(lamp, t) : 0;
        return lamp == L3 && night.equals(N1) ? 1.6 * p : p; // OVER_POWER
    }

    static boolean reports(Lamp lamp, Instant t, int slotOfDay) {
        return !(lamp == L4 && nightOf(t).equals(N2) && slotOfDay % 10 != 0);
    }

    /** Report times of nights N1..N3: noon N1 .. 11:45 after N3. */
    static List<Instant> slots() {
        List<Instant> all = new ArrayList<>();
        for (Instant t = noon(N1); t.isBefore(noon(N3.plusDays(1))); t = t.plus(SLOT)) {
            all.add(t);
        }
        return all;
    }

    /** The cabinet's meter at every report time and the noon after: the energy drawn before. */
    static TreeMap<Instant, Double> meter(String cabinet) {
        TreeMap<Instant, Double> meter = new TreeMap<>();
        List<Instant> times = new ArrayList<>(slots());
        times.add(noon(N3.plusDays(1)));
        double kwh = 500;
        for (int i = 0; i < times.size(); i++) {
            meter.put(times.get(i), kwh);
            if (i + 1 == times.size()) {
                break;
            }
            Instant t = times.get(i);
            double w = cabinetPower(cabinet, t);
            double factor = cabinet.equals(cabId(2)) && nightOf(t).equals(N1) ? 1.2 : 1.0;
            if (cabinet.equals(cabId(1))
                    && !RESET.isBefore(t)
                    && RESET.isBefore(times.get(i + 1))) {
                // the meter drops to 0 at 21:05 and counts the 10 minutes to the next reading
                kwh = w * (Duration.between(RESET, times.get(i + 1)).toSeconds() / 3600.0) / 1000;
            } else {
                kwh += w * H / 1000 * factor;
            }
        }
        return meter;
    }

    static double cabinetPower(String cabinet, Instant t) {
        return LAMPS.stream()
                .filter(l -> l.cabinet().equals(cabinet))
                .mapToDouble(l -> power(l, t))
                .sum();
    }

    @BeforeAll
    static void ingestAndRun() throws Exception {
        lake = new CliLake(dir);
        Path feeds = lake.lakeDir().resolve("feeds").resolve(CITY);
        Files.createDirectories(feeds.resolve("ref"));
        write(
                feeds.resolve("ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"monaco\",\"name\":\"Monaco\",\"country\":\"MC\","
                                + "\"time_zone\":\"Europe/Monaco\",\"lon\":7.4246,\"lat\":43.7384}"));
        write(
                feeds.resolve("ref/lit_segments.jsonl"),
                List.of(
                        "{\"city\":\"monaco\",\"id\":\"seg-1\",\"name\":\"Rue A\","
                                + "\"road_class\":\"residential\",\"lit\":\"yes\",\"width_m\":6.0,"
                                + "\"length_m\":600.0,\"district_id\":\"d1\"}",
                        "{\"city\":\"monaco\",\"id\":\"seg-2\",\"name\":\"Boulevard B\","
                                + "\"road_class\":\"primary\",\"lit\":\"yes\",\"lanes\":2,"
                                + "\"length_m\":400.0,\"district_id\":\"d2\"}"));
        List<String> lampRefs = new ArrayList<>();
        for (Lamp l : LAMPS) {
            lampRefs.add(
                    String.format(
                            Locale.ROOT,
                            "{\"city\":\"monaco\",\"id\":\"%s\",\"segment_id\":\"%s\","
                                    + "\"cabinet_id\":\"%s\",\"rated_power_w\":%.1f,\"lon\":%.4f,"
                                    + "\"lat\":%.4f,\"technology\":\"%s\",\"circuit_id\":\"c1\"}",
                            l.id(),
                            l.segment(),
                            l.cabinet(),
                            l.rated(),
                            l.lon(),
                            l.lat(),
                            l.rated() < 100 ? "LED" : "HPS"));
        }
        write(feeds.resolve("ref/streetlights.jsonl"), lampRefs);
        write(
                feeds.resolve("ref/streetlight_cabinets.jsonl"),
                List.of(
                        "{\"city\":\"monaco\",\"id\":\""
                                + cabId(1)
                                + "\",\"name\":\"C1\","
                                + "\"district_id\":\"d1\",\"circuits\":1,\"lamps\":2}",
                        "{\"city\":\"monaco\",\"id\":\""
                                + cabId(2)
                                + "\",\"name\":\"C2\","
                                + "\"district_id\":\"d2\",\"circuits\":1,\"lamps\":2}"));
        List<String> lines = new ArrayList<>();
        List<Instant> slots = slots();
        for (int i = 0; i < slots.size(); i++) {
            Instant t = slots.get(i);
            for (Lamp l : LAMPS) {
                if (!reports(l, t, i % 96)) {
                    continue;
                }
                double p = power(l, t);
                boolean dark = l == L1 && nightOf(t).equals(N2);
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "{\"id\":\"%s\",\"type\":\"Streetlight\",\"dateObserved\":\"%s\","
                                        + "\"powerState\":\"%s\",\"status\":\"%s\","
                                        + "\"illuminanceLevel\":%s,\"powerConsumption\":%s,"
                                        + "\"refStreetlightControlCabinet\":\"%s\"}",
                                l.id(),
                                t,
                                p == 0 ? "off" : level(l, t) < 1 ? "low" : "on",
                                dark ? "defectiveLamp" : "ok",
                                p == 0 ? "0.0" : Double.toString(level(l, t)),
                                Double.toString(p),
                                l.cabinet()));
            }
        }
        for (String cabinet : List.of(cabId(1), cabId(2))) {
            meter(cabinet)
                    .forEach(
                            (t, kwh) ->
                                    lines.add(
                                            String.format(
                                                    Locale.ROOT,
                                                    "{\"id\":\"%s\",\"type\":"
                                                            + "\"StreetlightControlCabinet\","
                                                            + "\"dateObserved\":\"%s\","
                                                            + "\"energyConsumed\":%s}",
                                                    cabinet,
                                                    t,
                                                    Double.toString(kwh))));
        }
        write(feeds.resolve("lighting.jsonl"), lines);

        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--batch", "--feed", "lighting", "--no-progress");
        firstRun = lake.run(run());
        assertThat(firstRun.exit()).as(firstRun.err()).isZero();
        first = contents();
    }

    static String[] run() {
        return new String[] {
            "run", "lighting", "--city", CITY, "--from", N1.toString(), "--to", N2.toString()
        };
    }

    // ---------------------------------------------------------------- the computation of the test

    /** Per lamp and night: reported kWh, estimated kWh, burning hours, baseline, reports. */
    record LampNightSums(
            double kwh, double estimated, double burning, double baseline, int reports) {}

    static LampNightSums sums(Lamp lamp, LocalDate night) {
        double kwh = 0;
        double estimated = 0;
        double burning = 0;
        int reports = 0;
        SolarDay sun = SolarDay.of(night, lamp.lat(), lamp.lon(), ZONE);
        int i = 0;
        for (Instant t = noon(night); t.isBefore(noon(night.plusDays(1))); t = t.plus(SLOT), i++) {
            if (reports(lamp, t, i)) {
                double p = power(lamp, t);
                kwh += p * H / 1000;
                burning += p > 0 ? H : 0;
                reports++;
            } else if (sun.isNight(t)) {
                // a primary-road lamp never dims: its schedule is full power at night
                estimated += lamp.rated() * H / 1000;
            }
        }
        return new LampNightSums(
                kwh, estimated, burning, lamp.rated() * sun.nightHours() / 1000, reports);
    }

    /** The metered energy of a cabinet's night, from the meter's story. */
    static double metered(String cabinet, LocalDate night) {
        double drawn = 0;
        double lost = 0;
        for (Instant t = noon(night); t.isBefore(noon(night.plusDays(1))); t = t.plus(SLOT)) {
            double w = cabinetPower(cabinet, t);
            double factor = cabinet.equals(cabId(2)) && night.equals(N1) ? 1.2 : 1.0;
            drawn += w * H / 1000 * factor;
            if (cabinet.equals(cabId(1)) && !RESET.isBefore(t) && RESET.isBefore(t.plus(SLOT))) {
                lost = w * (Duration.between(t, RESET).toSeconds() / 3600.0) / 1000;
            }
        }
        return drawn - lost;
    }

    @Test
    @Order(1)
    void theEnergyRowsAreTheTestsComputation() {
        List<Record> rows = read(LightingTables.ENERGY);
        assertThat(rows).hasSize(2 * 9);
        for (LocalDate night : List.of(N1, N2)) {
            Map<String, List<Lamp>> scopes = new LinkedHashMap<>();
            scopes.put("segment/seg-1", List.of(L1, L2));
            scopes.put("segment/seg-2", List.of(L3, L4));
            scopes.put("road_class/residential", List.of(L1, L2));
            scopes.put("road_class/primary", List.of(L3, L4));
            scopes.put("cabinet/" + cabId(1), List.of(L1, L2));
            scopes.put("cabinet/" + cabId(2), List.of(L3, L4));
            scopes.put("district/d1", List.of(L1, L2));
            scopes.put("district/d2", List.of(L3, L4));
            scopes.put("city/monaco", LAMPS);
            for (Map.Entry<String, List<Lamp>> scope : scopes.entrySet()) {
                String[] key = scope.getKey().split("/", 2);
                Record row =
                        rows.stream()
                                .filter(
                                        r ->
                                                r.getField("night").equals(night)
                                                        && r.getField("scope_level").equals(key[0])
                                                        && r.getField("scope_id").equals(key[1]))
                                .findFirst()
                                .orElseThrow(() -> new AssertionError("no row " + scope.getKey()));
                String as = night + " " + scope.getKey();
                double kwh = 0;
                double est = 0;
                double burning = 0;
                double baseline = 0;
                int reports = 0;
                for (Lamp l : scope.getValue()) {
                    LampNightSums s = sums(l, night);
                    kwh += s.kwh();
                    est += s.estimated();
                    burning += s.burning();
                    baseline += s.baseline();
                    reports += s.reports();
                }
                double km = scope.getValue().contains(L1) ? 0.6 : 0;
                km += scope.getValue().contains(L3) ? 0.4 : 0;
                assertThat((Double) row.getField("kwh")).as(as).isCloseTo(kwh, within(1e-9));
                assertThat((Double) row.getField("kwh_estimated"))
                        .as(as)
                        .isCloseTo(est, within(1e-9));
                assertThat((Double) row.getField("lit_km")).as(as).isCloseTo(km, within(1e-12));
                assertThat((Double) row.getField("kwh_per_km"))
                        .as(as)
                        .isCloseTo((kwh + est) / km, within(1e-9));
                assertThat((Double) row.getField("burning_hours"))
                        .as(as)
                        .isCloseTo(burning, within(1e-9));
                assertThat((Double) row.getField("baseline_kwh"))
                        .as(as)
                        .isCloseTo(baseline, within(1e-9));
                assertThat((Double) row.getField("saving_pct"))
                        .as(as)
                        .isCloseTo(100 * (1 - (kwh + est) / baseline), within(1e-9));
                assertThat(row.getField("lamps")).as(as).isEqualTo(scope.getValue().size());
                assertThat(row.getField("reports")).as(as).isEqualTo(reports);
                assertThat(row.getField("reports_expected"))
                        .as(as)
                        .isEqualTo(96 * scope.getValue().size());
                if (key[0].equals("cabinet")) {
                    assertThat((Double) row.getField("metered_kwh"))
                            .as(as)
                            .isCloseTo(metered(key[1], night), within(1e-9));
                } else if (key[0].equals("city")) {
                    assertThat((Double) row.getField("metered_kwh"))
                            .as(as)
                            .isCloseTo(
                                    metered(cabId(1), night) + metered(cabId(2), night),
                                    within(1e-9));
                } else {
                    assertThat(row.getField("metered_kwh")).as(as).isNull();
                }
            }
        }
        // the estimate is lamp-4's on night 2 only, and positive
        assertThat(sums(L4, N2).estimated()).isPositive();
        assertThat(sums(L4, N2).reports()).isEqualTo(10);
    }

    @Test
    @Order(1)
    void theFaultsAreExactlyTheInjectedOnes() {
        Set<String> found = new TreeSet<>();
        for (Record r : read(LightingTables.FAULTS)) {
            found.add(
                    r.getField("entity_id")
                            + " "
                            + r.getField("night")
                            + " "
                            + r.getField("fault_type"));
        }
        assertThat(found)
                .containsExactlyInAnyOrder(
                        lampId(2) + " " + N1 + " DAY_BURNER",
                        lampId(3) + " " + N1 + " OVER_POWER",
                        cabId(1) + " " + N1 + " METER_RESET",
                        cabId(2) + " " + N1 + " METER_MISMATCH",
                        lampId(1) + " " + N2 + " DARK_AT_NIGHT",
                        lampId(4) + " " + N2 + " MISSING_REPORTS");
        Record mismatch =
                read(LightingTables.FAULTS).stream()
                        .filter(r -> r.getField("fault_type").equals("METER_MISMATCH"))
                        .findFirst()
                        .orElseThrow();
        assertThat((Double) mismatch.getField("energy_seen_kwh"))
                .isCloseTo(metered(cabId(2), N1), within(1e-9));
        assertThat((Double) mismatch.getField("energy_expected_kwh"))
                .isCloseTo(metered(cabId(2), N1) / 1.2, within(1e-9));
        assertThat(mismatch.getField("severity")).isEqualTo("high");
    }

    @Test
    @Order(1)
    void theIndicatorAnnualisesTheTwoNights() {
        List<Record> rows = read(LightingTables.INDICATOR);
        Record city =
                rows.stream()
                        .filter(r -> r.getField("scope_level").equals("city"))
                        .findFirst()
                        .orElseThrow();
        double kwh = 0;
        double onArea = 0;
        for (LocalDate n : List.of(N1, N2)) {
            for (Lamp l : LAMPS) {
                LampNightSums s = sums(l, n);
                kwh += s.kwh() + s.estimated();
                onArea += l.segment().equals("seg-1") ? s.kwh() + s.estimated() : 0;
            }
        }
        assertThat(city.getField("nights_with_data")).isEqualTo(2);
        assertThat((Double) city.getField("kwh_per_km_year"))
                .isCloseTo(kwh / 2 * 365 / 1.0, within(1e-6));
        // only seg-1 has a width: 600 m x 6 m
        assertThat((Double) city.getField("lit_area_m2")).isCloseTo(3600, within(1e-9));
        assertThat((Double) city.getField("kwh_per_m2_year"))
                .isCloseTo(onArea / 2 * 365 / 3600, within(1e-9));
        assertThat(rows)
                .extracting(r -> r.getField("scope_level") + "/" + r.getField("scope_id"))
                .containsExactlyInAnyOrder(
                        "city/monaco", "road_class/primary", "road_class/residential");
    }

    @Test
    @Order(1)
    void theRunPrintsKwhPerKmByRoadClassTheSavingAndTheFaults() {
        assertThat(firstRun.out())
                .contains("kWh/km per night", "saving %", "residential", "primary", "all roads")
                .contains("DAY_BURNER", "METER_MISMATCH");
        assertThat(firstRun.err()).contains("rows to gold.lighting_energy");
    }

    @Test
    @Order(2)
    void aRerunGivesTheSameRowsAndRemovesRowsItNoLongerHas() throws Exception {
        // a fault row of the run's nights the job does not find (as an earlier, different run
        // could have left): the re-run replaces the nights as a whole
        try (Lake opened = Lake.open(lake.config())) {
            append(
                    opened.table(LightingTables.FAULTS),
                    staleFault(opened.table(LightingTables.FAULTS)));
        }
        assertThat(contents().get(LightingTables.FAULTS).rows())
                .isEqualTo(first.get(LightingTables.FAULTS).rows() + 1);
        lake.cli(run());
        Map<String, Content> again = contents();
        for (String table : first.keySet()) {
            assertThat(again.get(table).rows()).as(table).isEqualTo(first.get(table).rows());
            assertThat(again.get(table).digest()).as(table).isEqualTo(first.get(table).digest());
            assertThat(again.get(table).snapshotId())
                    .as(table)
                    .isNotEqualTo(first.get(table).snapshotId());
        }
    }

    @Test
    @Order(3)
    void aFailedCommitLeavesThePreviousResults() throws Exception {
        Map<String, Content> before = contents();
        String runId = UUID.randomUUID().toString();
        FailurePoints failFaults =
                new FailurePoints(
                        UnaryOperator.identity(),
                        table -> {
                            if (table.equals(LightingTables.FAULTS)) {
                                throw new IllegalStateException(
                                        "injected failure committing " + table);
                            }
                        });
        City monaco;
        try (Lake opened = Lake.open(lake.config())) {
            monaco = CityTable.read(opened).require(CITY);
        }
        LightingJob job = new LightingJob();
        RunPlan<LightingSettings> plan = RunPlan.of(job, monaco, N1, N2, Map.of(), runId);
        assertThatThrownBy(
                        () ->
                                JobRunner.run(
                                        lake.config(),
                                        job,
                                        plan,
                                        false,
                                        JobRunner.here(failFaults),
                                        System.err,
                                        null))
                .hasMessageContaining("commit to gold.lighting_faults failed")
                .hasMessageContaining("injected failure")
                .hasMessageContaining(
                        "rolled back gold.lighting_energy, gold.lighting_indicator: nothing committed");
        Map<String, Content> after = contents();
        assertThat(after).isEqualTo(before);
        assertThat(jobRun(runId)).startsWith("FAILED");
    }

    @Test
    @Order(4)
    void anEmptyWindowCommitsNothing() {
        Map<String, Content> before = contents();
        CliLake.Output empty =
                lake.run(
                        "run",
                        "lighting",
                        "--city",
                        CITY,
                        "--from",
                        "2025-01-10",
                        "--to",
                        "2025-01-11");
        assertThat(empty.exit()).isZero();
        assertThat(empty.err()).contains("nothing committed");
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void anUnregisteredCityFailsWithTheRegistrationHint() {
        CliLake.Output nowhere =
                lake.run("run", "lighting", "--city", "atlantis", "--from", N1.toString());
        assertThat(nowhere.exit()).isNotZero();
        assertThat(nowhere.err())
                .contains("city 'atlantis' is not registered in ref.cities")
                .contains("citylake city add atlantis");
    }

    // ---------------------------------------------------------------------------------- helpers

    record Content(long snapshotId, long rows, long digest) {}

    static Map<String, Content> contents() {
        Map<String, Content> out = new LinkedHashMap<>();
        try (Lake opened = Lake.open(lake.config())) {
            for (String name :
                    List.of(
                            LightingTables.ENERGY,
                            LightingTables.INDICATOR,
                            LightingTables.FAULTS)) {
                Table table = opened.table(name);
                table.refresh();
                long rows = 0;
                long digest = 0;
                try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
                    for (Record r : it) {
                        rows++;
                        digest += (long) r.toString().hashCode() * 0x9E3779B97F4A7C15L;
                    }
                }
                out.put(name, new Content(table.currentSnapshot().snapshotId(), rows, digest));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<Record> read(String name) {
        List<Record> rows = new ArrayList<>();
        try (Lake opened = Lake.open(lake.config());
                CloseableIterable<Record> it = IcebergGenerics.read(opened.table(name)).build()) {
            it.forEach(r -> rows.add(r.copy()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static String jobRun(String runId) {
        for (Record r : readRuns()) {
            if (runId.equals(r.getField("run_id"))) {
                return r.getField("status") + " " + r.getField("detail");
            }
        }
        return "none";
    }

    static List<Record> readRuns() {
        return read(TableRegistry.JOB_RUNS);
    }

    static Record staleFault(Table table) {
        GenericRecord r = GenericRecord.create(table.schema());
        r.setField("city", CITY);
        r.setField("night", N1);
        r.setField("fault_type", "DARK_AT_NIGHT");
        r.setField("entity_kind", "lamp");
        r.setField("entity_id", "urn:ngsi-ld:Streetlight:monaco:ghost");
        r.setField("readings_flagged", 3);
        r.setField("reports_seen", 96);
        r.setField("reports_expected", 96);
        r.setField("severity", "medium");
        r.setField("detail", "left by an earlier run");
        return r;
    }

    static void append(Table table, Record row) throws IOException {
        OutputFile file =
                table.io()
                        .newOutputFile(
                                table.locationProvider()
                                        .newDataLocation(
                                                "stale-" + UUID.randomUUID() + ".parquet"));
        PartitionKey key = new PartitionKey(table.spec(), table.schema());
        key.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(row));
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                EncryptedFiles.plainAsEncryptedOutput(file),
                                FileFormat.PARQUET,
                                key);
        try (writer) {
            writer.write(row);
        }
        DataFile data = writer.toDataFile();
        table.newAppend().appendFile(data).commit();
    }

    static void write(Path file, List<String> lines) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
