package org.citylake.analytics.profile;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.Committed;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.job.IncompleteInputsException;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobContext;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;
import org.citylake.model.EntityType;

/**
 * The street profile (DESIGN §5, "whole street network"): one row per road segment per local day
 * ({@code gold.street_profile}) with what every domain the city has says about it: traffic from the
 * congestion index, parking from the garages' daily peaks, lighting energy and lamp faults of the
 * night, waste pickups and overflows, and the air of the nearest station. A domain the city does
 * not have (nothing ingested) is left out; its columns stay null.
 *
 * <p>Each domain is read at the current snapshot of its table when the graph is built, and that
 * snapshot id is written beside its values. The profile reads what the domain jobs committed: run
 * them first ({@code citylake run traffic|parking|lighting ...}); waste and air come from the clean
 * tables. The joins of assets to segments are {@link ProfileNetwork}'s rules. A city without road
 * segments but with a lighting inventory (ref.lit_segments, OSM ways) takes its lit ways as its
 * street network.
 *
 * <pre>
 * ref.road_segments, lit_segments, streetlights, parking_lots, waste_containers, air_stations
 *     ─► ProfileNetwork (when the graph is built: asset → segment, segment → station)
 *
 * ref.road_segments × days ───────────────────────────────────────► SEGMENT ─────────┐
 * gold.segment_congestion @snapshot (hours) ─► TrafficHours ───────► TRAFFIC_HOUR ────┤
 * gold.parking_daily @snapshot ─► ParkingDays (garage → segment) ──► PARKING_LOT ─────┤
 * gold.lighting_energy @snapshot (segment scope) ─► LitNights ─────► LIGHTING_SEGMENT ┤ union
 * gold.lighting_faults @snapshot ─► LampFaults (lamp → segment) ───► LIGHTING_FAULT ──┤  │
 * clean.waste_collection @snapshot ─► Pickups (bin → segment) ─────► WASTE_PICKUP ────┤  ▼
 * clean.air_quality @snapshot ─► AirReadings ─► keyBy station, day ─► AirDays ─► AIR_DAY
 *                                                     keyBy segment, day ─► StreetProfiles
 *                                                     ─► write gold.street_profile ─► committer
 * </pre>
 */
public final class StreetProfileJob implements AnalyticsJob<ProfileSettings> {

    public static final String NAME = "profile";

