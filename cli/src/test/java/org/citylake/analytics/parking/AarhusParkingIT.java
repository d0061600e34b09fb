package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.traffic.SharedLake;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.ParkingTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Aarhus garages (May–Nov 2014) ingested, then {@code citylake run parking} over four
 * weeks (2014-10-06 .. 11-02, the autumn DST day inside; the last week tests the forecast). The
 * gold rows are checked against a computation straight from the source CSV with none of the
 * product's code, and a re-run must give the same rows.
 *
 * <p>The lake is built once and only read by the tests ({@link SharedLake}); the re-run works on
 * its own copy, so the tests hold in any order.
 */
class AarhusParkingIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final Path FOLDER = TEST_DATA.resolve("citypulse-aarhus-parking");
    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    static final String[] RUN = {
        "run", "parking", "--from", "2014-10-06", "--to", "2014-11-02", "--city", "aarhus"
    };
    static final List<String> TABLES =
            List.of(
                    ParkingTables.OCCUPANCY,
                    ParkingTables.DAILY,
                    ParkingTables.FORECAST,
                    ParkingTables.FORECAST_SKILL);

    @TempDir static Path dir;
    static SharedLake shared;
    static Map<String, List<String>> firstRun;

    @BeforeAll
    static void ingestTheGaragesAndRun() throws Exception {
        Path source = dir.resolve("source/citypulse-aarhus-parking");
        Files.createDirectories(source);
        for (String f : List.of("aarhus_parking.csv.gz", "aarhus_parking_address.csv")) {
            Files.copy(FOLDER.resolve(f), source.resolve(f));
        }
        cli("testdata", "convert", "--source", source.getParent().toString());
        cli("lakehouse", "init");
        cli("ref", "load");
        cli("ingest", "--batch", "--feed", "parking", "--no-progress");
        cli(RUN);
        shared = SharedLake.seal(new CliLake(dir));
        firstRun = new TreeMap<>();
        for (String table : TABLES) {
            firstRun.put(table, rows(config(), table));
        }
    }

    @AfterAll
    static void noTestChangedTheSharedLake() {
        shared.assertUnchanged();
    }

    @Test
    void slotsAndDailyPeaksEqualTheIndependentComputationFromTheCsv() throws IOException {
        Map<String, List<long[]>> csv = csvReadings();
        for (String garage : List.of("SALLING", "BUSGADEHUSET", "NORREPORT")) {
            LocalDate day = LocalDate.parse("2014-10-22");
            String lot = "urn:ngsi-ld:OffStreetParking:aarhus:" + garage;
            List<String> expected = expectedSlots(csv.get(garage), day);
            List<String> actual =
                    records(ParkingTables.OCCUPANCY).stream()
                            .filter(r -> lot.equals(r.getField("lot_id")))
                            .filter(r -> day.equals(r.getField("local_date")))
                            .sorted(
                                    Comparator.comparing(
                                            r -> (OffsetDateTime) r.getField("slot_start")))
                            .map(
                                    r ->
                                            ((OffsetDateTime) r.getField("slot_start")).toInstant()
                                                    + " "
                                                    + r.getField("free_spots")
                                                    + " "
                                                    + r.getField("occupancy"))
                            .toList();
            assertThat(actual).as("%s on %s", garage, day).containsExactlyElementsOf(expected);
            assertThat(expected)
                    .as("%s has values that day", garage)
                    .anyMatch(s -> !s.endsWith("null"));

            Record daily =
                    records(ParkingTables.DAILY).stream()
                            .filter(r -> lot.equals(r.getField("lot_id")))
                            .filter(r -> day.equals(r.getField("local_date")))
                            .findFirst()
                            .orElseThrow();
            long[] peak = expectedPeak(csv.get(garage), day);
            assertThat(daily.getField("slots_with_data")).isEqualTo((int) peak[0]);
            assertThat(daily.getField("peak_occupied_spots")).isEqualTo((int) peak[1]);
            assertThat(((OffsetDateTime) daily.getField("peak_at")).toInstant().toEpochMilli())
                    .isEqualTo(peak[2]);
            assertThat(daily.getField("hours_above_90")).isEqualTo(peak[3] * 0.25);
        }
    }

    @Test
    void theDayClocksGoBackHasOneHundredSlotsPerGarage() {
        LocalDate dst = LocalDate.parse("2014-10-26");
        Map<Object, Long> perLot =
                records(ParkingTables.OCCUPANCY).stream()
                        .filter(r -> dst.equals(r.getField("local_date")))
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.getField("lot_id"), Collectors.counting()));
        assertThat(perLot).hasSize(8);
        assertThat(perLot.values()).containsOnly(100L);
        assertThat(records(ParkingTables.DAILY))
                .filteredOn(r -> dst.equals(r.getField("local_date")))
                .extracting(r -> r.getField("slots"))
                .containsOnly(100);
        // every garage, every day of the period, 96 slots on ordinary days
        assertThat(records(ParkingTables.DAILY)).hasSize(8 * 28);
        assertThat(records(ParkingTables.OCCUPANCY)).hasSize(8 * (28 * 96 + 4));
    }

    @Test
    void forecastSkillIsReportedForEveryGarageWithData() {
        List<Record> skill = records(ParkingTables.FORECAST_SKILL);
        Set<String> lots = new HashSet<>();
        records(ParkingTables.DAILY).forEach(r -> lots.add((String) r.getField("lot_id")));
        assertThat(lots).hasSize(8);
        assertThat(skill).hasSize(2 * (8 + 1));
        assertThat(skill)
                .allMatch(r -> LocalDate.parse("2014-10-27").equals(r.getField("test_start")))
                .allMatch(r -> LocalDate.parse("2014-10-26").equals(r.getField("train_end")));

        // garages with a valued slot in the test week whose slot an hour later is valued too,
        // from the occupancy rows
        Map<String, Set<Long>> valued = new TreeMap<>();
        long testStart =
                ZonedDateTime.of(LocalDateTime.parse("2014-10-27T00:00"), CPH)
                        .toInstant()
                        .toEpochMilli();
        for (Record r : records(ParkingTables.OCCUPANCY)) {
            if ("ok".equals(r.getField("status"))) {
                valued.computeIfAbsent((String) r.getField("lot_id"), k -> new HashSet<>())
                        .add(
                                ((OffsetDateTime) r.getField("slot_start"))
                                        .toInstant()
                                        .toEpochMilli());
            }
        }
        long sumN = 0;
        for (String lot : lots) {
            Set<Long> v = valued.getOrDefault(lot, Set.of());
            long pairs =
                    v.stream().filter(t -> t >= testStart && v.contains(t + 3_600_000L)).count();
            Record model = skillRow(skill, lot, SeasonalDeltaModel.NAME);
            Record naive = skillRow(skill, lot, "naive");
            assertThat(model.getField(ParkingTables.FORECAST_PAIRS)).as(lot).isEqualTo(pairs);
            assertThat(naive.getField(ParkingTables.FORECAST_PAIRS)).as(lot).isEqualTo(pairs);
            sumN += pairs;
            if (pairs > 0) {
                assertThat((Double) model.getField("mae_spots")).as(lot).isNotNull();
                assertThat((Double) naive.getField("rmse_spots")).as(lot).isNotNull();
            }
        }
        // stuck sensors aside, most garages report all week
        assertThat(
                        lots.stream()
                                .filter(
                                        l ->
                                                (Long)
                                                                skillRow(skill, l, "naive")
                                                                        .getField(
                                                                                ParkingTables
                                                                                        .FORECAST_PAIRS)
                                                        > 0))
                .hasSizeGreaterThanOrEqualTo(6);
        Record all = skillRow(skill, ForecastSkill.ALL_LOTS, SeasonalDeltaModel.NAME);
        Record allNaive = skillRow(skill, ForecastSkill.ALL_LOTS, "naive");
        assertThat(all.getField(ParkingTables.FORECAST_PAIRS)).isEqualTo(sumN);
        assertThat((Double) all.getField("rmse_spots"))
                .isLessThan((Double) allNaive.getField("rmse_spots"));
        assertThat((Double) all.getField("skill_vs_naive")).isGreaterThan(0.0);
        assertThat(records(ParkingTables.FORECAST)).hasSizeGreaterThan((int) sumN);
    }

    @Test
    void aReRunReplacesItsPartitionsWithIdenticalRows(@TempDir Path own) {
        CliLake copy = shared.copyTo(own);
        copy.cli(RUN);
        for (String table : TABLES) {
            List<String> again = rows(copy.config(), table);
            assertThat(again).as(table).hasSameSizeAs(firstRun.get(table));
            assertThat(again).as(table).containsExactlyElementsOf(firstRun.get(table));
        }
    }

    private static Record skillRow(List<Record> skill, String lot, String model) {
        return skill.stream()
                .filter(r -> lot.equals(r.getField("lot_id")) && model.equals(r.getField("model")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no skill row for " + lot + " " + model));
    }

    /**
     * Garage → readings {epoch ms, vehicles, total} accepted by ingest (0 ≤ vehicles ≤ total; the
     * first of equal instants), sorted by time. Local times are unambiguous away from the DST
     * night.
     */
    static Map<String, List<long[]>> csvReadings() throws IOException {
        Map<String, Map<Long, long[]>> byGarage = new TreeMap<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(
                                                FOLDER.resolve("aarhus_parking.csv.gz"))),
                                StandardCharsets.UTF_8))) {
            String line = in.readLine(); // vehiclecount,updatetime,_id,totalspaces,garagecode,...
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                long vehicles = Long.parseLong(f[0]);
                long total = Long.parseLong(f[3]);
                if (vehicles < 0 || vehicles > total) {
                    continue;
                }
                LocalDateTime local = LocalDateTime.parse(f[1].replace(' ', 'T'));
                long ms = ZonedDateTime.of(local, CPH).toInstant().toEpochMilli();
                byGarage.computeIfAbsent(f[4], g -> new TreeMap<>())
                        .putIfAbsent(ms, new long[] {ms, vehicles, total});
            }
        }
        Map<String, List<long[]>> out = new TreeMap<>();
        byGarage.forEach((g, m) -> out.put(g, new ArrayList<>(m.values())));
        return out;
    }

    /** "slot start (instant) free occupancy" per slot of the day; null values without one. */
    static List<String> expectedSlots(List<long[]> readings, LocalDate day) {
        List<String> out = new ArrayList<>();
        for (long[] s : slotValues(readings, day)) {
            String start = java.time.Instant.ofEpochMilli(s[0]).toString();
            out.add(
                    s[1] < 0
                            ? start + " null null"
                            : start + " " + (s[2] - s[1]) + " " + ((double) s[1] / s[2]));
        }
        return out;
    }

    /** {slots with data, peak vehicles, peak slot start, slots above 90 %}. */
    static long[] expectedPeak(List<long[]> readings, LocalDate day) {
        long with = 0;
        long peakVehicles = -1;
        double peak = -1;
        long peakAt = 0;
        long above = 0;
        for (long[] s : slotValues(readings, day)) {
            if (s[1] < 0) {
                continue;
            }
            with++;
            double occupancy = (double) s[1] / s[2];
            if (occupancy > peak) {
                peak = occupancy;
                peakVehicles = s[1];
                peakAt = s[0];
            }
            if (10 * s[1] > 9 * s[2]) {
                above++;
            }
        }
        return new long[] {with, peakVehicles, peakAt, above};
    }

    /**
     * {slot start, vehicles (-1: no value), total} per 15-minute slot: the last reading before the
     * slot's end, if at most 60 minutes old and not part of a 24-hour run of one count.
     */
    static List<long[]> slotValues(List<long[]> readings, LocalDate day) {
        boolean[] frozen = new boolean[readings.size()];
        for (int a = 0, b; a < readings.size(); a = b) {
            b = a + 1;
            while (b < readings.size() && readings.get(b)[1] == readings.get(a)[1]) {
                b++;
            }
            if (readings.get(b - 1)[0] - readings.get(a)[0] >= 24 * 3_600_000L) {
                for (int k = a; k < b; k++) {
                    frozen[k] = true;
                }
            }
        }
        long start = day.atStartOfDay(CPH).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(CPH).toInstant().toEpochMilli();
        List<long[]> out = new ArrayList<>();
        for (long t = start; t < end; t += 900_000L) {
            int last = -1;
            for (int i = 0; i < readings.size() && readings.get(i)[0] < t + 900_000L; i++) {
                last = i;
            }
            boolean ok =
                    last >= 0
                            && t + 900_000L - readings.get(last)[0] <= 3_600_000L
                            && !frozen[last];
            out.add(
                    ok
                            ? new long[] {t, readings.get(last)[1], readings.get(last)[2]}
                            : new long[] {t, -1, 0});
        }
        return out;
    }

    static LakeConfig config() {
        return new CliLake(dir).config();
    }

    static void cli(String... args) {
        new CliLake(dir).cli(args);
    }

    static List<Record> records(String table) {
        return records(config(), table);
    }

    static List<Record> records(LakeConfig config, String table) {
        List<Record> out = new ArrayList<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> rows = IcebergGenerics.read(lake.table(table)).build()) {
            rows.forEach(r -> out.add(r.copy()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Every row as text, sorted: equal lists mean equal tables. */
    static List<String> rows(LakeConfig config, String table) {
        return records(config, table).stream().map(Record::toString).sorted().toList();
    }
}
