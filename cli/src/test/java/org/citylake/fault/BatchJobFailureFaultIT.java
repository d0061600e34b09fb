package org.citylake.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.JobRunner;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.parking.ParkingJob;
import org.citylake.analytics.parking.ParkingTables;
import org.citylake.analytics.traffic.TrafficCongestionJob;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite.FailurePoints;
import org.citylake.lakehouse.sink.TableFiles;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.testdata.BundledCities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch job that fails half-way leaves the previous gold snapshot the readable one (DESIGN §8).
 *
 * <p>The real Aarhus traffic day (2014-08-18) and the Aarhus garages are ingested; the traffic job
 * runs for the day and the parking job for 20–23 Oct 2014 (forecast tested on the 23rd), both
 * through the CLI. Then the same runs are made to fail:
 *
 * <ol>
 *   <li>the traffic job fails after both gold tables' Parquet files are written, before anything is
 *       committed (a failing operator on the files' way to the driver);
 *   <li>the traffic run's commit of {@code gold.congestion_ranking} fails after {@code
 *       gold.segment_congestion} is committed;
 *   <li>the parking run's commit of its fourth table fails after three are committed.
 * </ol>
 *
 * Each time the run throws with a clear message, is logged {@code FAILED} in {@code ops.job_runs},
 * every gold table keeps its snapshot id and exactly its rows (count and an order-independent
 * checksum of every column), and the next successful run gives exactly the first run's rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchJobFailureFaultIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final String CITY = "aarhus";
    static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    static final LocalDate PARKING_FROM = LocalDate.of(2014, 10, 20);
    static final LocalDate PARKING_TO = LocalDate.of(2014, 10, 23);
    static final List<String> TRAFFIC =
            List.of(TrafficTables.SEGMENT_CONGESTION, TrafficTables.CONGESTION_RANKING);
    static final List<String> PARKING =
            List.of(
                    ParkingTables.OCCUPANCY,
                    ParkingTables.DAILY,
                    ParkingTables.BUSIEST,
                    ParkingTables.FORECAST,
                    ParkingTables.FORECAST_SKILL);
    static final String INJECTED = "injected failure";

    @TempDir static Path dir;
    static Map<String, TableState> trafficFirst;
    static Map<String, TableState> parkingFirst;
    static final List<String> failedTrafficRuns = new ArrayList<>();

    /** A table's current snapshot and its content: row count and sum of 64-bit row hashes. */
    record TableState(long snapshotId, long rows, long checksum) {
        Content content() {
            return new Content(rows, checksum);
        }
    }

    record Content(long rows, long checksum) {}

    @BeforeAll
    static void ingestAndRunOnce() throws Exception {
        Path source = dir.resolve("source");
        copy(TEST_DATA.resolve("citypulse-aarhus-traffic"), source);
        copy(TEST_DATA.resolve("aarhus-districts"), source);
        sliceOfTheGarages(source.resolve("citypulse-aarhus-parking"));
        cli("testdata", "convert", "--source", source.toString());
        cli("lakehouse", "init");
        cli("ref", "load");
        cli("ingest", "--batch", "--feed", "traffic", "--feed", "parking", "--no-progress");
        cli(trafficRun());
        cli(parkingRun());
        trafficFirst = states(TRAFFIC);
        parkingFirst = states(PARKING);
        // the runs wrote something to every table, so an unchanged state means something
        trafficFirst.values().forEach(s -> assertThat(s.rows()).isPositive());
        parkingFirst.values().forEach(s -> assertThat(s.rows()).isPositive());
        assertThat(runs())
                .extracting(JobRun::job, JobRun::status)
                .containsExactlyInAnyOrder(
                        tuple("traffic", "SUCCEEDED"), tuple("parking", "SUCCEEDED"));
    }

    @Test
    @Order(1)
    void trafficJobFailingAfterItsFilesAreWrittenCommitsNothing() throws Exception {
        Map<String, Long> filesBefore = filesOnDisk(TRAFFIC);
        FailurePoints failAfterFiles =
                new FailurePoints(
                        files ->
                                files.map(new FailOnceEveryTableWrote(TRAFFIC))
                                        .setParallelism(1)
                                        .name("injected failure")
                                        .uid("injected-failure"),
                        table -> {});
        String runId = UUID.randomUUID().toString();
        failedTrafficRuns.add(runId);

        assertThatThrownBy(() -> runTraffic(runId, failAfterFiles))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("citylake traffic aarhus 2014-08-18 failed")
                .hasMessageContaining("nothing committed, every table keeps its snapshot")
                .hasMessageContaining(INJECTED);

        // half-way: the run did write data files of both tables...
        Map<String, Long> filesAfter = filesOnDisk(TRAFFIC);
        for (String table : TRAFFIC) {
            assertThat(filesAfter.get(table)).as(table).isGreaterThan(filesBefore.get(table));
        }
        // ...but committed none of them
        assertThat(states(TRAFFIC)).isEqualTo(trafficFirst);
        assertThat(snapshotsOfRun(TRAFFIC, runId)).isEmpty();
        assertFailedRun(runId, "failed, nothing committed", INJECTED);
    }

    @Test
    @Order(2)
    void trafficCommitFailingOnTheSecondTableRollsBackTheFirst() throws Exception {
        FailurePoints failSecondCommit =
                new FailurePoints(
                        UnaryOperator.identity(),
                        table -> {
                            if (table.equals(TrafficTables.CONGESTION_RANKING)) {
                                throw new IllegalStateException(INJECTED + " committing " + table);
                            }
                        });
        String runId = UUID.randomUUID().toString();
        failedTrafficRuns.add(runId);

        assertThatThrownBy(() -> runTraffic(runId, failSecondCommit))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("commit to gold.congestion_ranking failed")
                .hasMessageContaining(INJECTED)
                .hasMessageContaining("rolled back gold.segment_congestion: nothing committed");

        // the first table was committed, then set back: its run snapshot exists but is not current
        assertThat(snapshotsOfRun(TRAFFIC, runId))
                .containsExactly(TrafficTables.SEGMENT_CONGESTION);
        assertThat(states(TRAFFIC)).isEqualTo(trafficFirst);
        assertFailedRun(runId, "commit to gold.congestion_ranking failed", INJECTED);
    }

    @Test
    @Order(3)
    void theNextTrafficRunGivesTheFirstRunsRows() {
        cli(trafficRun());
        Map<String, TableState> third = states(TRAFFIC);
        for (String table : TRAFFIC) {
            assertThat(third.get(table).content())
                    .as(table)
                    .isEqualTo(trafficFirst.get(table).content());
            assertThat(third.get(table).snapshotId())
                    .as(table + " committed anew")
                    .isNotEqualTo(trafficFirst.get(table).snapshotId());
        }
        List<JobRun> traffic = runs().stream().filter(r -> r.job().equals("traffic")).toList();
        assertThat(traffic).hasSize(4);
        assertThat(traffic)
                .filteredOn(r -> r.status().equals("FAILED"))
                .extracting(JobRun::runId)
                .containsExactlyInAnyOrderElementsOf(failedTrafficRuns);
        assertThat(traffic).filteredOn(r -> r.status().equals("SUCCEEDED")).hasSize(2);
    }

    @Test
    @Order(4)
    void parkingCommitFailingOnTheLastTableRollsBackTheOthersAndTheNextRunMatchesTheFirst()
            throws Exception {
        FailurePoints failLastCommit =
                new FailurePoints(
                        UnaryOperator.identity(),
                        table -> {
                            if (table.equals(ParkingTables.FORECAST_SKILL)) {
                                throw new IllegalStateException(INJECTED + " committing " + table);
                            }
                        });
        String runId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> runParking(runId, failLastCommit))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("commit to gold.parking_forecast_skill failed")
                .hasMessageContaining(
                        "rolled back gold.parking_occupancy, gold.parking_daily,"
                                + " gold.parking_busiest, gold.parking_forecast: nothing"
                                + " committed");

        assertThat(snapshotsOfRun(PARKING, runId))
                .containsExactlyInAnyOrder(
                        ParkingTables.OCCUPANCY,
                        ParkingTables.DAILY,
                        ParkingTables.BUSIEST,
                        ParkingTables.FORECAST);
        assertThat(states(PARKING)).isEqualTo(parkingFirst);
        assertFailedRun(runId, "commit to gold.parking_forecast_skill failed", INJECTED);

        cli(parkingRun());
        Map<String, TableState> next = states(PARKING);
        for (String table : PARKING) {
            assertThat(next.get(table).content())
                    .as(table)
                    .isEqualTo(parkingFirst.get(table).content());
            assertThat(next.get(table).snapshotId())
                    .as(table + " committed anew")
                    .isNotEqualTo(parkingFirst.get(table).snapshotId());
        }
    }

    /** Fails the job once files of every named table have reached it: written, none committed. */
    static final class FailOnceEveryTableWrote implements MapFunction<TableFiles, TableFiles> {
        private final Set<String> tables;
        private final Set<String> seen = new HashSet<>();

        FailOnceEveryTableWrote(List<String> tables) {
            this.tables = Set.copyOf(tables);
        }

        @Override
        public TableFiles map(TableFiles files) {
            seen.add(files.table);
            if (seen.containsAll(tables)) {
                throw new IllegalStateException(
                        INJECTED + " after the files of " + tables + " were written");
            }
            return files;
        }
    }

    static String[] trafficRun() {
        return new String[] {"run", "traffic", "--from", DAY.toString(), "--city", CITY};
    }

    static String[] parkingRun() {
        return new String[] {
            "run",
            "parking",
            "--from",
            PARKING_FROM.toString(),
            "--to",
            PARKING_TO.toString(),
            "--city",
            CITY,
            "--test-days",
            "1"
        };
    }

    /** The run the CLI makes (the job template), with failure points. */
    static void runTraffic(String runId, FailurePoints failurePoints) throws Exception {
        run(new TrafficCongestionJob(), DAY, DAY, Map.of(), runId, failurePoints);
    }

    static void runParking(String runId, FailurePoints failurePoints) throws Exception {
        run(
                new ParkingJob(),
                PARKING_FROM,
                PARKING_TO,
                Map.of("test-days", "1"),
                runId,
                failurePoints);
    }

    static <S extends java.io.Serializable> void run(
            AnalyticsJob<S> job,
            LocalDate from,
            LocalDate to,
            Map<String, String> options,
            String runId,
            FailurePoints failurePoints)
            throws Exception {
        RunPlan<S> plan = RunPlan.of(job, BundledCities.AARHUS, from, to, options, runId);
        JobRunner.run(config(), job, plan, false, JobRunner.here(failurePoints), System.err, null);
    }

    static void assertFailedRun(String runId, String... detail) {
        List<JobRun> run = runs().stream().filter(r -> r.runId().equals(runId)).toList();
        assertThat(run).hasSize(1);
        assertThat(run.get(0).status()).isEqualTo("FAILED");
        assertThat(run.get(0).detail()).contains(detail);
    }

    record JobRun(String runId, String job, String status, String detail) {}

    static List<JobRun> runs() {
        List<JobRun> runs = new ArrayList<>();
        try (Lake lake = Lake.open(config());
                CloseableIterable<Record> rows =
                        IcebergGenerics.read(lake.table(TableRegistry.JOB_RUNS)).build()) {
            for (Record r : rows) {
                runs.add(
                        new JobRun(
                                (String) r.getField("run_id"),
                                (String) r.getField("job"),
                                (String) r.getField("status"),
                                (String) r.getField("detail")));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return runs;
    }

    static Map<String, TableState> states(List<String> tables) {
        Map<String, TableState> states = new LinkedHashMap<>();
        try (Lake lake = Lake.open(config())) {
            for (String name : tables) {
                Table table = lake.table(name);
                table.refresh();
                long rows = 0;
                long checksum = 0;
                try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
                    for (Record row : it) {
                        rows++;
                        checksum += ReadingChecksum.hash(row.toString());
                    }
                }
                states.put(
                        name, new TableState(table.currentSnapshot().snapshotId(), rows, checksum));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return states;
    }

    /** The tables that hold a snapshot of the run, current or not. */
    static List<String> snapshotsOfRun(List<String> tables, String runId) {
        List<String> found = new ArrayList<>();
        try (Lake lake = Lake.open(config())) {
            for (String name : tables) {
                Table table = lake.table(name);
                table.refresh();
                for (Snapshot snapshot : table.snapshots()) {
                    if (runId.equals(snapshot.summary().get("citylake.run-id"))) {
                        found.add(name);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Parquet files in each table's folder, whether a snapshot references them or not. */
    static Map<String, Long> filesOnDisk(List<String> tables) {
        Map<String, Long> files = new LinkedHashMap<>();
        try (Lake lake = Lake.open(config())) {
            for (String name : tables) {
                String location = lake.table(name).location();
                Path folder =
                        location.contains(":/") ? Path.of(URI.create(location)) : Path.of(location);
                try (Stream<Path> all = Files.walk(folder)) {
                    files.put(name, all.filter(p -> p.toString().endsWith(".parquet")).count());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /**
     * The garages' readings of the parking run's days and one day either side (about 2,300 of the
     * 55,264 lines), so the ingest stays short.
     */
    static void sliceOfTheGarages(Path target) throws IOException {
        Path folder = TEST_DATA.resolve("citypulse-aarhus-parking");
        Files.createDirectories(target);
        Files.copy(
                folder.resolve("aarhus_parking_address.csv"),
                target.resolve("aarhus_parking_address.csv"));
        LocalDate from = PARKING_FROM.minusDays(1);
        LocalDate to = PARKING_TO.plusDays(1);
        try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        new GZIPInputStream(
                                                Files.newInputStream(
                                                        folder.resolve("aarhus_parking.csv.gz"))),
                                        StandardCharsets.UTF_8));
                Writer out =
                        new OutputStreamWriter(
                                new GZIPOutputStream(
                                        Files.newOutputStream(
                                                target.resolve("aarhus_parking.csv.gz"))),
                                StandardCharsets.UTF_8)) {
            out.write(in.readLine() + "\n"); // vehiclecount,updatetime,_id,totalspaces,...
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                LocalDate day = LocalDate.parse(line.split(",", 3)[1].substring(0, 10));
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    out.write(line + "\n");
                }
            }
        }
    }

    static void copy(Path folder, Path into) throws IOException {
        Path target = into.resolve(folder.getFileName());
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    static LakeConfig config() {
        return new CliLake(dir).config();
    }

    static void cli(String... args) {
        new CliLake(dir).cli(args);
    }
}
