package org.citylake.analytics.airquality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air-quality job end to end through the CLI: the bundled Beijing station's feed ingested, plus
 * a second city in another zone (America/New_York, with DST) holding two stations made from the
 * same real series (one as measured, one at half the PM2.5), trained on short windows and forecast.
 * The persistence figures of {@code gold.air_forecast_skill} are checked against a computation
 * straight from the source CSV (no product code): per station, pooled, per horizon.
 */
class AirQualityJobIT {

    static final Path CSV =
            Path.of("..", "test-data", "uci-beijing-pm25", "PRSA_data_2010.1.1-2014.12.31.csv.gz")
                    .toAbsolutePath()
                    .normalize();
    static final ZoneId BEIJING_ZONE = ZoneId.of("Asia/Shanghai");
    static final ZoneId LAKESIDE_ZONE = ZoneId.of("America/New_York");
    static final String EMBASSY = "beijing-us-embassy";
    static final String NORTH = "lakeside-north";
    static final String SOUTH = "lakeside-south";

    static final String[] BEIJING_TRAIN = {
        "run",
        "airquality",
        "--city",
        "beijing",
        "--train",
        "2014-01-01..2014-06-30",
        "--validate",
        "2014-07-01..2014-09-30",
        "--test",
        "2014-10-01..2014-12-31"
    };
    static final String[] LAKESIDE_TRAIN = {
        "run",
        "airquality",
        "--city",
        "lakeside",
        "--train",
        "2013-10-01..2014-06-30",
        "--validate",
        "2014-07-01..2014-09-30",
        "--test",
        "2014-10-01..2014-12-30"
    };

    @TempDir static Path dir;
    static CliLake lake;
    static CliLake.Output beijingRun;
    static CliLake.Output lakesideForecast;
    static Map<Long, Double> pm25;

    @BeforeAll
    static void ingestTrainAndForecast() throws Exception {
        lake = new CliLake(dir);
        Path source = dir.resolve("source/uci-beijing-pm25");
        Files.createDirectories(source);
        Files.copy(CSV, source.resolve(CSV.getFileName()));
        lake.cli("testdata", "convert", "--source", source.getParent().toString());
        writeLakeside(lake.lakeDir().resolve("feeds"));
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--batch", "--feed", "air", "--no-progress");
        beijingRun = lake.run(BEIJING_TRAIN);
        assertThat(beijingRun.exit()).as(beijingRun.err()).isZero();
        lake.cli(LAKESIDE_TRAIN);
        lake.cli("run", "airquality", "--city", "beijing", "--forecast-at", "2014-12-30T08:00");
        lakesideForecast =
                lake.run(
                        "run",
                        "airquality",
                        "--city",
                        "lakeside",
                        "--forecast-at",
                        "2014-12-30T08:00",
                        "--alert-above",
                        "50");
        assertThat(lakesideForecast.exit()).as(lakesideForecast.err()).isZero();
        pm25 = csvPm25();
    }

