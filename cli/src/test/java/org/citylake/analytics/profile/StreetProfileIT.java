package org.citylake.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.cli.CliLake;
import org.citylake.geo.Geodesy;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKTReader;

/**
 * The acceptance test of the street profile on the bundled Aarhus day (2014-08-18): the real
 * traffic day and the real garages converted and ingested, the traffic and parking jobs run, then
 * {@code citylake run profile} for the day. Every row of {@code gold.street_profile} must equal the
 * gold rows it joins, computed here from {@code gold.segment_congestion} and {@code
 * gold.parking_daily} read directly (garages put on their segments by geodesic distances, GeoTools,
 * not the job's projection), with the snapshot ids of those tables. Then the day is exported as
 * GeoJSON and GeoParquet and read back (Jackson; DuckDB and JTS for the Parquet).
 */
class StreetProfileIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final LocalDate DAY = LocalDate.parse("2014-08-18");
    static final String CITY = "aarhus";
    static final double ASSET_DISTANCE_M = 100;

    @TempDir static Path dir;
    static CliLake lake;
    static List<Record> profile;
    static List<Record> hours;
    static List<Record> parkingDays;
    static List<Record> segments;
    static List<Record> lots;
    static Map<String, Long> snapshots;

    @BeforeAll
    static void ingestRunTheJobsAndTheProfile() throws Exception {
        Path source = dir.resolve("source");
        for (String set :
                List.of(
                        "citypulse-aarhus-traffic",
                        "citypulse-aarhus-parking",
                        "aarhus-districts")) {
            Path to = source.resolve(set);
            Files.createDirectories(to);
            try (var files = Files.list(TEST_DATA.resolve(set))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        lake = new CliLake(dir);
        lake.cli("testdata", "convert", "--source", source.toString());
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--batch", "--feed", "traffic", "--no-progress");
        lake.cli("ingest", "--batch", "--feed", "parking", "--no-progress");
        String day = DAY.toString();
        lake.cli("run", "traffic", "--from", day, "--to", day, "--city", CITY);
        lake.cli("run", "parking", "--from", day, "--to", day, "--city", CITY);
        lake.cli("run", "profile", "--from", day, "--to", day, "--city", CITY);
        try (Lake open = Lake.open(lake.config())) {
            profile = read(open, "gold.street_profile", "local_date");
            hours = read(open, "gold.segment_congestion", "local_date");
            parkingDays = read(open, "gold.parking_daily", "local_date");
            segments = read(open, "ref.road_segments", null);
            lots = read(open, "ref.parking_lots", null);
            snapshots = new HashMap<>();
            for (String t : List.of("gold.segment_congestion", "gold.parking_daily")) {
                snapshots.put(t, open.table(t).currentSnapshot().snapshotId());
            }
        }
    }

    static List<Record> read(Lake lake, String name, String dayColumn) throws Exception {
        Table table = lake.table(name);
        org.apache.iceberg.expressions.Expression where = Expressions.equal("city", CITY);
        if (dayColumn != null) {
            where = Expressions.and(where, Expressions.equal(dayColumn, (int) DAY.toEpochDay()));
        }
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(table).where(where).build()) {
            it.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }

    static Map<String, Record> bySegment(List<Record> rows) {
        return rows.stream()
                .collect(
                        Collectors.toMap(
                                r -> (String) r.getField("segment_id"),
                                r -> r,
                                (a, b) -> a,
                                TreeMap::new));
    }

    @Test
    void oneRowPerRoadSegmentOfTheDay() {
        assertThat(segments).hasSize(449);
        assertThat(profile).hasSize(segments.size());
        assertThat(bySegment(profile).keySet())
                .containsExactlyInAnyOrderElementsOf(
                        segments.stream().map(r -> (String) r.getField("id")).toList());
        Map<String, Record> refs =
                segments.stream().collect(Collectors.toMap(r -> (String) r.getField("id"), r -> r));
        for (Record row : profile) {
            Record ref = refs.get((String) row.getField("segment_id"));
            assertThat(row.getField("geometry_wkt")).isEqualTo(ref.getField("geometry_wkt"));
            assertThat(row.getField("length_m")).isEqualTo(ref.getField("length_m"));
            assertThat(row.getField("local_date")).isEqualTo(DAY);
        }
    }

    @Test
    void everyTrafficValueEqualsTheCongestionRowsItJoins() {
        Map<String, List<Record>> hourly =
                hours.stream()
                        .filter(r -> (Integer) r.getField("window_minutes") == 60)
                        .collect(Collectors.groupingBy(r -> (String) r.getField("segment_id")));
        assertThat(hourly).as("segments with hourly congestion rows").hasSizeGreaterThan(400);
        long withPeak = 0;
        for (Record row : profile) {
            String segment = (String) row.getField("segment_id");
            List<Record> h = hourly.getOrDefault(segment, List.of());
            if (h.isEmpty()) {
                assertThat(row.getField("traffic_tti")).as(segment).isNull();
                assertThat(row.getField("traffic_snapshot_id")).as(segment).isNull();
                continue;
            }
            long vehicles = 0;
            double flowTti = 0, flow = 0, peakFlowTti = 0, peakFlow = 0, delay = 0;
            int withTti = 0;
            for (Record r : h) {
                long f = (Long) r.getField("flow");
                Double tti = (Double) r.getField("tti");
                Double freeFlow = (Double) r.getField("free_flow_time_s");
                vehicles += f;
                if (tti == null || f <= 0) {
                    continue;
                }
                withTti++;
                flowTti += f * tti;
                flow += f;
                if ((Boolean) r.getField("is_peak")) {
                    peakFlowTti += f * tti;
                    peakFlow += f;
                }
                if (freeFlow != null) {
                    delay += f * (tti - 1) * freeFlow / 3600.0;
                }
            }
            assertThat(row.getField("traffic_vehicles")).as(segment).isEqualTo(vehicles);
            assertThat(row.getField("traffic_hours")).as(segment).isEqualTo(withTti);
            assertClose(row, "traffic_tti", flow > 0 ? flowTti / flow : null);
            assertClose(row, "traffic_peak_tti", peakFlow > 0 ? peakFlowTti / peakFlow : null);
            assertClose(row, "traffic_delay_vehicle_hours", delay);
            assertThat(row.getField("traffic_snapshot_id"))
                    .as(segment)
                    .isEqualTo(snapshots.get("gold.segment_congestion"));
            withPeak += peakFlow > 0 ? 1 : 0;
        }
        assertThat(withPeak).as("segments with a peak-hour TTI on a Monday").isGreaterThan(400);
    }

    @Test
    void everyParkingValueEqualsTheDailyRowsOfTheGaragesOnTheSegment() throws Exception {
        // each garage on its nearest segment within 100 m, by geodesic distance (GeoTools)
        WKTReader wkt = new WKTReader();
        GeometryFactory factory = new GeometryFactory();
        Map<String, Geometry> lines = new TreeMap<>();
        for (Record s : segments) {
            lines.put((String) s.getField("id"), wkt.read((String) s.getField("geometry_wkt")));
        }
        Map<String, String> segmentOfLot = new TreeMap<>();
        for (Record lot : lots) {
            Geometry at =
                    factory.createPoint(
                            new Coordinate(
                                    (Double) lot.getField("lon"), (Double) lot.getField("lat")));
            String nearest = null;
            double best = Double.MAX_VALUE;
            for (var line : lines.entrySet()) {
                double d = Geodesy.distanceMeters(at, line.getValue());
                if (d < best) {
                    best = d;
                    nearest = line.getKey();
                }
            }
            if (best <= ASSET_DISTANCE_M) {
                segmentOfLot.put((String) lot.getField("id"), nearest);
            }
        }
        assertThat(segmentOfLot).as("garages within 100 m of a segment").isNotEmpty();
        Map<String, List<Record>> daysOfSegment = new TreeMap<>();
        for (Record d : parkingDays) {
            String segment = segmentOfLot.get((String) d.getField("lot_id"));
            if (segment != null) {
                daysOfSegment.computeIfAbsent(segment, k -> new ArrayList<>()).add(d);
            }
        }
        assertThat(daysOfSegment).as("segments with a garage's day").isNotEmpty();
        for (Record row : profile) {
            String segment = (String) row.getField("segment_id");
            List<Record> days = daysOfSegment.getOrDefault(segment, List.of());
            if (days.isEmpty()) {
                assertThat(row.getField("parking_lots")).as(segment).isNull();
                assertThat(row.getField("parking_snapshot_id")).as(segment).isNull();
                continue;
            }
            assertThat(row.getField("parking_lots")).as(segment).isEqualTo(days.size());
            assertThat(row.getField("parking_lot_ids"))
                    .isEqualTo(
                            days.stream()
                                    .map(d -> (String) d.getField("lot_id"))
                                    .sorted()
                                    .collect(Collectors.joining(",")));
            assertThat(row.getField("parking_capacity"))
                    .isEqualTo(days.stream().mapToInt(d -> (Integer) d.getField("capacity")).sum());
            assertClose(
                    row,
                    "parking_peak_occupancy",
                    days.stream()
                            .map(d -> (Double) d.getField("peak_occupancy"))
                            .filter(v -> v != null)
                            .max(Comparator.naturalOrder())
                            .orElse(null));
            assertThat(row.getField("parking_snapshot_id"))
                    .isEqualTo(snapshots.get("gold.parking_daily"));
        }
    }

    @Test
    void domainsAarhusDoesNotHaveStayNull() {
        for (Record row : profile) {
            for (String column :
                    List.of(
                            "lighting_kwh",
                            "lighting_faults",
                            "lighting_snapshot_id",
                            "waste_pickups",
                            "waste_snapshot_id",
                            "air_pm25_mean",
                            "air_station_id",
                            "air_snapshot_id")) {
                assertThat(row.getField(column)).as(column).isNull();
            }
        }
    }

    @Test
    void aReRunReplacesTheDayWithTheSameRows() throws Exception {
        CliLake.Output again =
                lake.run(
                        "run",
                        "profile",
                        "--from",
                        DAY.toString(),
                        "--to",
                        DAY.toString(),
                        "--city",
                        CITY);
        assertThat(again.exit()).isZero();
        try (Lake open = Lake.open(lake.config())) {
            List<Record> rerun = read(open, "gold.street_profile", "local_date");
            assertThat(rerun).hasSameSizeAs(profile);
            Map<String, Record> before = bySegment(profile);
            for (Record r : rerun) {
                assertThat(r).isEqualTo(before.get((String) r.getField("segment_id")));
            }
        }
    }

    @Test
    void geoJsonHasAFeaturePerSegmentWithTheProfileAsProperties() throws Exception {
        Path out = dir.resolve("export/aarhus.geojson");
        lake.cli(
                "profile",
                "export",
                "--city",
                CITY,
                "--day",
                DAY.toString(),
                "--format",
                "geojson",
                "--out",
                out.toString());
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("type").asText()).isEqualTo("FeatureCollection");
        JsonNode features = json.get("features");
        assertThat(features).hasSize(profile.size());
        Map<String, Record> rows = bySegment(profile);
        for (JsonNode f : features) {
            JsonNode p = f.get("properties");
            Record row = rows.get(p.get("segment_id").asText());
            assertThat(row).isNotNull();
            assertThat(f.get("id").asText()).isEqualTo(p.get("segment_id").asText());
            assertThat(f.get("geometry").get("type").asText()).isEqualTo("LineString");
            assertThat(p.get("local_date").asText()).isEqualTo(DAY.toString());
            assertThat(p.has("geometry_wkt")).isFalse();
            Double tti = (Double) row.getField("traffic_tti");
            if (tti == null) {
                assertThat(p.get("traffic_tti").isNull()).isTrue();
            } else {
                assertThat(p.get("traffic_tti").asDouble()).isEqualTo(tti);
            }
            assertThat(p.get("traffic_snapshot_id").isNull())
                    .isEqualTo(row.getField("traffic_snapshot_id") == null);
            Geometry line = new WKTReader().read((String) row.getField("geometry_wkt"));
            JsonNode first = f.get("geometry").get("coordinates").get(0);
            assertThat(first.get(0).asDouble()).isEqualTo(line.getCoordinates()[0].x);
            assertThat(first.get(1).asDouble()).isEqualTo(line.getCoordinates()[0].y);
        }
    }

    @Test
    void geoParquetCarriesTheGeoMetadataAndTheSameRows() throws Exception {
        Path out = dir.resolve("export/aarhus.parquet");
        lake.cli(
                "profile",
                "export",
                "--city",
                CITY,
                "--day",
                DAY.toString(),
                "--format",
                "geoparquet",
                "--out",
                out.toString());
        Map<String, Record> rows = bySegment(profile);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            String file = "'" + out.toAbsolutePath() + "'";
            try (ResultSet rs =
                    sql.executeQuery("SELECT count(*) FROM read_parquet(" + file + ")")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(profile.size());
            }
            String geo;
            try (ResultSet rs =
                    sql.executeQuery(
                            "SELECT decode(value) FROM parquet_kv_metadata("
                                    + file
                                    + ") WHERE decode(key) = 'geo'")) {
                assertThat(rs.next()).as("a 'geo' key in the file metadata").isTrue();
                geo = rs.getString(1);
            }
            JsonNode meta = new ObjectMapper().readTree(geo);
            assertThat(meta.get("version").asText()).isEqualTo("1.1.0");
            assertThat(meta.get("primary_column").asText()).isEqualTo("geometry");
            JsonNode column = meta.get("columns").get("geometry");
            assertThat(column.get("encoding").asText()).isEqualTo("WKB");
            assertThat(column.get("geometry_types")).hasSize(1);
            assertThat(column.get("geometry_types").get(0).asText()).isEqualTo("LineString");
            JsonNode bbox = column.get("bbox");
            assertThat(bbox).hasSize(4);
            // the box of the segments' vertices, computed here from the WKT
            org.locationtech.jts.geom.Envelope box = new org.locationtech.jts.geom.Envelope();
            for (Record r : profile) {
                box.expandToInclude(
                        new WKTReader()
                                .read((String) r.getField("geometry_wkt"))
                                .getEnvelopeInternal());
            }
            assertThat(bbox.get(0).asDouble()).isEqualTo(box.getMinX());
            assertThat(bbox.get(1).asDouble()).isEqualTo(box.getMinY());
            assertThat(bbox.get(2).asDouble()).isEqualTo(box.getMaxX());
            assertThat(bbox.get(3).asDouble()).isEqualTo(box.getMaxY());
            try (ResultSet rs =
                    sql.executeQuery(
                            "SELECT segment_id, traffic_vehicles, geometry FROM read_parquet("
                                    + file
                                    + ")")) {
                int n = 0;
                WKBReader wkb = new WKBReader();
                WKTReader wkt = new WKTReader();
                while (rs.next()) {
                    n++;
                    Record row = rows.get(rs.getString(1));
                    assertThat(row).isNotNull();
                    Object vehicles = rs.getObject(2);
                    assertThat(vehicles == null ? null : ((Number) vehicles).longValue())
                            .isEqualTo(row.getField("traffic_vehicles"));
                    Geometry line = wkb.read(rs.getBytes(3));
                    assertThat(line.equalsExact(wkt.read((String) row.getField("geometry_wkt"))))
                            .as("geometry of %s", rs.getString(1))
                            .isTrue();
                }
                assertThat(n).isEqualTo(profile.size());
            }
        }
    }

    @Test
    void exportingADayWithoutAProfileSaysWhatToRun() {
        CliLake.Output out =
                lake.run(
                        "profile",
                        "export",
                        "--city",
                        CITY,
                        "--day",
                        "2014-08-19",
                        "--format",
                        "geojson",
                        "--out",
                        dir.resolve("none.geojson").toString());
        assertThat(out.exit()).isEqualTo(1);
        assertThat(out.err())
                .contains("gold.street_profile has no row of aarhus on 2014-08-19")
                .contains("citylake run profile --city aarhus --from 2014-08-19 --to 2014-08-19");
    }

    private static void assertClose(Record row, String column, Double expected) {
        Object actual = row.getField(column);
        String what = row.getField("segment_id") + " " + column;
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat((Double) actual).as(what).isCloseTo(expected, within(1e-9));
        }
    }
}
