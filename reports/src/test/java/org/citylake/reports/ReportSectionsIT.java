package org.citylake.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lighting, air-quality and waste sections on a temporary embedded lake holding hand-written
 * gold rows of a city "rivertown" (the jobs that would write them are tested in {@code cli}): each
 * section shows what the rows say, computed here by hand, and a second city's rows never leak in.
 */
class ReportSectionsIT {

    static final LocalDate DAY = LocalDate.parse("2024-12-16");

    @TempDir Path dir;

    @Test
    void lightingAirAndWasteSectionsShowTheirGoldRows() throws Exception {
        City city =
                City.of(
                        "rivertown",
                        "River Town",
                        "DK",
                        "Europe/Copenhagen",
                        10.2,
                        56.15,
                        null,
                        null);
        Report.Written written;
        try (Lake lake = Lake.open(LakeConfig.embedded(dir.resolve("lake")))) {
            lake.init();
            CityTable.upsert(lake, city);
            // lighting: two road classes, the day's night; the night before must not count
            write(
                    lake,
                    "gold.lighting_energy",
                    Map.of(
                            "night",
                            DAY,
                            "scope_level",
                            "road_class",
                            "scope_id",
                            "residential",
                            "kwh",
                            60.0,
                            "baseline_kwh",
                            100.0,
                            "lit_km",
                            4.0),
                    Map.of(
                            "night",
                            DAY,
                            "scope_level",
                            "road_class",
                            "scope_id",
                            "primary",
                            "kwh",
                            90.0,
                            "baseline_kwh",
                            120.0,
                            "lit_km",
                            3.0),
                    Map.of(
                            "night",
                            DAY.minusDays(1),
                            "scope_level",
                            "road_class",
                            "scope_id",
                            "primary",
                            "kwh",
                            999.0,
                            "baseline_kwh",
                            999.0,
                            "lit_km",
                            1.0),
                    Map.of(
                            "night",
                            DAY,
                            "scope_level",
                            "city",
                            "scope_id",
                            "rivertown",
                            "kwh",
                            150.0,
                            "baseline_kwh",
                            220.0,
                            "lit_km",
                            7.0));
            write(
                    lake,
                    "gold.lighting_faults",
                    Map.of(
                            "night",
                            DAY,
                            "fault_type",
                            "DAY_BURNER",
                            "entity_kind",
                            "lamp",
                            "entity_id",
                            "L-17",
                            "severity",
                            "high",
                            "detail",
                            "on at noon"),
                    Map.of(
                            "night",
                            DAY,
                            "fault_type",
                            "DARK_AT_NIGHT",
                            "entity_kind",
                            "lamp",
                            "entity_id",
                            "L-4",
                            "severity",
                            "high",
                            "detail",
                            "no power after dusk"));
            // air: a forecast issued on the day (3 horizons) and its model's skill
            OffsetDateTime issued = OffsetDateTime.of(2024, 12, 16, 7, 0, 0, 0, ZoneOffset.UTC);
            List<Map<String, Object>> forecast = new ArrayList<>();
            double[] pm = {20, 60, 130};
            for (int h = 1; h <= 3; h++) {
                forecast.add(
                        Map.of(
                                "station_id",
                                "S1",
                                "issued_at",
                                issued,
                                "target_at",
                                issued.plusHours(h),
                                "horizon",
                                h,
                                "model_version",
                                "m1",
                                "prediction",
                                pm[h - 1],
                                "interval_lower",
                                pm[h - 1] - 5,
                                "interval_upper",
                                pm[h - 1] + 5,
                                "interval_level",
                                0.8,
                                "category",
                                "x"));
            }
            write(lake, "gold.air_forecast", forecast.toArray(Map[]::new));
            write(
                    lake,
                    "gold.air_forecast_skill",
                    Map.of(
                            "model_version",
                            "m1",
                            "station_id",
                            "ALL",
                            "horizon",
                            1,
                            "rmse",
                            9.5,
                            "persistence_rmse",
                            10.0,
                            "skill_pct",
                            5.0,
                            "forecast_pairs",
                            100L),
                    Map.of(
                            "model_version",
                            "m1",
                            "station_id",
                            "ALL",
                            "horizon",
                            6,
                            "rmse",
                            1.0,
                            "persistence_rmse",
                            2.0,
                            "skill_pct",
                            50.0,
                            "forecast_pairs",
                            100L),
                    Map.of(
                            "model_version",
                            "m0",
                            "station_id",
                            "ALL",
                            "horizon",
                            1,
                            "rmse",
                            77.7,
                            "persistence_rmse",
                            10.0,
                            "skill_pct",
                            -677.0,
                            "forecast_pairs",
                            100L));
            // waste: two routes and the plan of the day
            write(
                    lake,
                    "gold.waste_route_kpi",
                    Map.of(
                            "service_day",
                            DAY,
                            "vehicle_id",
                            "V1",
                            "route_no",
                            1,
                            "bins_emptied",
                            10,
                            "km",
                            20.0,
                            "tonnes",
                            1.0,
                            "overflows",
                            1,
                            "low_fill_share",
                            0.5),
                    Map.of(
                            "service_day",
                            DAY,
                            "vehicle_id",
                            "V2",
                            "route_no",
                            1,
                            "bins_emptied",
                            30,
                            "km",
                            30.0,
                            "tonnes",
                            2.0,
                            "overflows",
                            0,
                            "low_fill_share",
                            0.1));
            write(
                    lake,
                    "gold.waste_plan_summary",
                    Map.of(
                            "service_day",
                            DAY,
                            "bins_due",
                            35,
                            "actual_routes",
                            2,
                            "planned_routes",
                            1,
                            "actual_km",
                            50.0,
                            "planned_km",
                            40.0,
                            "saving_km",
                            10.0,
                            "saving_pct",
                            20.0));
            // another city's rows never appear
            write(
                    lake,
                    "gold.waste_route_kpi",
                    "elsewhere",
                    Map.of(
                            "service_day",
                            DAY,
                            "vehicle_id",
                            "OTHER",
                            "route_no",
                            1,
                            "bins_emptied",
                            1,
                            "km",
                            1.0,
                            "tonnes",
                            1.0));
            written = Report.write(lake, city, ReportPeriod.of("day", DAY), 10, dir.resolve("out"));
        }
        String html = Files.readString(written.html(), StandardCharsets.UTF_8);
        assertThat(written.sections())
                .extracting(Section::id, Section::present)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("congestion", false),
                        org.assertj.core.groups.Tuple.tuple("parking", false),
                        org.assertj.core.groups.Tuple.tuple("lighting", true),
                        org.assertj.core.groups.Tuple.tuple("airquality", true),
                        org.assertj.core.groups.Tuple.tuple("waste", true));
        // lighting: 90/3 = 30.00 kWh/km (baseline 40.00, saving 25.0 %); 60/4 = 15.00 (25.00, 40.0
        // %)
        assertThat(html)
                .contains(
                        "<td>primary</td><td>1</td><td>90.0</td><td>3.00</td><td>30.00</td><td>40.00</td><td>25.0 %</td>");
        assertThat(html)
                .contains(
                        "<td>residential</td><td>1</td><td>60.0</td><td>4.00</td><td>15.00</td><td>25.00</td><td>40.0 %</td>");
        assertThat(html)
                .doesNotContain("1,089.0")
                .contains("2 faults: DARK_AT_NIGHT 1, DAY_BURNER 1.");
        // air: the highest forecast; the skill rows of model m1 at the horizons shown
        assertThat(html)
                .contains(
                        "Highest: 130 µg/m³ at 2024-12-16T11:00",
                        "<td>ALL</td><td>1 h</td><td>100</td><td>9.50</td><td>10.00</td>")
                .contains("<td>50.0 %</td>")
                .doesNotContain("77.70");
        // waste: 40 bins, 50.0 km, 3.00 t = 60.0 kg/km; below 30 %: (0.5x10 + 0.1x30)/40 = 20 %
        assertThat(html)
                .contains(
                        "2 routes: 40 bins emptied, 50.0 km, 3.00 t (60.0 kg/km), 20 % emptied below 30 % full, 1 overflows.")
                .contains("10.0 km saved of 50.0 km (20.0 %)")
                .doesNotContain("OTHER");
        assertThat(html)
                .contains("id=\"lighting-chart\"", "id=\"air-chart-S1\"", "id=\"waste-chart\"")
                .containsPattern("gold\\.lighting_energy @ snapshot \\d+")
                .containsPattern("gold\\.air_forecast_skill @ snapshot \\d+")
                .containsPattern("gold\\.waste_plan_summary @ snapshot \\d+")
                .contains("No congestion ranking of River Town for 2024-12-16");
        assertThat(Files.readAllBytes(written.pdf()))
                .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @SafeVarargs
    private static void write(Lake lake, String table, Map<String, Object>... rows) {
        write(lake, table, "rivertown", rows);
    }

    /** Appends rows; required columns not given get a neutral value of their type. */
    @SafeVarargs
    private static void write(Lake lake, String table, String city, Map<String, Object>... rows) {
        Table t = lake.table(table);
        Schema schema = t.schema();
        for (Map<String, Object> values : rows) {
            Record r = GenericRecord.create(schema);
            for (Types.NestedField f : schema.columns()) {
                Object v = f.name().equals("city") ? city : values.get(f.name());
                if (v == null && f.isRequired()) {
                    v =
                            switch (f.type().typeId()) {
                                case INTEGER -> 0;
                                case LONG -> 0L;
                                case DOUBLE -> 0.0;
                                case DATE -> DAY;
                                case TIMESTAMP ->
                                        OffsetDateTime.of(2024, 12, 16, 0, 0, 0, 0, ZoneOffset.UTC);
                                default -> "-";
                            };
                }
                r.setField(f.name(), v);
            }
            // one append per row: a data file holds one partition
            RefTableWriter.append(t, List.of(r));
        }
    }
}
