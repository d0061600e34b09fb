package org.citylake.analytics.lighting;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.Committed;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.job.Input;
import org.citylake.analytics.job.JobContext;
import org.citylake.analytics.job.JobOption;
import org.citylake.analytics.job.RunPlan;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;
import org.citylake.model.LightingFault;

/**
 * The street-lighting job (DESIGN §5 Lighting): lamp reports and cabinet meters of nights {@code
 * --from..--to} (a night {@code D} is the lighting day from local noon on {@code D} to local noon
 * on {@code D+1}) → energy per night by segment, road class, cabinet, district and city against the
 * full-power dusk-to-dawn baseline, the period's annual energy indicator, and the faults of lamps
 * and cabinets.
 *
 * <pre>
 * clean.streetlight (noon from .. noon after to) ─┐
 * ref.streetlights (one marker per lamp) ─────────┴─► keyBy lamp ─► LampSeries (LampNights)
 *     side: DAY_BURNER, DARK_AT_NIGHT, OVER_POWER ─────────────────────────────┐
 *     main: lamp nights (slots) ─┬─► keyBy cabinet ◄─ clean.streetlight_cabinet │
 *                                │     CabinetSeries (CabinetNights)             │
 *                                │     side: METER_RESET, METER_MISMATCH ───────┤
 *                                │     main: cabinet nights ─┐                   │
 *                                └───────────────────────────┴─► keyBy night     │
 *                                      NightSeries (NightRollup)                 │
 *                                      side: MISSING_REPORTS ───────────────────┴► gold.lighting_faults
 *                                      main: energy rows ─┬──────────────────────► gold.lighting_energy
 *                                                         └ city, road class: keyBy city
 *                                                           IndicatorGroup ──────► gold.lighting_indicator
 * </pre>
 *
 * <p>Energy and the lamp fault rules: {@link LampNights}; meters: {@link CabinetNights}; roll-ups
 * and missing reports: {@link NightRollup}; the indicator: {@link Indicator}. Sunset and sunrise
 * are {@link org.citylake.geo.sun.SolarDay}'s at each lamp's position. A run commits every table at
 * the end, all or nothing; {@code gold.lighting_energy} and {@code gold.lighting_faults} are
 * replaced for the run's nights as a whole (a night that no longer has a fault loses it), {@code
 * gold.lighting_indicator} for the run's first night. Re-runs give the same rows.
 */
public final class LightingJob implements AnalyticsJob<LightingSettings> {

    public static final String NAME = "lighting";

    static final JobOption<Integer> REPORT_INTERVAL =
            JobOption.integer(
                    "report-interval",
                    "15",
                    "Minutes between a lamp's (and a cabinet's) reports; a report's power lasts"
                            + " until the next one, at most this long.");
    static final JobOption<Integer> SWITCH_MARGIN =
            JobOption.integer(
                    "switch-margin",
                    "30",
                    "Minutes around sunset and sunrise in which photocells may switch: only power"
                            + " drawn earlier than sunset - margin or from sunrise + margin on is a"
                            + " day burner, only darkness from sunset + margin to sunrise - margin"
                            + " is dark at night.");
    static final JobOption<Double> OVER_POWER =
            JobOption.number(
                    "over-power",
                    "1.3",
                    "A lamp drawing more than this factor x rated power x dimming level is"
                            + " OVER_POWER.");
    static final JobOption<Double> METER_TOLERANCE =
            JobOption.number(
                    "meter-tolerance",
                    "4",
                    "Percent by which a cabinet's meter may differ from the energy of its lamps"
                            + " before it is METER_MISMATCH.");
    static final JobOption<Double> REPORT_SHARE =
            JobOption.number(
                    "report-share",
                    "50",
                    "Percent of a lighting day's report slots a lamp must send; fewer is"
                            + " MISSING_REPORTS.");
    static final JobOption<Integer> FAULT_READINGS =
            JobOption.integer(
                    "fault-readings",
                    "2",
                    "Fewest reports that must show a lamp fault (day burner, dark, over power)"
                            + " before it is reported.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> description() {
        return List.of(
                "Street-lighting energy and faults per night from clean.streetlight (lamp reports:"
                        + " power, state, dimming level) and clean.streetlight_cabinet (cumulative"
                        + " meters), over the lighting inventory (ref.streetlights,"
                        + " ref.lit_segments, ref.streetlight_cabinets).",
                "A night D runs from local noon on D to local noon on D+1, so --from/--to name"
                        + " nights and the run needs the readings up to noon after --to. Sunset and"
                        + " sunrise are computed at each lamp's position.",
                "Writes gold.lighting_energy (per night, by segment, road class, cabinet, district"
                        + " and city: kWh = sum of power x interval, missing reports estimated"
                        + " from the lamp's schedule, metered kWh, lit km, kWh per km, burning"
                        + " hours, the full-power sunset-to-sunrise baseline and the saving %),"
                        + " gold.lighting_indicator (annualised kWh per km and per m² of lit road,"
                        + " EN 13201-5 style) and gold.lighting_faults (DAY_BURNER, DARK_AT_NIGHT,"
                        + " OVER_POWER, MISSING_REPORTS per lamp; METER_RESET, METER_MISMATCH per"
                        + " cabinet; one row per entity, night and type, with evidence and"
                        + " severity); then prints kWh per km by road class, the saving and the"
                        + " faults by type.",
                "Example: citylake run lighting --city monaco --from 2025-01-06 --to 2025-01-12");
    }

