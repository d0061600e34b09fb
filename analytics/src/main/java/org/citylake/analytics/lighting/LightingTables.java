package org.citylake.analytics.lighting;

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
 * Gold tables of the street-lighting job (DESIGN §5 Lighting): energy per night and scope, the
 * annual energy indicator of a run's period, and the faults per lamp or cabinet and night. A night
 * {@code D} is the lighting day from local noon on {@code D} to local noon on {@code D+1}. The
 * night tables are partitioned by city and night; a run replaces every row of its nights.
 */
public final class LightingTables {

    public static final String ENERGY = "gold.lighting_energy";
    public static final String INDICATOR = "gold.lighting_indicator";
    public static final String FAULTS = "gold.lighting_faults";

    /** The night column of the night tables: the local date the lighting day starts on. */
    public static final String NIGHT = "night";

    private static final Type TS = Types.TimestampType.withZone();
    private static final Type STR = Types.StringType.get();
    private static final Type DBL = Types.DoubleType.get();
    private static final Type INT = Types.IntegerType.get();

    private LightingTables() {}

    public static List<TableDef> all() {
        return List.of(energy(), indicator(), faults());
    }

    private static TableDef energy() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the lamps"),
                        req(
                                NIGHT,
                                Types.DateType.get(),
                                "lighting day: local noon on this date to local noon the next"),
                        req("scope_level", STR, "segment, road_class, cabinet, district or city"),
                        req(
                                "scope_id",
                                STR,
                                "ref.lit_segments id, OSM highway class, ref.streetlight_cabinets"
                                        + " id, district_id ('unknown' when none) or the city id"),
                        opt("scope_name", STR, "street name of a segment, when known"),
                        req(
                                "lamps",
                                INT,
                                "lamps of ref.streetlights in the scope (a lamp of a segment"
                                        + " fed by two cabinets counts in both)"),
                        req("reporting_lamps", INT, "lamps with at least one report that night"),
                        req("reports", INT, "lamp reports received for the night"),
                        req(
                                "reports_expected",
                                INT,
                                "lamps x report slots of the lighting day (96 at 15 min; 92 or"
                                        + " 100 on DST days)"),
                        req(
                                "kwh",
                                DBL,
                                "energy from the reports: sum of power x interval (15 min, shorter"
                                        + " when the next report is sooner), kWh"),
                        req(
                                "kwh_estimated",
                                DBL,
                                "energy of the report slots missing, at the power the lamp's"
                                        + " schedule gives (rated power x its dimming level at that"
                                        + " time on its other nights; off in daylight), kWh"),
                        opt(
                                "metered_kwh",
                                DBL,
                                "cabinet meter energy between its readings of the night, kWh (a reset"
                                        + " counts from 0; a jump forward is not counted); for the"
                                        + " city the sum over its cabinets; null for other scopes"),
                        req(
                                "lit_km",
                                DBL,
                                "length of the lit segments the scope's lamps light, km (a segment"
                                        + " lit from two cabinets is shared by lamp count)"),
                        opt(
                                "kwh_per_km",
                                DBL,
                                "(kwh + kwh_estimated) / lit_km, kWh/km; null without lit length"),
                        req(
                                "burning_hours",
                                DBL,
                                "lamp-hours with power drawn, summed over the scope's lamps, h"),
                        req(
                                "night_hours",
                                DBL,
                                "sunset to sunrise at the lamps' positions, mean over the scope's"
                                        + " lamps, h"),
                        req(
                                "baseline_kwh",
                                DBL,
                                "full power from sunset to sunrise: sum of rated power x"
                                        + " night_hours at each lamp's position, kWh"),
                        opt(
                                "saving_pct",
                                DBL,
                                "100 x (1 - (kwh + kwh_estimated) / baseline_kwh), %; null when"
                                        + " the baseline is 0"));
        return new TableDef(
                TableIdentifier.parse(ENERGY),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(NIGHT).build(),
                COMMON_PROPERTIES,
                "Street-lighting energy per night by segment, road class, cabinet, district and"
                        + " city: kWh, kWh per lit km, burning hours, the full-power dusk-to-dawn"
                        + " baseline and the saving");
    }

    private static TableDef indicator() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the lamps"),
                        req("period_from", Types.DateType.get(), "first night of the run"),
                        req("period_to", Types.DateType.get(), "last night of the run, included"),
                        req("scope_level", STR, "city or road_class"),
                        req("scope_id", STR, "the city id or the OSM highway class"),
                        req(
                                "nights_with_data",
                                INT,
                                "nights of the period with lamp reports in the scope"),
                        req("kwh", DBL, "energy of those nights, reported and estimated, kWh"),
                        req("lit_km", DBL, "lit length the energy is spread over, km"),
                        opt(
                                "kwh_per_km_year",
                                DBL,
                                "kwh / nights_with_data x 365 / lit_km: annualised energy per km"
                                        + " of lit road, kWh/km/year"),
                        req(
                                "lit_area_m2",
                                DBL,
                                "length x width of the lit segments whose width is known, m²"),
                        req("kwh_on_area", DBL, "energy of the lamps on those segments, kWh"),
                        opt(
                                "kwh_per_m2_year",
                                DBL,
                                "kwh_on_area / nights_with_data x 365 / lit_area_m2: the annual"
                                        + " energy consumption indicator of EN 13201-5 (D_E) per m²"
                                        + " of road, kWh/m²/year; null without a known width"),
                        req("lamps", INT, "lamps in the scope"));
        return new TableDef(
                TableIdentifier.parse(INDICATOR),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity("period_from").build(),
                COMMON_PROPERTIES,
                "Annualised street-lighting energy per km and per m² of lit road (EN 13201-5 AECI"
                        + " style) over a run's nights");
    }

    private static TableDef faults() {
        Schema schema =
                schema(
                        req(CITY, STR, "city of the lamp or cabinet"),
                        req(
                                NIGHT,
                                Types.DateType.get(),
                                "lighting day: local noon on this date to local noon the next"),
                        req("fault_type", STR, "LightingFault: DAY_BURNER, DARK_AT_NIGHT, ..."),
                        req("entity_kind", STR, "lamp or cabinet"),
                        req("entity_id", STR, "the lamp's or the cabinet's id"),
                        opt("lamp_id", STR, "ref.streetlights id; null for a cabinet fault"),
                        opt("cabinet_id", STR, "ref.streetlight_cabinets id feeding the lamp"),
                        opt(
                                "first_seen_at",
                                TS,
                                "first reading that shows the fault (meter faults: start of the"
                                        + " first interval concerned)"),
                        opt("last_seen_at", TS, "last reading that shows the fault"),
                        req(
                                "readings_flagged",
                                INT,
                                "readings (meter intervals) that show the fault"),
                        opt(
                                "power_seen_w",
                                DBL,
                                "mean power of the flagged readings, W (lamp faults)"),
                        opt(
                                "power_expected_w",
                                DBL,
                                "power the schedule expects then: 0 in daylight, rated x dimming"
                                        + " level at night, W (lamp faults)"),
                        opt(
                                "energy_seen_kwh",
                                DBL,
                                "energy drawn in daylight (DAY_BURNER), metered (METER_*), kWh"),
                        opt(
                                "energy_expected_kwh",
                                DBL,
                                "the lamps' energy over the same meter intervals, missing report"
                                        + " slots filled from the schedule (METER_MISMATCH), kWh"),
                        req("reports_seen", INT, "reports (meter readings) of the night"),
                        req("reports_expected", INT, "report slots of the lighting day"),
                        req(
                                "severity",
                                STR,
                                "high or medium (rules in the job's documentation, LightingFaults)"),
                        req("detail", STR, "what was seen, in words"));
        return new TableDef(
                TableIdentifier.parse(FAULTS),
                schema,
                PartitionSpec.builderFor(schema).identity(CITY).identity(NIGHT).build(),
                COMMON_PROPERTIES,
                "Street-lighting faults: one row per lamp or cabinet, night and fault type, with"
                        + " its evidence");
    }
}
