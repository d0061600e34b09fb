package org.citylake.analytics.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Aarhus week (2014-08-15 .. 21, 449 segments, 5-minute readings) ingested, then the
 * traffic job run over it; the daily segment ranking must equal an independent computation from the
 * CSV.
 *
 * <p>The lake is built once and only read by the tests ({@link SharedLake}); the re-run works on
 * its own copy, so the tests hold in any order.
 */
class TrafficCongestionIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final Path WEEK =
            TEST_DATA.resolve(
                    "citypulse-aarhus-traffic-week/aarhus_traffic_2014-08-15_to_2014-08-21.csv.gz");
    static final Path META = TEST_DATA.resolve("citypulse-aarhus-traffic/trafficMetaData.csv");

    @TempDir static Path dir;
    static SharedLake shared;
    static Map<LocalDate, List<AarhusWeekCongestion.Ranked>> expected;
    static List<Record> firstRun;
    static long firstIndexRows;

    @BeforeAll
    static void ingestTheWeekAndRun() throws Exception {
        // a source folder holding only the week, laid out as the converter expects
        Path source = dir.resolve("source/citypulse-aarhus-traffic");
        Files.createDirectories(source);
        Files.copy(WEEK, source.resolve(WEEK.getFileName()));
        Files.copy(META, source.resolve(META.getFileName()));
        Path districts = source.resolveSibling("aarhus-districts");
        Files.createDirectories(districts);
        try (var files = Files.list(TEST_DATA.resolve("aarhus-districts"))) {
            for (Path f : files.toList()) {
                Files.copy(f, districts.resolve(f.getFileName()));
            }
        }
        cli("testdata", "convert", "--source", source.getParent().toString());
        cli("lakehouse", "init");
        cli("ref", "load");
        cli("ingest", "--batch", "--feed", "traffic", "--no-progress");
        cli("run", "traffic", "--from", "2014-08-15", "--to", "2014-08-21", "--city", "aarhus");
        shared = SharedLake.seal(new CliLake(dir));
        firstRun = ranking(config());
        firstIndexRows = rows(config(), TrafficTables.SEGMENT_CONGESTION);
        expected = AarhusWeekCongestion.dailyRanking(WEEK, META);
    }

    @AfterAll
    static void noTestChangedTheSharedLake() {
        shared.assertUnchanged();
    }

    @Test
    void dailySegmentRankingEqualsTheIndependentComputation() {
        // five weekdays: Fri 15th, Mon 18th .. Thu 21st
        assertThat(expected).hasSize(5);
        for (var day : expected.entrySet()) {
            List<Record> actual = segments(firstRun, "day", day.getKey());
            List<AarhusWeekCongestion.Ranked> want = day.getValue();
            assertThat(actual).as("ranked segments on %s", day.getKey()).hasSize(want.size());
            for (int i = 0; i < 20; i++) {
                Record a = actual.get(i);
                assertThat(a.getField(TrafficTables.SCOPE_RANK)).isEqualTo(i + 1);
                assertThat(a.getField("scope_id"))
                        .as("rank %d on %s", i + 1, day.getKey())
                        .isEqualTo(want.get(i).segment());
                assertThat((Double) a.getField("peak_tti"))
                        .isCloseTo(want.get(i).tti(), within(1e-9));
                assertThat((Double) a.getField("delay_vehicle_hours"))
                        .isCloseTo(want.get(i).delayVehicleHours(), within(1e-9));
                assertThat(a.getField("peak_readings")).isEqualTo(want.get(i).readings());
            }
        }
    }

    @Test
    void analystsTypeTheRankingsColumnNamesInCitylakeSql() throws Exception {
        LocalDate monday = LocalDate.of(2014, 8, 18);
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        org.citylake.cli.SqlCommand.run(
                config(),
                "SELECT scope_rank, scope_id FROM gold.congestion_ranking WHERE city = 'aarhus'"
                        + " AND period_kind = 'day' AND period_start = DATE '2014-08-18'"
                        + " AND scope_kind = 'segment' AND scope_rank <= 3 ORDER BY scope_rank",
                header,
                rows);
        assertThat(header).containsExactly(TrafficTables.SCOPE_RANK, "scope_id");
        assertThat(rows)
                .containsExactlyElementsOf(
                        segments(firstRun, "day", monday).stream()
                                .limit(3)
                                .map(
                                        r ->
                                                List.of(
                                                        String.valueOf(
                                                                r.getField(
                                                                        TrafficTables.SCOPE_RANK)),
                                                        String.valueOf(r.getField("scope_id"))))
                                .toList());
        header.clear();
        rows.clear();
        org.citylake.cli.SqlCommand.run(
                config(),
                "SELECT assignment_method, count(*) FROM ref.segment_districts"
                        + " GROUP BY assignment_method ORDER BY assignment_method",
                header,
                rows);
        assertThat(rows).containsExactly(List.of("length-overlap", "448"), List.of("outside", "1"));
    }

    @Test
    void theCompleteDaysOfTheLakeAreTheWeek() throws Exception {
        try (Lake lake = Lake.open(config())) {
            var days =
                    org.citylake.analytics.job.CompleteDays.of(
                            lake.table("clean.traffic_flow"),
                            "aarhus",
                            java.time.ZoneId.of("Europe/Copenhagen"),
                            java.time.Duration.ofMinutes(5));
            assertThat(days).isPresent();
            assertThat(days.get().from()).isEqualTo(LocalDate.of(2014, 8, 15));
            assertThat(days.get().to()).isEqualTo(LocalDate.of(2014, 8, 21));
        }
    }

    @Test
    void weekendsHaveNoDayRankingAndWeeksCoverTheirPeakDays() {
        assertThat(segments(firstRun, "day", LocalDate.of(2014, 8, 16))).isEmpty();
        assertThat(segments(firstRun, "day", LocalDate.of(2014, 8, 17))).isEmpty();
        // ISO week of Mon 11th holds only Fri 15th; week of Mon 18th holds Mon..Thu
        assertThat(city(firstRun, "week", LocalDate.of(2014, 8, 11)).getField("days_with_data"))
                .isEqualTo(1);
        assertThat(city(firstRun, "week", LocalDate.of(2014, 8, 18)).getField("days_with_data"))
                .isEqualTo(4);
    }

    @Test
    void districtsHoldTheCitysVehiclesButThoseOutsideEveryDistrict() {
        LocalDate monday = LocalDate.of(2014, 8, 18);
        Record city = city(firstRun, "day", monday);
        long districtVehicles =
                firstRun.stream()
                        .filter(r -> "district".equals(r.getField(TrafficTables.SCOPE_KIND)))
                        .filter(r -> "day".equals(r.getField(TrafficTables.PERIOD_KIND)))
                        .filter(r -> monday.equals(r.getField("period_start")))
                        .mapToLong(r -> (Long) r.getField("vehicles"))
                        .sum();
        long cityVehicles = (Long) city.getField("vehicles");
        // a few segments run out of the municipality's districts (ref.segment_districts)
        assertThat(districtVehicles)
                .isLessThan(cityVehicles)
                .isGreaterThan(cityVehicles * 95 / 100);
        assertThat(firstRun)
                .filteredOn(r -> "district".equals(r.getField(TrafficTables.SCOPE_KIND)))
                .noneMatch(r -> "outside".equals(r.getField("scope_id")))
                .allMatch(r -> r.getField("scope_name") != null);
        assertThat((Double) city.getField("peak_tti")).isGreaterThan(1.0).isLessThan(2.0);
    }

    @Test
    void rerunOfADayReplacesItsOwnRowsAndGivesTheSameResult(@TempDir Path own) throws Exception {
        CliLake copy = shared.copyTo(own);
        copy.cli("run", "traffic", "--from", "2014-08-18", "--city", "aarhus");
        assertThat(rows(copy.config(), TrafficTables.SEGMENT_CONGESTION)).isEqualTo(firstIndexRows);
        List<Record> second = ranking(copy.config());
        assertThat(second).hasSameSizeAs(firstRun);
        // sums are added in a fixed order: identical to the bit
        assertThat(key(second)).isEqualTo(key(firstRun));
    }

    @Test
    void indexHasFiveMinuteAndHourlyRowsForEveryDay() {
        // 2016 five-minute windows a week per segment at most, plus hours
        assertThat(firstIndexRows).isGreaterThan(449L * 7 * 24);
        try (Lake lake = Lake.open(config());
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(lake.table(TrafficTables.SEGMENT_CONGESTION))
                                .select("local_date", "window_minutes", "free_flow_method")
                                .build()) {
            java.util.Set<LocalDate> days = new java.util.TreeSet<>();
            java.util.Set<Integer> minutes = new java.util.TreeSet<>();
            java.util.Set<Object> methods = new java.util.TreeSet<>();
            rows.forEach(
                    r -> {
                        days.add((LocalDate) r.getField("local_date"));
                        minutes.add((Integer) r.getField("window_minutes"));
                        methods.add(r.getField("free_flow_method"));
                    });
            assertThat(days).hasSize(7);
            assertThat(minutes).containsExactly(5, 60);
            assertThat(methods).containsExactly("network");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> key(List<Record> rows) {
        return rows.stream()
                .map(
                        r ->
                                r.getField(TrafficTables.PERIOD_KIND)
                                        + "|"
                                        + r.getField("period_start")
                                        + "|"
                                        + r.getField(TrafficTables.SCOPE_KIND)
                                        + "|"
                                        + r.getField(TrafficTables.SCOPE_RANK)
                                        + "|"
                                        + r.getField("scope_id")
                                        + "|"
                                        + r.getField("peak_tti"))
                .sorted()
                .toList();
    }

    private static List<Record> segments(List<Record> rows, String period, LocalDate start) {
        return rows.stream()
                .filter(r -> period.equals(r.getField(TrafficTables.PERIOD_KIND)))
                .filter(r -> start.equals(r.getField("period_start")))
                .filter(r -> "segment".equals(r.getField(TrafficTables.SCOPE_KIND)))
                .sorted(Comparator.comparing(r -> (Integer) r.getField(TrafficTables.SCOPE_RANK)))
                .toList();
    }

    private static Record city(List<Record> rows, String period, LocalDate start) {
        return rows.stream()
                .filter(r -> period.equals(r.getField(TrafficTables.PERIOD_KIND)))
                .filter(r -> start.equals(r.getField("period_start")))
                .filter(r -> "city".equals(r.getField(TrafficTables.SCOPE_KIND)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no city row for " + period + " " + start));
    }

    static LakeConfig config() {
        return new CliLake(dir).config();
    }

    static void cli(String... args) {
        new CliLake(dir).cli(args);
    }

    static List<Record> ranking(LakeConfig config) {
        List<Record> out = new ArrayList<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(lake.table(TrafficTables.CONGESTION_RANKING))
                                .build()) {
            rows.forEach(r -> out.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static long rows(LakeConfig config, String table) {
        try (Lake lake = Lake.open(config)) {
            Table t = lake.table(table);
            return Long.parseLong(t.currentSnapshot().summary().get("total-records"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String city() {
        return TableRegistry.CITY;
    }
}
