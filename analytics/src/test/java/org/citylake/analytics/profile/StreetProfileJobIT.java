package org.citylake.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.citylake.analytics.profile.ProfileJoinsTest.lat;
import static org.citylake.analytics.profile.ProfileJoinsTest.line;
import static org.citylake.analytics.profile.ProfileJoinsTest.lon;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.analytics.job.JobRunner;
import org.citylake.analytics.job.RunPlan;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.sink.BatchOverwrite;
import org.citylake.lakehouse.sink.SnapshotSummary;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run profile} through the template on a MiniCluster, on the hand-drawn town of {@link
 * ProfileJoinsTest} with lighting, waste and air but no traffic or parking (the domains the Aarhus
 * acceptance test does not reach): lamps, bins and stations joined as drawn, values worked out by
 * hand, the snapshot ids those of the tables written here, the lighting feed that was never
 * ingested left out, and a re-run replaces the day with the same rows.
 */
class StreetProfileJobIT {

    static final String CITY = "town";
    static final City TOWN =
            City.of(CITY, "Town", "DK", "Europe/Copenhagen", 10.0, 56.0, null, null);
    static final LocalDate DAY = LocalDate.parse("2014-08-18");

    @TempDir Path dir;

    @Test
    void lightingWasteAndAirOfTheTownAsWorkedOutByHand() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        Map<String, Long> snapshots = new TreeMap<>();
        try (Lake lake = Lake.open(config)) {
            lake.init();
            write(lake, "ref.road_segments", roads());
            write(
                    lake,
                    "ref.lit_segments",
                    List.of(
                            row(
                                    lake,
                                    "ref.lit_segments",
                                    "id",
                                    "s2",
                                    "geometry_wkt",
                                    line(0, 0, 1, 1)),
                            row(
                                    lake,
                                    "ref.lit_segments",
                                    "id",
                                    "way/7",
                                    "geometry_wkt",
                                    line(10, 210, 290, 210)),
                            row(
                                    lake,
                                    "ref.lit_segments",
                                    "id",
                                    "way/8",
                                    "geometry_wkt",
                                    line(0, 100, 300, 100))));
            write(
                    lake,
                    "ref.streetlights",
                    List.of(
                            row(lake, "ref.streetlights", "id", "lamp1", "segment_id", "way/7"),
                            row(lake, "ref.streetlights", "id", "lamp4", "segment_id", "s2"),
                            row(lake, "ref.streetlights", "id", "lamp2", "segment_id", "way/8")));
            write(
                    lake,
                    "ref.waste_containers",
                    List.of(
                            site(lake, "ref.waste_containers", "bin1", 300, 30),
                            site(lake, "ref.waste_containers", "bin3", 590, 195),
                            site(lake, "ref.waste_containers", "binFar", 150, -150)));
            write(
                    lake,
                    "ref.air_stations",
                    List.of(
                            site(lake, "ref.air_stations", "E", 1000, 0),
                            site(lake, "ref.air_stations", "W", -100, 100)));
            String energy = "gold.lighting_energy";
            write(
                    lake,
                    energy,
                    List.of(
                            energy(lake, DAY, "segment", "s2", 3.0, 1.0, 0.3, 9),
                            energy(lake, DAY, "segment", "way/7", 5.0, 0.5, 0.28, 9),
                            energy(lake, DAY, "segment", "way/8", 100.0, 0, 1.0, 30),
                            energy(lake, DAY, "city", CITY, 108.0, 1.5, 1.58, 48),
                            energy(lake, DAY.plusDays(1), "segment", "s2", 50.0, 0, 0.3, 9)));
            String faults = "gold.lighting_faults";
            write(
                    lake,
                    faults,
                    List.of(
                            fault(lake, DAY, "DAY_BURNER", "lamp1", "lamp1"),
                            fault(lake, DAY, "DARK_AT_NIGHT", "lamp4", "lamp4"),
                            fault(lake, DAY, "OVER_POWER", "lamp4", "lamp4"),
                            fault(lake, DAY, "DAY_BURNER", "lamp2", "lamp2"),
                            fault(lake, DAY, "METER_RESET", "cab-1", null),
                            fault(lake, DAY.plusDays(1), "DAY_BURNER", "lamp4", "lamp4")));
            String pickups = "clean.waste_collection";
            append(
                    lake.table(pickups),
                    List.of(
                            pickup(lake, "bin1", "2014-08-18T08:00:00Z", 1.0, 10.0),
                            pickup(lake, "bin1", "2014-08-18T15:00:00Z", 0.5, 4.0),
                            pickup(lake, "bin3", "2014-08-18T09:00:00Z", 0.9, 7.0),
                            // 00:30 on the 19th, local time: another day
                            pickup(lake, "bin3", "2014-08-18T22:30:00Z", 1.2, 9.0),
                            pickup(lake, "binFar", "2014-08-18T10:00:00Z", 1.0, 5.0)));
            String air = "clean.air_quality";
            append(
                    lake.table(air),
                    List.of(
                            // 01:00 on the 18th, local time
                            airReading(lake, "W", "2014-08-17T23:00:00Z", 30.0),
                            airReading(lake, "W", "2014-08-18T00:00:00Z", 10.0),
                            airReading(lake, "W", "2014-08-18T01:00:00Z", 20.0),
                            airReading(lake, "W", "2014-08-18T02:00:00Z", 60.0),
                            airReading(lake, "E", "2014-08-18T12:00:00Z", 100.0),
                            airReading(lake, "E", "2014-08-18T13:00:00Z", null)));
            for (String t : List.of(energy, faults, pickups, air)) {
                snapshots.put(t, lake.table(t).currentSnapshot().snapshotId());
            }
        }

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JobRunner.Result result = run(config, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(result.outcome()).isEqualTo(JobRunner.Outcome.SUCCEEDED);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("town has no clean.streetlight (nothing ingested): left out")
                .contains("town has no clean.traffic_flow (nothing ingested): left out");
        Map<String, Record> rows = profile(config);
        assertThat(rows).containsOnlyKeys("s1", "s2", "s3");

        Record s1 = rows.get("s1");
        assertThat(s1.getField("lighting_kwh")).isNull();
        assertThat(s1.getField("lighting_faults")).isNull();
        assertThat(s1.getField("waste_bins")).isEqualTo(1);
        assertThat(s1.getField("waste_pickups")).isEqualTo(2);
        assertThat(s1.getField("waste_overflows")).isEqualTo(1);
        assertThat((Double) s1.getField("waste_kg")).isCloseTo(14.0, within(1e-12));
        assertThat(s1.getField("waste_snapshot_id"))
                .isEqualTo(snapshots.get("clean.waste_collection"));
        // W: 30, 10, 20, 60 → 30 µg/m³; HJ 633: 0..35 → 0..50, 30 x 50 / 35 = 42.9 → 43
        assertThat(s1.getField("air_station_id")).isEqualTo("W");
        assertThat(s1.getField("air_readings")).isEqualTo(4);
        assertThat((Double) s1.getField("air_pm25_mean")).isCloseTo(30.0, within(1e-12));
        assertThat(s1.getField("air_iaqi")).isEqualTo(43);
        assertThat(s1.getField("air_snapshot_id")).isEqualTo(snapshots.get("clean.air_quality"));

        Record s2 = rows.get("s2");
        assertThat(s2.getField("lighting_lit_segments")).as("%s", s2).isEqualTo(1);
        assertThat(s2.getField("lighting_lamps")).isEqualTo(9);
        assertThat((Double) s2.getField("lighting_kwh")).isCloseTo(4.0, within(1e-12));
        assertThat((Double) s2.getField("lighting_kwh_per_km")).isCloseTo(4.0 / 0.3, within(1e-12));
        assertThat(s2.getField("lighting_faults")).isEqualTo(2);
        assertThat(s2.getField("lighting_snapshot_id"))
                .isEqualTo(snapshots.get("gold.lighting_energy"));
        assertThat(s2.getField("lighting_faults_snapshot_id"))
                .isEqualTo(snapshots.get("gold.lighting_faults"));
        assertThat(s2.getField("waste_pickups")).isNull();
        assertThat(s2.getField("waste_snapshot_id")).isNull();
        // E: 100 (the reading without PM2.5 left out); 75..115 → 100..150: 131.25 → 132
        assertThat(s2.getField("air_station_id")).isEqualTo("E");
        assertThat(s2.getField("air_readings")).isEqualTo(1);
        assertThat(s2.getField("air_iaqi")).isEqualTo(132);

        Record s3 = rows.get("s3");
        assertThat(s3.getField("lighting_lit_segments")).isEqualTo(1);
        assertThat((Double) s3.getField("lighting_kwh")).isCloseTo(5.5, within(1e-12));
        assertThat((Double) s3.getField("lighting_lit_km")).isCloseTo(0.28, within(1e-12));
        assertThat(s3.getField("lighting_faults")).isEqualTo(1);
        assertThat(s3.getField("waste_pickups")).isEqualTo(1);
        assertThat(s3.getField("waste_overflows")).isEqualTo(0);
        assertThat(s3.getField("air_station_id")).isEqualTo("W");

        for (Record r : rows.values()) {
            assertThat(r.getField("traffic_tti")).isNull();
            assertThat(r.getField("traffic_snapshot_id")).isNull();
            assertThat(r.getField("parking_lots")).isNull();
            assertThat(r.getField("local_date")).isEqualTo(DAY);
        }

        run(config, System.err);
        assertThat(profile(config)).isEqualTo(rows);
    }