    /**
     * City {@code lakeside} (New York's zone): the Beijing feed from 2013-09-01 on, as two
     * stations, the south one with half the PM2.5.
     */
    static void writeLakeside(Path feeds) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path city = feeds.resolve("lakeside");
        Files.createDirectories(city.resolve("ref"));
        Files.writeString(
                city.resolve("ref/cities.jsonl"),
                "{\"city\":\"lakeside\",\"name\":\"Lakeside\",\"country\":\"US\","
                        + "\"time_zone\":\"America/New_York\",\"lon\":-73.9,\"lat\":40.7}\n");
        Files.writeString(
                city.resolve("ref/air_stations.jsonl"),
                "{\"city\":\"lakeside\",\"id\":\""
                        + NORTH
                        + "\",\"name\":\"North\",\"lon\":-73.9,\"lat\":40.8}\n"
                        + "{\"city\":\"lakeside\",\"id\":\""
                        + SOUTH
                        + "\",\"name\":\"South\",\"lon\":-73.9,\"lat\":40.6}\n");
        Instant from = Instant.parse("2013-09-01T00:00:00Z");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(feeds.resolve("beijing/air.jsonl"))) {
            JsonNode e = json.readTree(line);
            Instant at = OffsetDateTime.parse(e.at("/dateObserved/value").asText()).toInstant();
            if (at.isBefore(from)) {
                continue;
            }
            for (String station : List.of(NORTH, SOUTH)) {
                ObjectNode copy = e.deepCopy();
                copy.put("id", "urn:ngsi-ld:AirQualityObserved:lakeside:" + station);
                ((ObjectNode) copy.get("refPointOfInterest")).put("value", station);
                if (station.equals(SOUTH) && copy.has("pm25")) {
                    double v = copy.at("/pm25/value").asDouble();
                    ((ObjectNode) copy.get("pm25")).set("value", DoubleNode.valueOf(v / 2));
                }
                out.add(json.writeValueAsString(copy));
            }
        }
        Files.write(city.resolve("air.jsonl"), out);
    }

    /** PM2.5 by epoch hour, straight from the CSV (local Beijing time; NA left out). */
    static Map<Long, Double> csvPm25() throws Exception {
        Map<Long, Double> values = new HashMap<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(CSV)),
                                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] c = line.split(",");
                if (c[5].equals("NA")) {
                    continue;
                }
                long hour =
                        LocalDateTime.of(
                                                Integer.parseInt(c[1]),
                                                Integer.parseInt(c[2]),
                                                Integer.parseInt(c[3]),
                                                Integer.parseInt(c[4]),
                                                0)
                                        .atZone(BEIJING_ZONE)
                                        .toEpochSecond()
                                / 3600;
                values.put(hour, Double.parseDouble(c[5]));
            }
        }
        return values;
    }

    /** Persistence's {n, Σ squared error, Σ absolute error} over target hours of the local days. */
    static double[] persistence(LocalDate first, LocalDate last, ZoneId zone, int h, double scale) {
        long from = first.atStartOfDay(zone).toEpochSecond() / 3600;
        long to = last.plusDays(1).atStartOfDay(zone).toEpochSecond() / 3600;
        double[] s = new double[3];
        for (long t = from; t < to; t++) {
            Double actual = pm25.get(t);
            Double now = pm25.get(t - h);
            if (actual != null && now != null) {
                double e = scale * actual - scale * now;
                s[0]++;
                s[1] += e * e;
                s[2] += Math.abs(e);
            }
        }
        return s;
    }

    static List<Record> read(String table, String city) {
        List<Record> out = new ArrayList<>();
        try (Lake l = Lake.open(lake.config());
                CloseableIterable<Record> rows = IcebergGenerics.read(l.table(table)).build()) {
            rows.forEach(
                    r -> {
                        if (city.equals(r.getField("city"))) {
                            out.add(r.copy());
                        }
                    });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static Record skill(List<Record> rows, String station, int h) {
        return rows.stream()
                .filter(r -> station.equals(r.getField("station_id")))
                .filter(r -> r.getField("horizon").equals(h))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no skill row " + station + " h" + h));
    }

    @Test
    void beijingPersistenceEqualsTheCsvComputation() {
        List<Record> rows = read(AirTables.SKILL, "beijing");
        assertThat(rows).hasSize(2 * 24); // the station and ALL, 24 horizons
        for (int h = 1; h <= 24; h++) {
            double[] p =
                    persistence(
                            LocalDate.of(2014, 10, 1),
                            LocalDate.of(2014, 12, 31),
                            BEIJING_ZONE,
                            h,
                            1);
            for (String station : List.of(EMBASSY, "ALL")) {
                Record r = skill(rows, station, h);
                assertThat(r.getField("forecast_pairs")).as("h%d n", h).isEqualTo((long) p[0]);
                assertThat((Double) r.getField("persistence_rmse"))
                        .as("h%d", h)
                        .isCloseTo(Math.sqrt(p[1] / p[0]), within(1e-9));
                assertThat((Double) r.getField("persistence_mae"))
                        .isCloseTo(p[2] / p[0], within(1e-9));
                double rmse = (Double) r.getField("rmse");
                assertThat((Double) r.getField("skill_pct"))
                        .isCloseTo(
                                100 * (1 - rmse / (Double) r.getField("persistence_rmse")),
                                within(1e-9));
                assertThat((Double) r.getField("interval_coverage")).isBetween(0.0, 1.0);
            }
        }
        assertThat(beijingRun.out())
                .contains("PM2.5 forecast skill, beijing")
                .contains("ALL                | h24");
    }

    @Test
    void aSecondCityInAnotherZoneWithTwoStationsNeedsNoCodeChange() {
        List<Record> rows = read(AirTables.SKILL, "lakeside");
        assertThat(rows).hasSize(3 * 24);
        LocalDate first = LocalDate.of(2014, 10, 1);
        LocalDate last = LocalDate.of(2014, 12, 30);
        for (int h : new int[] {1, 6, 24}) {
            double[] north = persistence(first, last, LAKESIDE_ZONE, h, 1);
            double[] south = persistence(first, last, LAKESIDE_ZONE, h, 0.5);
            assertThat((Double) skill(rows, NORTH, h).getField("persistence_rmse"))
                    .isCloseTo(Math.sqrt(north[1] / north[0]), within(1e-9));
            assertThat((Double) skill(rows, SOUTH, h).getField("persistence_rmse"))
                    .isCloseTo(Math.sqrt(south[1] / south[0]), within(1e-9));
            Record all = skill(rows, "ALL", h);
            assertThat(all.getField("forecast_pairs")).isEqualTo((long) (north[0] + south[0]));
            assertThat((Double) all.getField("persistence_rmse"))
                    .isCloseTo(
                            Math.sqrt((north[1] + south[1]) / (north[0] + south[0])), within(1e-9));
        }
        // the window is New York's days, not Beijing's: the first target is 04:00Z, not 16:00Z
        double[] beijingDays = persistence(first, last, BEIJING_ZONE, 1, 1);
        assertThat(skill(rows, NORTH, 1).getField("forecast_pairs"))
                .isNotEqualTo((long) beijingDays[0]);
        // one model version for the city, trained on both stations
        assertThat(rows.stream().map(r -> r.getField("model_version")).distinct()).hasSize(1);
    }

    @Test
    void theArtefactIsInTheWarehouseWithItsMetadata() throws Exception {
        Record any = read(AirTables.SKILL, "lakeside").get(0);
        String artefact = (String) any.getField("artefact");
        assertThat(artefact)
                .contains("/models/airquality/lakeside/" + any.getField("model_version"));
        Path at = Path.of(java.net.URI.create(artefact));
        assertThat(at).startsWith(lake.lakeDir().resolve("warehouse").toAbsolutePath());
        JsonNode meta = new ObjectMapper().readTree(at.resolve("model.json").toFile());
        assertThat(meta.get("train").asText()).isEqualTo("2013-10-01..2014-06-30");
        assertThat(meta.get("stations").toString()).contains(NORTH, SOUTH);
        assertThat(meta.get("horizons")).hasSize(24);
        assertThat(meta.get("features").size()).isEqualTo(AirFeatures.NAMES.size());
        assertThat(Files.readString(at.resolve("h24.txt"))).startsWith("tree");
    }

    @Test
    void forecastsCarryTheIaqiAndAlertsTheHoursAboveTheBand() {
        List<Record> forecasts = read(AirTables.FORECAST, "lakeside");
        assertThat(forecasts).hasSize(2 * 24);
        Instant issued = LocalDateTime.of(2014, 12, 30, 8, 0).atZone(LAKESIDE_ZONE).toInstant();
        long above = 0;
        for (Record r : forecasts) {
            assertThat(Instant.from((OffsetDateTime) r.getField("issued_at"))).isEqualTo(issued);
            int h = (Integer) r.getField("horizon");
            assertThat(Instant.from((OffsetDateTime) r.getField("target_at")))
                    .isEqualTo(issued.plusSeconds(3600L * h));
            double p = (Double) r.getField("prediction");
            assertThat(p).isNotNegative();
            assertThat((Double) r.getField("interval_lower")).isLessThanOrEqualTo(p);
            assertThat((Double) r.getField("interval_upper")).isGreaterThanOrEqualTo(p);
            assertThat(r.getField("iaqi")).as("IAQI of %s", p).isEqualTo(iaqi(p));
            above += p > 50 ? 1 : 0;
        }
        List<Record> alerts = read(AirTables.ALERTS, "lakeside");
        assertThat(alerts).hasSize((int) above);
        assertThat(alerts)
                .allSatisfy(a -> assertThat((Double) a.getField("prediction")).isGreaterThan(50));
        assertThat(read(AirTables.FORECAST, "beijing")).hasSize(24);
        assertThat(lakesideForecast.out())
                .contains("PM2.5 forecast, lakeside, issued 2014-12-30 08:00");
    }

    @Test
    void aRerunOfAnIssueHourReplacesItsAlerts() {
        String[] rerun = {
            "run",
            "airquality",
            "--city",
            "beijing",
            "--forecast-at",
            "2014-12-30T08:00",
            "--alert-above"
        };
        lake.cli(append(rerun, "1"));
        List<Record> low = read(AirTables.ALERTS, "beijing");
        assertThat(low).as("a band of 1 µg/m³ alerts hours").isNotEmpty();
        lake.cli(append(rerun, "100000"));
        assertThat(read(AirTables.ALERTS, "beijing"))
                .as("the rerun of the same issue hour found no exceedance: no alert is left")
                .isEmpty();
        assertThat(read(AirTables.FORECAST, "beijing")).hasSize(24);
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    /** HJ 633-2012 PM2.5 IAQI, written out separately: linear between breakpoints, rounded up. */
    static Integer iaqi(double c) {
        double[][] rows = {
            {0, 35, 0, 50},
            {35, 75, 50, 100},
            {75, 115, 100, 150},
            {115, 150, 150, 200},
            {150, 250, 200, 300},
            {250, 350, 300, 400},
            {350, 500, 400, 500}
        };
        for (double[] r : rows) {
            if (c <= r[1]) {
                return (int) Math.ceil((r[3] - r[2]) / (r[1] - r[0]) * (c - r[0]) + r[2] - 1e-9);
            }
        }
        return null;
    }
}
