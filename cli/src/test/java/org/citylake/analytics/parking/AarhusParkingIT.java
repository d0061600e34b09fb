package org.citylake.analytics.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.traffic.SharedLake;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Aarhus garages (May–Nov 2014) ingested, then {@code citylake run parking} over the demo
 * range of the README (2014-09-29 .. 11-02, the autumn DST day inside; the last week tests the
 * forecast, the four weeks before train it). Every slot, day and forecast error is checked against
 * {@link AarhusGarages}, a computation straight from the source CSV with none of the product's
 * code; the README's figures hold; a re-run, on its own copy of the lake, gives the same rows.
 *
 * <p>The lake is built once and only read by the tests ({@link SharedLake}): they hold in any
 * order.
 */
class AarhusParkingIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final Path FOLDER = TEST_DATA.resolve("citypulse-aarhus-parking");
    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    static final LocalDate FROM = LocalDate.parse("2014-09-29");
    static final LocalDate TO = LocalDate.parse("2014-11-02");
    static final int DAYS = 35;
    static final String[] RUN = {
        "run", "parking", "--from", FROM.toString(), "--to", TO.toString(), "--city", "aarhus"
    };
    static final List<String> TABLES =
            List.of(
                    ParkingTables.OCCUPANCY,
                    ParkingTables.DAILY,
                    ParkingTables.FORECAST,
                    ParkingTables.FORECAST_SKILL);

    @TempDir static Path dir;
    static SharedLake shared;
    static Map<String, List<Record>> gold;
    static Map<String, List<String>> firstRun;
    static AarhusGarages.Run expected;

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
        gold = new TreeMap<>();
        firstRun = new TreeMap<>();
        for (String table : TABLES) {
            gold.put(table, List.copyOf(read(config(), table)));
            firstRun.put(table, rows(gold.get(table)));
        }
        expected =
                AarhusGarages.run(
                        AarhusGarages.readings(FOLDER.resolve("aarhus_parking.csv.gz")), FROM, TO);
    }

    @AfterAll
    static void noTestChangedTheSharedLake() {
        shared.assertUnchanged();
    }

    @Test
    void slotsAndDailyPeaksEqualTheIndependentComputationFromTheCsv() {
        assertThat(expected.garages()).hasSize(8);
        Map<Object, List<Record>> slotsByLot = byLot(records(ParkingTables.OCCUPANCY));
        Map<Object, List<Record>> daysByLot = byLot(records(ParkingTables.DAILY));
        for (AarhusGarages.Garage garage : expected.garages().values()) {
            String lot = garage.lotId();
            // every slot of the range: start, status and values, day by day
            Map<Object, List<String>> actual =
                    slotsByLot.getOrDefault(lot, List.of()).stream()
                            .sorted(Comparator.comparing(r -> instant(r, "slot_start")))
                            .collect(
                                    Collectors.groupingBy(
                                            r -> r.getField("local_date"),
                                            TreeMap::new,
                                            Collectors.mapping(
                                                    r ->
                                                            slot(
                                                                    instant(r, "slot_start"),
                                                                    r.getField("local_date"),
                                                                    r.getField("slot_of_day"),
                                                                    r.getField("status"),
                                                                    r.getField("free_spots"),
                                                                    r.getField("occupied_spots"),
                                                                    r.getField("occupancy")),
                                                    Collectors.toList())));
            Map<Object, List<String>> wantSlots =
                    garage.slots().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            s -> s.day(),
                                            TreeMap::new,
                                            Collectors.mapping(
                                                    s ->
                                                            slot(
                                                                    Instant.ofEpochMilli(
                                                                            s.startMs()),
                                                                    s.day(),
                                                                    s.quarter(),
                                                                    s.status(),
                                                                    s.free(),
                                                                    s.occupied(),
                                                                    s.occupancy()),
                                                    Collectors.toList())));
            assertThat(garage.slots()).as("%s slots", lot).hasSize(DAYS * 96 + 4);
            assertThat(actual.keySet()).as("%s days with slots", lot).isEqualTo(wantSlots.keySet());
            wantSlots.forEach(
                    (day, want) ->
                            assertThat(actual.get(day))
                                    .as("%s slots on %s", lot, day)
                                    .containsExactlyElementsOf(want));

            // every day of the range
            Map<Object, Record> days =
                    daysByLot.getOrDefault(lot, List.of()).stream()
                            .collect(Collectors.toMap(r -> r.getField("local_date"), r -> r));
            assertThat(days.keySet()).as("%s days", lot).isEqualTo(garage.days().keySet());
            for (AarhusGarages.Day want : garage.days().values()) {
                Record d = days.get(want.day());
                String what = lot + " on " + want.day();
                assertThat(d.getField("slots")).as(what).isEqualTo(want.slots());
                assertThat(d.getField("slots_with_data")).as(what).isEqualTo(want.slotsWithData());
                assertThat(d.getField("hours_with_data"))
                        .as(what)
                        .isEqualTo(want.slotsWithData() / 4.0);
                assertThat(d.getField("peak_occupancy")).as(what).isEqualTo(want.peakOccupancy());
                assertThat(d.getField("peak_at") == null ? null : instant(d, "peak_at"))
                        .as(what)
                        .isEqualTo(
                                want.peakAtMs() == null
                                        ? null
                                        : Instant.ofEpochMilli(want.peakAtMs()));
                assertThat(d.getField("peak_occupied_spots"))
                        .as(what)
                        .isEqualTo(want.peakOccupied());
                assertThat(d.getField("min_free_spots")).as(what).isEqualTo(want.minFree());
                assertClose((Double) d.getField("mean_occupancy"), want.meanOccupancy(), what);
                assertThat(d.getField("hours_above_90")).as(what).isEqualTo(want.hoursAbove90());
            }
        }
        // a day in the middle has values for these garages
        LocalDate day = LocalDate.parse("2014-10-22");
        for (String garage : List.of("SALLING", "BUSGADEHUSET", "NORREPORT")) {
            assertThat(expected.garages().get(garage).days().get(day).slotsWithData())
                    .as("%s has values on %s", garage, day)
                    .isPositive();
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
        assertThat(records(ParkingTables.DAILY)).hasSize(8 * DAYS);
        assertThat(records(ParkingTables.OCCUPANCY)).hasSize(8 * (DAYS * 96 + 4));
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
                .allMatch(r -> LocalDate.parse("2014-11-02").equals(r.getField("test_end")))
                .allMatch(r -> FROM.equals(r.getField("train_start")))
                .allMatch(r -> LocalDate.parse("2014-10-26").equals(r.getField("train_end")));
        assertThat(expected.testStart()).isEqualTo(LocalDate.parse("2014-10-27"));
        assertThat(expected.trainEnd()).isEqualTo(LocalDate.parse("2014-10-26"));

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
                        .add(instant(r, "slot_start").toEpochMilli());
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
    void forecastErrorsEqualTheIndependentComputationFromTheCsv() {
        List<Record> skill = records(ParkingTables.FORECAST_SKILL);
        Map<String, AarhusGarages.Errors> want = new LinkedHashMap<>();
        expected.garages().values().forEach(g -> want.put(g.lotId(), g.errors()));
        want.put(ForecastSkill.ALL_LOTS, expected.pooled());
        assertThat(expected.pooled().pairs())
                .isEqualTo(
                        expected.garages().values().stream()
                                .mapToLong(g -> g.errors().pairs())
                                .sum());
        for (var e : want.entrySet()) {
            String lot = e.getKey();
            AarhusGarages.Errors w = e.getValue();
            Record naive = skillRow(skill, lot, "naive");
            Record model = skillRow(skill, lot, SeasonalDeltaModel.NAME);
            assertThat(naive.getField(ParkingTables.FORECAST_PAIRS)).as(lot).isEqualTo(w.pairs());
            assertThat(model.getField(ParkingTables.FORECAST_PAIRS)).as(lot).isEqualTo(w.pairs());
            assertClose((Double) naive.getField("mae_spots"), w.naiveMae(), lot + " naive MAE");
            assertClose((Double) naive.getField("rmse_spots"), w.naiveRmse(), lot + " naive RMSE");
            assertClose((Double) model.getField("mae_spots"), w.modelMae(), lot + " model MAE");
            assertClose((Double) model.getField("rmse_spots"), w.modelRmse(), lot + " model RMSE");
            assertClose((Double) model.getField("skill_vs_naive"), w.skill(), lot + " skill");
            assertThat(naive.getField("skill_vs_naive"))
                    .as(lot + " naive skill")
                    .isEqualTo(w.pairs() == 0 ? null : 0.0);
        }

        // every forecast of the test week: origin, free now, forecast, actual
        Map<Object, List<Record>> forecasts = byLot(records(ParkingTables.FORECAST));
        for (AarhusGarages.Garage garage : expected.garages().values()) {
            List<Record> actual =
                    forecasts.getOrDefault(garage.lotId(), List.of()).stream()
                            .sorted(Comparator.comparing(r -> instant(r, "origin_slot_start")))
                            .toList();
            assertThat(actual).as("%s forecasts", garage.code()).hasSize(garage.forecasts().size());
            for (int i = 0; i < actual.size(); i++) {
                Record r = actual.get(i);
                AarhusGarages.Forecast f = garage.forecasts().get(i);
                String what =
                        garage.code() + " forecast from " + Instant.ofEpochMilli(f.originMs());
                assertThat(instant(r, "origin_slot_start").toEpochMilli())
                        .as(what)
                        .isEqualTo(f.originMs());
                assertThat(instant(r, "target_slot_start").toEpochMilli())
                        .as(what)
                        .isEqualTo(f.originMs() + AarhusGarages.HOUR);
                assertThat(r.getField("free_now")).as(what).isEqualTo(f.freeNow());
                assertClose((Double) r.getField("forecast_free"), f.forecast(), what);
                assertThat(r.getField("actual_free")).as(what).isEqualTo(f.actual());
            }
        }
    }

    /**
     * README, "Analytics: parking": on the demo range the pooled RMSE is 21.7 spots against 53.5
     * for naive (skill 0.59); every garage with data beats naive.
     */
    @Test
    void theReadmeFiguresHoldOnTheDemoRange() {
        AarhusGarages.Errors pooled = expected.pooled();
        assertThat(round(pooled.modelRmse(), 1)).as("oracle pooled RMSE").isEqualTo("21.7");
        assertThat(round(pooled.naiveRmse(), 1)).as("oracle pooled naive RMSE").isEqualTo("53.5");
        assertThat(round(pooled.skill(), 2)).as("oracle pooled skill").isEqualTo("0.59");
        List<Record> skill = records(ParkingTables.FORECAST_SKILL);
        Record all = skillRow(skill, ForecastSkill.ALL_LOTS, SeasonalDeltaModel.NAME);
        Record allNaive = skillRow(skill, ForecastSkill.ALL_LOTS, "naive");
        assertThat(round((Double) all.getField("rmse_spots"), 1))
                .as("pooled RMSE")
                .isEqualTo("21.7");
        assertThat(round((Double) allNaive.getField("rmse_spots"), 1))
                .as("pooled naive RMSE")
                .isEqualTo("53.5");
        assertThat(round((Double) all.getField("skill_vs_naive"), 2))
                .as("pooled skill")
                .isEqualTo("0.59");

        // every garage with data beats naive; only the garage stuck all autumn has none
        List<AarhusGarages.Garage> withData =
                expected.garages().values().stream().filter(g -> g.errors().pairs() > 0).toList();
        assertThat(withData)
                .extracting(AarhusGarages.Garage::code)
                .hasSize(7)
                .doesNotContain("SKOLEBAKKEN");
        for (AarhusGarages.Garage g : withData) {
            assertThat(g.errors().modelRmse())
                    .as("oracle %s", g.code())
                    .isLessThan(g.errors().naiveRmse());
            Record model = skillRow(skill, g.lotId(), SeasonalDeltaModel.NAME);
            Record naive = skillRow(skill, g.lotId(), "naive");
            assertThat((Double) model.getField("rmse_spots"))
                    .as(g.code())
                    .isLessThan((Double) naive.getField("rmse_spots"));
            assertThat((Double) model.getField("skill_vs_naive")).as(g.code()).isPositive();
        }
        assertThat(skill)
                .filteredOn(r -> (Long) r.getField(ParkingTables.FORECAST_PAIRS) > 0)
                .filteredOn(r -> !ForecastSkill.ALL_LOTS.equals(r.getField("lot_id")))
                .hasSize(2 * withData.size());
    }

    @Test
    void aReRunReplacesItsPartitionsWithIdenticalRows(@TempDir Path own) {
        CliLake copy = shared.copyTo(own);
        copy.cli(RUN);
        for (String table : TABLES) {
            List<String> again = rows(read(copy.config(), table));
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

    /** Equal within 1e-9 of the expected value; both null when there is none. */
    private static void assertClose(Double actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual)
                    .as(what)
                    .isNotNull()
                    .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        }
    }

    private static String round(Double value, int decimals) {
        return value == null ? null : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A slot as text: start, local day, quarter of day, status, free, occupied, occupancy. */
    private static String slot(Object... fields) {
        return Arrays.stream(fields).map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static Instant instant(Record r, String field) {
        return ((OffsetDateTime) r.getField(field)).toInstant();
    }

    private static Map<Object, List<Record>> byLot(List<Record> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.getField("lot_id")));
    }

    static LakeConfig config() {
        return new CliLake(dir).config();
    }

    static void cli(String... args) {
        new CliLake(dir).cli(args);
    }

    /** The rows of a gold table as the first run left them. */
    static List<Record> records(String table) {
        return gold.get(table);
    }

    static List<Record> read(LakeConfig config, String table) {
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
    static List<String> rows(List<Record> records) {
        return records.stream().map(Record::toString).sorted().toList();
    }
}
