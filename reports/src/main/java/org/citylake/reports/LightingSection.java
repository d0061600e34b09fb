package org.citylake.reports;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.lighting.LightingTables;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Street lighting: kWh per km per night by road class beside the full-power dusk-to-dawn baseline,
 * and the lamp and cabinet faults of the period's nights.
 */
final class LightingSection {

    static final String ID = "lighting";
    static final String TITLE = "Street lighting";
    static final int FAULTS_LISTED = 30;

    private LightingSection() {}

    /** A road class over the period's nights: energy, baseline and lit length summed. */
    record RoadClass(String roadClass, double kwh, double baselineKwh, double litKm, int nights) {
        double kwhPerKm() {
            return litKm == 0 ? Double.NaN : kwh / litKm;
        }

        double baselinePerKm() {
            return litKm == 0 ? Double.NaN : baselineKwh / litKm;
        }

        double savingPct() {
            return baselineKwh == 0 ? Double.NaN : 100 * (1 - kwh / baselineKwh);
        }
    }

    static Section build(Lake lake, City city, ReportPeriod period) {
        GoldRows energy =
                GoldRows.read(
                        lake,
                        LightingTables.ENERGY,
                        city.id(),
                        r ->
                                "road_class".equals(r.getField("scope_level"))
                                        && period.contains(
                                                (LocalDate) r.getField(LightingTables.NIGHT)));
        if (energy.isEmpty()) {
            return Section.absent(
                    ID,
                    TITLE,
                    "No street-lighting energy of "
                            + city.name()
                            + " for the nights of "
                            + period.label()
                            + " in "
                            + energy.source()
                            + " (run: citylake run lighting --city "
                            + city.id()
                            + " --from "
                            + period.from()
                            + " --to "
                            + period.until().minusDays(1)
                            + ").");
        }
        List<RoadClass> classes = byRoadClass(energy.rows());
        GoldRows faults =
                GoldRows.read(
                        lake,
                        LightingTables.FAULTS,
                        city.id(),
                        r -> period.contains((LocalDate) r.getField(LightingTables.NIGHT)));
        StringBuilder body = new StringBuilder();
        body.append(
                "<p>kWh per km of lit road per night, against a baseline of every lamp at full power"
                        + " from sunset to sunrise.</p>");
        List<List<String>> rows = new ArrayList<>();
        for (RoadClass c : classes) {
            rows.add(
                    List.of(
                            c.roadClass(),
                            String.valueOf(c.nights()),
                            Html.num(c.kwh(), 1),
                            Html.num(c.litKm() / c.nights(), 2),
                            Html.num(c.kwhPerKm(), 2),
                            Html.num(c.baselinePerKm(), 2),
                            Html.num(c.savingPct(), 1) + " %"));
        }
        body.append(
                Html.table(
                        "lighting-classes",
                        List.of(
                                "road class",
                                "nights",
                                "kWh",
                                "lit km",
                                "kWh/km/night",
                                "baseline kWh/km/night",
                                "saving"),
                        rows));
        body.append("<p class=\"caption\">").append(Html.sourceLine(energy)).append("</p>");
        body.append(
                Html.figure(
                        "lighting-chart",
                        Charts.svg(chart(classes), Charts.WIDTH, 320),
                        "kWh per km per night by road class, beside the full-power baseline.",
                        energy));
        body.append("<h3>Faults</h3>");
        if (faults.isEmpty()) {
            body.append("<p>No lamp or cabinet faults in these nights. ")
                    .append(Html.sourceLine(faults))
                    .append("</p>");
        } else {
            Map<String, Long> byType =
                    faults.rows().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            r -> (String) r.getField("fault_type"),
                                            TreeMap::new,
                                            Collectors.counting()));
            body.append("<p>")
                    .append(faults.rows().size())
                    .append(" faults: ")
                    .append(
                            Html.esc(
                                    byType.entrySet().stream()
                                            .map(e -> e.getKey() + " " + e.getValue())
                                            .collect(Collectors.joining(", "))))
                    .append(".</p>");
            List<List<String>> list = new ArrayList<>();
            faults.rows().stream()
                    .sorted(
                            Comparator.comparing(
                                            (Record r) ->
                                                    (LocalDate) r.getField(LightingTables.NIGHT))
                                    .thenComparing(r -> (String) r.getField("fault_type"))
                                    .thenComparing(r -> (String) r.getField("entity_id")))
                    .limit(FAULTS_LISTED)
                    .forEach(
                            r ->
                                    list.add(
                                            List.of(
                                                    String.valueOf(
                                                            r.getField(LightingTables.NIGHT)),
                                                    String.valueOf(r.getField("fault_type")),
                                                    String.valueOf(r.getField("entity_kind")),
                                                    String.valueOf(r.getField("entity_id")),
                                                    String.valueOf(r.getField("severity")),
                                                    String.valueOf(r.getField("detail")))));
            body.append(
                    Html.table(
                            "lighting-faults",
                            List.of(
                                    "night",
                                    "fault",
                                    "kind",
                                    "lamp or cabinet",
                                    "severity",
                                    "what was seen"),
                            list));
            body.append("<p class=\"caption\">")
                    .append(
                            faults.rows().size() > FAULTS_LISTED
                                    ? "The first " + FAULTS_LISTED + " listed. "
                                    : "")
                    .append(Html.sourceLine(faults))
                    .append("</p>");
        }
        return Section.of(ID, TITLE, body.toString());
    }

    static List<RoadClass> byRoadClass(List<Record> rows) {
        Map<String, RoadClass> sums = new TreeMap<>();
        for (Record r : rows) {
            String id = (String) r.getField("scope_id");
            RoadClass was = sums.getOrDefault(id, new RoadClass(id, 0, 0, 0, 0));
            sums.put(
                    id,
                    new RoadClass(
                            id,
                            was.kwh() + (Double) r.getField("kwh"),
                            was.baselineKwh() + (Double) r.getField("baseline_kwh"),
                            was.litKm() + (Double) r.getField("lit_km"),
                            was.nights() + 1));
        }
        return sums.values().stream()
                .sorted(Comparator.comparingDouble(RoadClass::kwhPerKm).reversed())
                .toList();
    }

    private static JFreeChart chart(List<RoadClass> classes) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RoadClass c : classes) {
            data.addValue(c.kwhPerKm(), "measured", c.roadClass());
            data.addValue(c.baselinePerKm(), "full-power baseline", c.roadClass());
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Lighting energy by road class",
                        null,
                        "kWh per km per night",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0xf2b705));
        bars.setSeriesPaint(1, new Color(0x6c757d));
        return chart;
    }
}
