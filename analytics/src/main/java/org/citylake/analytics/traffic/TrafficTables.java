package org.citylake.analytics.traffic;

import static org.citylake.lakehouse.tables.TableRegistry.CITY;
import static org.citylake.lakehouse.tables.TableRegistry.COMMON_PROPERTIES;
import static org.citylake.lakehouse.tables.TableRegistry.opt;
import static org.citylake.lakehouse.tables.TableRegistry.req;
import static org.citylake.lakehouse.tables.TableRegistry.schema;

import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.lakehouse.tables.TableDef;

/**
 * Gold tables of the traffic job: the congestion index per segment and the congestion rankings.
 * Both are partitioned by identity columns only, so a re-run for a period replaces whole
 * partitions.
 */
public final class TrafficTables {

    public static final String SEGMENT_CONGESTION = "gold.segment_congestion";
    public static final String CONGESTION_RANKING = "gold.congestion_ranking";

    /** Day or week, in {@link #CONGESTION_RANKING} (was {@code period}, reserved in Flink SQL). */
    public static final String PERIOD_KIND = "period_kind";

    /** Segment, district or city (was {@code scope}, reserved in Flink SQL). */
    public static final String SCOPE_KIND = "scope_kind";

    /** 1 = most congested of its scope kind (was {@code rank}, reserved in Flink SQL). */
    public static final String SCOPE_RANK = "scope_rank";

    private static final Type TS = Types.TimestampType.withZone();

    private TrafficTables() {}

    public static List<TableDef> all() {
        return List.of(segmentCongestion(), congestionRanking());
    }

    private static TableDef segmentCongestion() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city of the segment"),
                        req("segment_id", Types.StringType.get(), "ref.road_segments id"),
                        req("window_start", TS, "start of the window"),
                        req(
                                "window_minutes",
                                Types.IntegerType.get(),
                                "window length: 5 (one reading interval) or 60 (hour)"),
                        req("local_date", Types.DateType.get(), "day of window_start, city time"),
                        req("local_hour", Types.IntegerType.get(), "hour of window_start, 0..23"),
                        req(
                                "is_peak",
                                Types.BooleanType.get(),
                                "window_start lies in the peak hours of a peak day"),
                        req("flow", Types.LongType.get(), "vehicles counted in the window"),
                        opt(
                                "mean_speed_kmh",
                                Types.DoubleType.get(),
                                "flow-weighted mean speed, km/h"),
                        opt(
                                "travel_time_s",
                                Types.DoubleType.get(),
                                "flow-weighted mean travel time over the segment, s"),
                        opt(
                                "free_flow_time_s",
                                Types.DoubleType.get(),
                                "free-flow travel time over the segment, s"),
                        opt(
                                "tti",
                                Types.DoubleType.get(),
                                "travel time index = travel time / free-flow time, clipped below"
                                        + " at 1, flow-weighted; null without vehicles"),
                        opt("congestion_pct", Types.DoubleType.get(), "(tti - 1) x 100, %"),
                        opt(
                                "band",
                                Types.StringType.get(),
                                "Gaode band: free (<1.5), slow (<2), congested (<4), severe"),
                        req(
                                "free_flow_method",
                                Types.StringType.get(),
                                "network (reference free-flow time), night-p85 (85th percentile"
                                        + " of night-time speeds) or none"),
                        req(
                                "readings",
                                Types.IntegerType.get(),
                                "readings in the window, with or without vehicles"),
                        req(
                                "outlier_readings",
                                Types.IntegerType.get(),
                                "readings left out as implausible (raw TTI above the cap)"));
        PartitionSpec spec =
                PartitionSpec.builderFor(schema).identity(CITY).identity("local_date").build();
        return new TableDef(
                TableIdentifier.parse(SEGMENT_CONGESTION),
                schema,
                spec,
                COMMON_PROPERTIES,
                "Congestion index per road segment per 5 minutes and per hour");
    }

    private static TableDef congestionRanking() {
        Schema schema =
                schema(
                        req(CITY, Types.StringType.get(), "city ranked"),
                        req(PERIOD_KIND, Types.StringType.get(), "day or week (ISO, Monday first)"),
                        req(
                                "period_start",
                                Types.DateType.get(),
                                "first day of the period, city time"),
                        req(
                                "period_end",
                                Types.DateType.get(),
                                "day after the last day of the period (exclusive)"),
                        req(SCOPE_KIND, Types.StringType.get(), "segment, district or city"),
                        req(
                                "scope_id",
                                Types.StringType.get(),
                                "segment id, district id (or 'outside') or city"),
                        opt("scope_name", Types.StringType.get(), "human-readable name"),
                        req(
                                SCOPE_RANK,
                                Types.IntegerType.get(),
                                "1 = most congested within (city, period_kind, period_start,"
                                        + " scope_kind);"
                                        + " cities against each other: view"
                                        + " gold.v_city_congestion_ranking"),
                        req(
                                "peak_tti",
                                Types.DoubleType.get(),
                                "peak-hour travel time index weighted by length x flow"),
                        req("congestion_pct", Types.DoubleType.get(), "(peak_tti - 1) x 100, %"),
                        req("band", Types.StringType.get(), "Gaode band of peak_tti"),
                        req(
                                "delay_vehicle_hours",
                                Types.DoubleType.get(),
                                "peak-hour delay: sum of vehicles x (travel time - free-flow"
                                        + " time), h"),
                        req("vehicles", Types.LongType.get(), "vehicles counted in peak hours"),
                        req(
                                "vehicle_km",
                                Types.DoubleType.get(),
                                "peak-hour vehicles x segment length, km"),
                        req(
                                "length_km",
                                Types.DoubleType.get(),
                                "length of the segments with peak data, km"),
                        req("segments", Types.IntegerType.get(), "segments with peak data"),
                        req(
                                "peak_readings",
                                Types.IntegerType.get(),
                                "peak readings with vehicles used in the index"),
                        req(
                                "outlier_readings",
                                Types.IntegerType.get(),
                                "peak readings left out as implausible"),
                        req(
                                "days_with_data",
                                Types.IntegerType.get(),
                                "peak days of the period with data"));
        PartitionSpec spec =
                PartitionSpec.builderFor(schema)
                        .identity(CITY)
                        .identity(PERIOD_KIND)
                        .identity("period_start")
                        .build();
        return new TableDef(
                        TableIdentifier.parse(CONGESTION_RANKING),
                        schema,
                        spec,
                        COMMON_PROPERTIES,
                        "Congestion rankings of segments, districts and cities by peak-hour TTI")
                .renamedFrom("period", PERIOD_KIND)
                .renamedFrom("scope", SCOPE_KIND)
                .renamedFrom("rank", SCOPE_RANK);
    }
}