    @Override
    public List<JobOption<?>> options() {
        return List.of(
                REPORT_INTERVAL,
                SWITCH_MARGIN,
                OVER_POWER,
                METER_TOLERANCE,
                REPORT_SHARE,
                FAULT_READINGS);
    }

    @Override
    public LightingSettings settings(Map<String, String> options, City city) {
        JobOption.requireKnown(options(), options);
        return new LightingSettings(
                Duration.ofMinutes(REPORT_INTERVAL.of(options)),
                Duration.ofMinutes(SWITCH_MARGIN.of(options)),
                OVER_POWER.of(options),
                METER_TOLERANCE.of(options) / 100,
                REPORT_SHARE.of(options) / 100,
                FAULT_READINGS.of(options));
    }

    @Override
    public List<Input> inputs(AnalyticsPeriod days, LightingSettings settings) {
        return List.of(
                LightingReadings.lamps(days.from(), days.to(), days.zone(), settings),
                LightingReadings.cabinets(days.from(), days.to(), days.zone(), settings));
    }

    /** The last night ends at local noon the day after it. */
    @Override
    public Instant inputsNeededUntil(AnalyticsPeriod days, LightingSettings settings) {
        return LightingReadings.noon(days.to().plusDays(1), days.zone());
    }

    @Override
    public Map<String, Expression> replacedRanges(RunPlan<LightingSettings> plan) {
        Expression nights =
                Expressions.and(
                        Expressions.equal(TableRegistry.CITY, plan.days().city()),
                        Expressions.greaterThanOrEqual(
                                LightingTables.NIGHT, (int) plan.days().from().toEpochDay()),
                        Expressions.lessThanOrEqual(
                                LightingTables.NIGHT, (int) plan.days().to().toEpochDay()));
        return Map.of(LightingTables.ENERGY, nights, LightingTables.FAULTS, nights);
    }

    @Override
    public List<TableDef> outputs() {
        return LightingTables.all();
    }

    @Override
    public Map<String, DataStream<RowData>> define(
            JobContext context, RunPlan<LightingSettings> plan) {
        List<Input> inputs = inputs(plan.days(), plan.settings());
        DataStream<LampReading> lamps =
                context.read(
                        inputs.get(0),
                        new LightingReadings.ToLampReading(inputs.get(0)),
                        LampReading.class,
                        "to-lamp-reading");
        DataStream<CabinetReading> cabinets =
                context.read(inputs.get(1))
                        .flatMap(new LightingReadings.ToCabinetReading(inputs.get(1)))
                        .returns(CabinetReading.class)
                        .name("to-cabinet-reading")
                        .uid("to-cabinet-reading");
        Outputs outputs =
                pipeline(
                        lamps,
                        cabinets,
                        plan.days(),
                        plan.settings(),
                        LightingNetwork.of(context, plan.city()));
        String city = plan.days().city();
        Map<String, DataStream<RowData>> rows = new LinkedHashMap<>();
        rows.put(
                LightingTables.ENERGY,
                context.rows(
                        LightingTables.ENERGY,
                        outputs.energy().map(new LightingRows.Energy(city))));
        rows.put(
                LightingTables.INDICATOR,
                context.rows(
                        LightingTables.INDICATOR,
                        outputs.indicator()
                                .map(
                                        new LightingRows.Indicator(
                                                city, plan.days().from(), plan.days().to()))));
        rows.put(
                LightingTables.FAULTS,
                context.rows(
                        LightingTables.FAULTS,
                        outputs.faults().map(new LightingRows.Faults(city))));
        return rows;
    }