    @Test
    void aCityKnownByItsLampsOnlyTakesItsLitWaysAsItsStreets() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        long energySnapshot;
        try (Lake lake = Lake.open(config)) {
            lake.init();
            write(
                    lake,
                    "ref.lit_segments",
                    List.of(
                            row(
                                    lake,
                                    "ref.lit_segments",
                                    "id",
                                    "way/7",
                                    "name",
                                    "Quay",
                                    "road_class",
                                    "residential",
                                    "length_m",
                                    280.0,
                                    "geometry_wkt",
                                    line(10, 210, 290, 210)),
                            row(
                                    lake,
                                    "ref.lit_segments",
                                    "id",
                                    "way/8",
                                    "name",
                                    "Hill",
                                    "geometry_wkt",
                                    line(0, 100, 300, 100))));
            write(
                    lake,
                    "gold.lighting_energy",
                    List.of(energy(lake, DAY, "segment", "way/7", 5.0, 0.5, 0.28, 9)));
            energySnapshot = lake.table("gold.lighting_energy").currentSnapshot().snapshotId();
            // the lamps' feed, so that the run has readings of the day
            append(
                    lake.table("clean.streetlight"),
                    List.of(
                            row(
                                    lake,
                                    "clean.streetlight",
                                    TableRegistry.OBSERVED_AT,
                                    time("2014-08-18T20:00:00Z"))));
        }
        assertThat(run(config, System.err).outcome()).isEqualTo(JobRunner.Outcome.SUCCEEDED);
        Map<String, Record> rows = profile(config);
        assertThat(rows).containsOnlyKeys("way/7", "way/8");
        assertThat(rows.get("way/7").getField("segment_name")).isEqualTo("Quay");
        assertThat(rows.get("way/7").getField("road_class")).isEqualTo("residential");
        assertThat((Double) rows.get("way/7").getField("lighting_kwh_per_km"))
                .isCloseTo(5.5 / 0.28, within(1e-12));
        assertThat(rows.get("way/7").getField("lighting_snapshot_id")).isEqualTo(energySnapshot);
        assertThat(rows.get("way/8").getField("lighting_kwh")).isNull();
    }

    private static JobRunner.Result run(LakeConfig config, PrintStream log) throws Exception {
        StreetProfileJob job = (StreetProfileJob) AnalyticsJobs.get(StreetProfileJob.NAME);
        RunPlan<ProfileSettings> plan =
                RunPlan.of(job, TOWN, DAY, DAY, Map.of(), UUID.randomUUID().toString());
        return JobRunner.run(
                config,
                job,
                plan,
                false,
                JobRunner.here(BatchOverwrite.FailurePoints.NONE),
                log,
                System.out);
    }

    private static Map<String, Record> profile(LakeConfig config) throws Exception {
        Map<String, Record> rows = new TreeMap<>();
        try (Lake lake = Lake.open(config);
                CloseableIterable<Record> it =
                        IcebergGenerics.read(lake.table(ProfileTables.STREET_PROFILE)).build()) {
            it.forEach(r -> rows.put((String) r.getField("segment_id"), r.copy()));
        }
        return rows;
    }

    private List<Record> roads() {
        List<Record> out = new ArrayList<>();
        for (ProfileNetwork.Segment s : ProfileJoinsTest.ROADS) {
            out.add(
                    rowOf(
                            TableRegistry.get().table("ref.road_segments").schema(),
                            "id",
                            s.id(),
                            "name",
                            s.name(),
                            "length_m",
                            s.lengthM(),
                            "geometry_wkt",
                            s.wkt()));
        }
        return out;
    }

    private static Record site(Lake lake, String table, String id, double x, double y) {
        return row(lake, table, "id", id, "lon", lon(x), "lat", lat(y));
    }

    private static Record energy(
            Lake lake,
            LocalDate night,
            String level,
            String id,
            double kwh,
            double estimated,
            double litKm,
            int lamps) {
        return row(
                lake,
                "gold.lighting_energy",
                "night",
                night,
                "scope_level",
                level,
                "scope_id",
                id,
                "kwh",
                kwh,
                "kwh_estimated",
                estimated,
                "lit_km",
                litKm,
                "lamps",
                lamps);
    }

    private static Record fault(
            Lake lake, LocalDate night, String type, String entity, String lamp) {
        return row(
                lake,
                "gold.lighting_faults",
                "night",
                night,
                "fault_type",
                type,
                "entity_id",
                entity,
                "lamp_id",
                lamp);
    }

    private static Record pickup(Lake lake, String bin, String at, double fill, double kg) {
        return row(
                lake,
                "clean.waste_collection",
                "container_id",
                bin,
                TableRegistry.OBSERVED_AT,
                time(at),
                "fill_before",
                fill,
                "weight_kg",
                kg,
                TableRegistry.ENTITY_ID,
                bin + at);
    }

    private static Record airReading(Lake lake, String station, String at, Double pm25) {
        return row(
                lake,
                "clean.air_quality",
                "station_id",
                station,
                TableRegistry.OBSERVED_AT,
                time(at),
                "pm25",
                pm25,
                TableRegistry.ENTITY_ID,
                station + at);
    }

    private static OffsetDateTime time(String at) {
        return Instant.parse(at).atOffset(ZoneOffset.UTC);
    }

    /**
     * A row of {@code table}: the city, the given columns, every other required column a filler.
     */
    private static Record row(Lake lake, String table, Object... columns) {
        return rowOf(lake.table(table).schema(), columns);
    }

    private static Record rowOf(org.apache.iceberg.Schema schema, Object... columns) {
        Record r = GenericRecord.create(schema);
        for (Types.NestedField f : schema.columns()) {
            if (f.isRequired()) {
                r.setField(f.name(), filler(f.type()));
            }
        }
        r.setField(TableRegistry.CITY, CITY);
        for (int i = 0; i < columns.length; i += 2) {
            r.setField((String) columns[i], columns[i + 1]);
        }
        return r;
    }

    private static Object filler(Type type) {
        return switch (type.typeId()) {
            case STRING -> "test";
            case INTEGER -> 0;
            case LONG -> 0L;
            case DOUBLE -> 0.0;
            case BOOLEAN -> false;
            case DATE -> DAY;
            case TIMESTAMP -> time("2014-08-18T00:00:00Z");
            default -> throw new IllegalArgumentException("no filler for " + type);
        };
    }

    /** One commit per row: a data file holds one partition (nights, days), as a job writes it. */
    private static void write(Lake lake, String table, List<Record> rows) {
        for (Record r : rows) {
            RefTableWriter.append(lake.table(table), List.of(r));
        }
    }

    /** Appends the readings, then records the city's watermark as the ingest job does. */
    private static void append(Table table, List<Record> readings) {
        for (Record r : readings) {
            RefTableWriter.append(table, List.of(r));
        }
        String watermark = "2014-09-01T00:00:00Z";
        AppendFiles marker = table.newAppend();
        marker.set(SnapshotSummary.WATERMARK, watermark)
                .set(SnapshotSummary.CITY_WATERMARK + CITY, watermark)
                .commit();
    }
}