    static final JobOption<Double> ASSET_DISTANCE =
            JobOption.number(
                    "asset-distance",
                    "100",
                    "Garages and bins join the nearest road segment within this distance, m.");
    static final JobOption<Double> LIT_DISTANCE =
            JobOption.number(
                    "lit-distance",
                    "25",
                    "A lit segment (OSM way) whose id is no road segment joins the road segment"
                            + " nearest to its midpoint within this distance, m.");
    static final JobOption<Double> OVERFLOW_LEVEL =
            JobOption.number(
                    "overflow-level",
                    "100",
                    "Percent full before emptying at or above which a pickup is an overflow.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "The street profile: one row per road segment (ref.road_segments) per day, joining"
                        + " whatever the city has.",
                "Writes gold.street_profile: TTI of the day and of the peak hours, vehicles and"
                        + " delay vehicle-hours (gold.segment_congestion); the garages on the"
                        + " segment and their peak occupancy (gold.parking_daily); lighting kWh"
                        + " per km and lamp faults of the night (gold.lighting_energy,"
                        + " gold.lighting_faults); pickups and overflows of the bins on it"
                        + " (clean.waste_collection); PM2.5 mean and HJ 633 IAQI of the nearest"
                        + " air station (clean.air_quality). Each group carries the snapshot id"
                        + " it was read from. Run the traffic, parking and lighting jobs first.",
                "Export: citylake profile export --city C --day D --format geojson|geoparquet",
                "Example: citylake run profile --city aarhus --from 2014-08-18 --to 2014-08-18");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(ASSET_DISTANCE, LIT_DISTANCE, OVERFLOW_LEVEL);
    }

    @Override
    public ProfileSettings settings(Map<String, String> options, City city) {
        return new ProfileSettings(
                ASSET_DISTANCE.of(options),
                LIT_DISTANCE.of(options),
                OVERFLOW_LEVEL.of(options) / 100.0);
    }

    /**
     * The clean tables behind the domains, each optional: a city without a feed runs without it; a
     * city with it needs it complete over the days, as the domain jobs do.
     */
    @Override
    public List<Input> inputs(AnalyticsPeriod days, ProfileSettings settings) {
        List<String> columns = List.of(TableRegistry.CITY, TableRegistry.OBSERVED_AT);
        Map<String, Duration> feeds = new LinkedHashMap<>();
        feeds.put(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable(), Duration.ofMinutes(5));
        feeds.put(EntityType.OFF_STREET_PARKING.cleanTable(), Duration.ofMinutes(15));
        feeds.put(EntityType.STREETLIGHT.cleanTable(), Duration.ofMinutes(15));
        feeds.put(ProfileSources.WASTE_COLLECTION, Duration.ZERO);
        feeds.put(ProfileSources.AIR_QUALITY, Duration.ofHours(1));
        List<Input> inputs = new ArrayList<>();
        feeds.forEach(
                (table, interval) ->
                        inputs.add(
                                new Input(
                                        table, columns, days.start(), days.end(), interval, true)));
        return inputs;
    }

    @Override
    public Map<String, Expression> replacedRanges(RunPlan<ProfileSettings> plan) {
        return Map.of(ProfileTables.STREET_PROFILE, days(plan.days(), ProfileTables.LOCAL_DATE));
    }

    @Override
    public List<TableDef> outputs() {
        return ProfileTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<ProfileSettings> plan) {
        AnalyticsPeriod period = plan.days();
        ProfileNetwork network = network(context, plan.settings());
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String table : ProfileSources.TABLES) {
            context.currentSnapshot(table).ifPresent(id -> snapshots.put(table, id));
        }
        ProfileSources.Days days = ProfileSources.Days.of(period);

        List<ProfilePart> base = new ArrayList<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            for (String segment : network.segments().keySet()) {
                base.add(ProfilePart.segment(segment, (int) d.toEpochDay()));
            }
        }
        DataStream<ProfilePart> parts =
                context.env()
                        .fromData(base, Types.POJO(ProfilePart.class))
                        .name("segment-days")
                        .uid("segment-days");
        Expression city = Expressions.equal(TableRegistry.CITY, period.city());
        Expression observed =
                Expressions.and(
                        city,
                        Expressions.greaterThanOrEqual(
                                TableRegistry.OBSERVED_AT, micros(period.start())),
                        Expressions.lessThan(TableRegistry.OBSERVED_AT, micros(period.end())));
        parts =
                union(
                        parts,
                        context,
                        snapshots,
                        ProfileSources.CONGESTION,
                        ProfileSources.CONGESTION_COLUMNS,
                        days(period, "local_date"),
                        new ProfileSources.TrafficHours(days),
                        "traffic-hours");
        parts =
                union(
                        parts,
                        context,
                        snapshots,
                        ProfileSources.PARKING_DAILY,
                        ProfileSources.PARKING_COLUMNS,
                        days(period, "local_date"),
                        new ProfileSources.ParkingDays(days, network),
                        "parking-days");
        parts =
                union(
                        parts,
                        context,
                        snapshots,
                        ProfileSources.LIGHTING_ENERGY,
                        ProfileSources.ENERGY_COLUMNS,
                        days(period, "night"),
                        new ProfileSources.LitNights(days, network),
                        "lit-nights");
        parts =
                union(
                        parts,
                        context,
                        snapshots,
                        ProfileSources.LIGHTING_FAULTS,
                        ProfileSources.FAULT_COLUMNS,
                        days(period, "night"),
                        new ProfileSources.LampFaults(days, network),
                        "lamp-faults");
        parts =
                union(
                        parts,
                        context,
                        snapshots,
                        ProfileSources.WASTE_COLLECTION,
                        ProfileSources.PICKUP_COLUMNS,
                        observed,
                        new ProfileSources.Pickups(days, network, plan.settings().overflowLevel()),
                        "pickups");
        Long air = snapshots.get(ProfileSources.AIR_QUALITY);
        if (air != null) {
            DataStream<ProfilePart> airDays =
                    context.readAt(
                                    ProfileSources.AIR_QUALITY,
                                    air,
                                    ProfileSources.AIR_COLUMNS,
                                    observed)
                            .flatMap(new ProfileSources.AirReadings(days))
                            .returns(ProfilePart.class)
                            .name("air-readings")
                            .uid("air-readings")
                            .keyBy(p -> p.sourceId + "|" + p.epochDay, Types.STRING)
                            .process(
                                    new GroupAtEnd<>(
                                            Types.POJO(ProfilePart.class), new AirDays(network)))
                            .returns(ProfilePart.class)
                            .name("air-days")
                            .uid("air-days");
            parts = parts.union(airDays);
        }
        DataStream<ProfileRow> profiles =
                parts.keyBy(ProfilePart::key, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(ProfilePart.class),
                                        new StreetProfiles(network, snapshots)))
                        .returns(ProfileRow.class)
                        .name("street-profiles")
                        .uid("street-profiles");
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        rows.put(
                ProfileTables.STREET_PROFILE,
                context.rows(
                        ProfileTables.STREET_PROFILE, profiles.map(new ToRowData(period.city()))));
        return rows;
    }

    /** {@code parts} and the parts of {@code table} at its snapshot, if it has one. */
    private static DataStream<ProfilePart> union(
            DataStream<ProfilePart> parts,
            JobContext context,
            Map<String, Long> snapshots,
            String table,
            List<String> columns,
            Expression filter,
            FlatMapFunction<RowData, ProfilePart> toParts,
            String name) {
        Long snapshot = snapshots.get(table);
        if (snapshot == null) {
            return parts;
        }
        return parts.union(
                context.readAt(table, snapshot, columns, filter)
                        .flatMap(toParts)
                        .returns(ProfilePart.class)
                        .name(name)
                        .uid(name));
    }

    /** The joins of the city's assets to its road segments, from the ref tables. */
    static ProfileNetwork network(JobContext context, ProfileSettings settings) {
        List<ProfileNetwork.Segment> roads = segments(context, "ref.road_segments");
        if (roads.isEmpty()) {
            // a city known by its lighting inventory only: its lit ways are its street network
            roads = segments(context, "ref.lit_segments");
        }
        if (roads.isEmpty()) {
            // no data to profile (exit 66): the daily graph skips the task for such a city
            throw new IncompleteInputsException(
                    "ref.road_segments holds no segment of "
                            + context.city()
                            + " (nor ref.lit_segments): the street profile has a row per road"
                            + " segment; load the city's segments with `citylake ref load` (<feeds>/"
                            + context.city()
                            + "/ref/road_segments.jsonl)",
                    true);
        }
        List<ProfileNetwork.Line> lit =
                context.ref("ref.lit_segments").stream()
                        .map(
                                r ->
                                        new ProfileNetwork.Line(
                                                (String) r.getField("id"),
                                                (String) r.getField("geometry_wkt")))
                        .toList();
        Map<String, String> lamps = new HashMap<>();
        for (Record r : context.ref("ref.streetlights")) {
            if (r.getField("segment_id") != null) {
                lamps.put((String) r.getField("id"), (String) r.getField("segment_id"));
            }
        }
        return ProfileNetwork.of(
                roads,
                lit,
                lamps,
                sites(context, "ref.parking_lots"),
                sites(context, "ref.waste_containers"),
                sites(context, "ref.air_stations"),
                settings);
    }

    /**
     * The segments of a ref table with the columns of ref.road_segments (lit segments have them).
     */
    private static List<ProfileNetwork.Segment> segments(JobContext context, String table) {
        return context.ref(table).stream()
                .map(
                        r ->
                                new ProfileNetwork.Segment(
                                        (String) r.getField("id"),
                                        (String) r.getField("name"),
                                        (String) r.getField("road_class"),
                                        (Double) r.getField("length_m"),
                                        (String) r.getField("geometry_wkt")))
                .toList();
    }

    private static List<ProfileNetwork.Site> sites(JobContext context, String table) {
        return context.ref(table).stream()
                .map(
                        r ->
                                new ProfileNetwork.Site(
                                        (String) r.getField("id"),
                                        (Double) r.getField("lon"),
                                        (Double) r.getField("lat")))
                .toList();
    }

    private static Expression days(AnalyticsPeriod period, String column) {
        return Expressions.and(
                Expressions.equal(TableRegistry.CITY, period.city()),
                Expressions.greaterThanOrEqual(column, (int) period.from().toEpochDay()),
                Expressions.lessThanOrEqual(column, (int) period.to().toEpochDay()));
    }

    private static long micros(java.time.Instant t) {
        return java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t);
    }

    /** {@link ProfileRow} → {@code gold.street_profile}. */
    static final class ToRowData implements MapFunction<ProfileRow, RowData> {
        private final String city;

        ToRowData(String city) {
            this.city = city;
        }

        @Override
        public RowData map(ProfileRow row) {
            return row.toRowData(city);
        }
    }

    /** Per day: segments, and how many have values of each domain. */
    @Override
    public void print(Committed run, RunPlan<ProfileSettings> plan, PrintStream out) {
        List<Record> rows =
                run.read(ProfileTables.STREET_PROFILE, days(plan.days(), ProfileTables.LOCAL_DATE));
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        List<String> groups =
                List.of(
                        "traffic_snapshot_id",
                        "parking_snapshot_id",
                        "lighting_faults_snapshot_id",
                        "waste_snapshot_id",
                        "air_snapshot_id");
        for (Record r : rows) {
            int[] counts =
                    perDay.computeIfAbsent(
                            (LocalDate) r.getField(ProfileTables.LOCAL_DATE),
                            d -> new int[groups.size() + 1]);
            counts[0]++;
            for (int i = 0; i < groups.size(); i++) {
                counts[i + 1] += r.getField(groups.get(i)) == null ? 0 : 1;
            }
        }
        out.printf(
                Locale.ROOT,
                "%nStreet profile of %s: road segments per day, and those with each domain's"
                        + " values:%n",
                plan.days().city());
        List<List<String>> cells = new ArrayList<>();
        perDay.forEach(
                (day, c) -> {
                    List<String> line = new ArrayList<>();
                    line.add(day.toString());
                    for (int v : c) {
                        line.add(String.valueOf(v));
                    }
                    cells.add(line);
                });
        TextTable.print(
                out,
                List.of("day", "segments", "traffic", "parking", "lighting", "waste", "air"),
                cells,
                false);
    }
}