    /** The pipeline's results. */
    public record Outputs(
            DataStream<EnergyRow> energy,
            DataStream<IndicatorRow> indicator,
            DataStream<FaultRow> faults) {}

    /** The pure pipeline from readings to results; tests call it with their own readings. */
    public static Outputs pipeline(
            DataStream<LampReading> lampReadings,
            DataStream<CabinetReading> cabinetReadings,
            AnalyticsPeriod nights,
            LightingSettings settings,
            LightingNetwork network) {
        StreamExecutionEnvironment env = lampReadings.getExecutionEnvironment();
        String city = nights.city();
        DataStream<LampReading> markers =
                env.fromData(
                                network.lamps().keySet().stream().map(LampReading::marker).toList(),
                                Types.POJO(LampReading.class))
                        .name("lamps")
                        .uid("lamps");
        SingleOutputStreamOperator<LampNight> lampNights =
                lampReadings
                        .union(markers)
                        .keyBy(r -> r.lampId, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(LampReading.class),
                                        new LightingGroups.LampSeries(
                                                network, nights.days(), nights.zone(), settings)))
                        .returns(LampNight.class)
                        .name("lamp-series")
                        .uid("lamp-series");
        DataStream<LightingGroups.CabinetInput> cabinetInputs =
                cabinetReadings
                        .map(LightingGroups.CabinetInput::of)
                        .returns(LightingGroups.CabinetInput.class)
                        .name("meter-readings")
                        .uid("meter-readings")
                        .union(
                                lampNights
                                        .filter(new HasCabinet())
                                        .name("lamps-with-cabinet")
                                        .uid("lamps-with-cabinet")
                                        .map(LightingGroups.CabinetInput::of)
                                        .returns(LightingGroups.CabinetInput.class)
                                        .name("lamp-nights-to-cabinets")
                                        .uid("lamp-nights-to-cabinets"));
        SingleOutputStreamOperator<CabinetNight> cabinetNights =
                cabinetInputs
                        .keyBy(c -> c.cabinetId, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(LightingGroups.CabinetInput.class),
                                        new LightingGroups.CabinetSeries(
                                                CabinetNights.ratedByCabinet(network),
                                                nights.days(),
                                                nights.zone(),
                                                settings)))
                        .returns(CabinetNight.class)
                        .name("cabinet-series")
                        .uid("cabinet-series");
        SingleOutputStreamOperator<EnergyRow> energy =
                lampNights
                        .map(LightingGroups.NightInput::of)
                        .returns(LightingGroups.NightInput.class)
                        .name("lamp-nights-to-nights")
                        .uid("lamp-nights-to-nights")
                        .union(
                                cabinetNights
                                        .map(LightingGroups.NightInput::of)
                                        .returns(LightingGroups.NightInput.class)
                                        .name("cabinet-nights-to-nights")
                                        .uid("cabinet-nights-to-nights"))
                        .keyBy(n -> n.night, Types.INT)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(LightingGroups.NightInput.class),
                                        new LightingGroups.NightSeries(network, city, settings)))
                        .returns(EnergyRow.class)
                        .name("night-series")
                        .uid("night-series");
        DataStream<IndicatorRow> indicator =
                energy.filter(new CityOrRoadClass())
                        .name("city-and-road-class")
                        .uid("city-and-road-class")
                        .keyBy(e -> city, Types.STRING)
                        .process(
                                new GroupAtEnd<>(
                                        Types.POJO(EnergyRow.class),
                                        new LightingGroups.IndicatorGroup()))
                        .returns(IndicatorRow.class)
                        .name("indicator")
                        .uid("indicator");
        DataStream<FaultRow> faults =
                lampNights
                        .getSideOutput(LightingGroups.FAULTS)
                        .union(
                                cabinetNights.getSideOutput(LightingGroups.FAULTS),
                                energy.getSideOutput(LightingGroups.FAULTS));
        return new Outputs(energy, indicator, faults);
    }

    /** Lamp nights of lamps that hang on a cabinet. */
    static final class HasCabinet implements FilterFunction<LampNight> {
        @Override
        public boolean filter(LampNight n) {
            return n.cabinetId != null;
        }
    }

    /** The energy rows the indicator is made of. */
    static final class CityOrRoadClass implements FilterFunction<EnergyRow> {
        @Override
        public boolean filter(EnergyRow e) {
            return e.scopeLevel.equals(NightRollup.CITY)
                    || e.scopeLevel.equals(NightRollup.ROAD_CLASS);
        }
    }

    @Override
    public void print(Committed run, RunPlan<LightingSettings> plan, PrintStream out) {
        AnalyticsPeriod days = plan.days();
        Expression nights =
                Expressions.and(
                        Expressions.equal(TableRegistry.CITY, days.city()),
                        Expressions.greaterThanOrEqual(
                                LightingTables.NIGHT, (int) days.from().toEpochDay()),
                        Expressions.lessThanOrEqual(
                                LightingTables.NIGHT, (int) days.to().toEpochDay()));
        printEnergy(run.read(LightingTables.ENERGY, nights), days, out);
        printFaults(run.read(LightingTables.FAULTS, nights), days, out);
    }

    /** kWh per km by road class and for the city, and the saving, over the run's nights. */
    static void printEnergy(List<Record> rows, AnalyticsPeriod days, PrintStream out) {
        Map<String, double[]> byClass = new TreeMap<>(); // kwh, km-nights, baseline, nights
        double[] city = new double[4];
        for (Record r : rows) {
            String level = (String) r.getField("scope_level");
            double[] acc;
            if (level.equals(NightRollup.ROAD_CLASS)) {
                acc = byClass.computeIfAbsent((String) r.getField("scope_id"), k -> new double[4]);
            } else if (level.equals(NightRollup.CITY)) {
                acc = city;
            } else {
                continue;
            }
            acc[0] += (Double) r.getField("kwh") + (Double) r.getField("kwh_estimated");
            acc[1] += (Double) r.getField("lit_km");
            acc[2] += (Double) r.getField("baseline_kwh");
            acc[3] += 1;
        }
        out.printf(
                "%nStreet lighting, %s nights %s..%s: energy per km of lit road and the saving"
                        + " against full power from sunset to sunrise:%n",
                days.city(), days.from(), days.to());
        List<List<String>> cells = new ArrayList<>();
        byClass.forEach((cls, acc) -> cells.add(energyCells(cls, acc)));
        if (city[3] > 0) {
            cells.add(energyCells("all roads", city));
        }
        TextTable.print(
                out,
                List.of("road class", "nights", "lit km", "kWh/km per night", "kWh", "saving %"),
                cells,
                false);
    }

    private static List<String> energyCells(String name, double[] acc) {
        double nights = acc[3];
        double km = acc[1] / nights;
        return List.of(
                name,
                String.format(Locale.ROOT, "%.0f", nights),
                String.format(Locale.ROOT, "%.2f", km),
                acc[1] > 0 ? String.format(Locale.ROOT, "%.2f", acc[0] / acc[1]) : "-",
                String.format(Locale.ROOT, "%.1f", acc[0]),
                acc[2] > 0 ? String.format(Locale.ROOT, "%.1f", 100 * (1 - acc[0] / acc[2])) : "-");
    }

    static void printFaults(List<Record> rows, AnalyticsPeriod days, PrintStream out) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LightingFault type : LightingFault.values()) {
            counts.put(type.name(), 0L);
        }
        for (Record r : rows) {
            counts.merge((String) r.getField("fault_type"), 1L, Long::sum);
        }
        out.printf("%nLighting faults, %s nights %s..%s:%n", days.city(), days.from(), days.to());
        List<List<String>> cells = new ArrayList<>();
        counts.forEach(
                (type, n) ->
                        cells.add(
                                List.of(
                                        type,
                                        LightingFault.valueOf(type)
                                                .level()
                                                .name()
                                                .toLowerCase(Locale.ROOT),
                                        String.valueOf(n))));
        TextTable.print(out, List.of("fault", "of", "lamp-nights / cabinet-nights"), cells, false);
    }
}
