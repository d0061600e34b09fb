package org.citylake.reports;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.waste.WasteTables;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Waste collection: the routes driven (KPIs) and the optimised plan's saving per day. */
final class WasteSection {

    static final String ID = "waste";
    static final String TITLE = "Waste collection";

    private WasteSection() {}

    static Section build(Lake lake, City city, ReportPeriod period) {
        GoldRows routes =
                GoldRows.read(
                        lake,
                        WasteTables.ROUTE_KPI,
                        city.id(),
                        r -> period.contains((LocalDate) r.getField(WasteTables.DAY)));
        GoldRows plans =
                GoldRows.read(
                        lake,
                        WasteTables.PLAN_SUMMARY,
                        city.id(),
                        r -> period.contains((LocalDate) r.getField(WasteTables.DAY)));
        if (routes.isEmpty() && plans.isEmpty()) {
            return Section.absent(
                    ID,
                    TITLE,
                    "No waste collection routes of "
                            + city.name()
                            + " in "
                            + period.label()
                            + " in "
                            + routes.source()
                            + " (run: citylake run waste --city "
                            + city.id()
                            + " --from "
                            + period.from()
                            + " --to "
                            + period.until().minusDays(1)
                            + ").");
        }
        StringBuilder body = new StringBuilder();
        double km = 0, tonnes = 0, lowFill = 0;
        int bins = 0, overflows = 0;
        List<List<String>> rows = new ArrayList<>();
        List<Record> sorted =
                routes.rows().stream()
                        .sorted(
                                Comparator.comparing(
                                                (Record r) ->
                                                        (LocalDate) r.getField(WasteTables.DAY))
                                        .thenComparing(r -> (String) r.getField("vehicle_id"))
                                        .thenComparing(r -> (Integer) r.getField("route_no")))
                        .toList();
        for (Record r : sorted) {
            km += (Double) r.getField("km");
            tonnes += (Double) r.getField("tonnes");
            int emptied = (Integer) r.getField("bins_emptied");
            bins += emptied;
            overflows += (Integer) r.getField("overflows");
            Double share = (Double) r.getField("low_fill_share");
            lowFill += share == null ? 0 : share * emptied;
            rows.add(
                    List.of(
                            String.valueOf(r.getField(WasteTables.DAY)),
                            (String) r.getField("vehicle_id"),
                            String.valueOf(r.getField("route_no")),
                            String.valueOf(emptied),
                            Html.num((Double) r.getField("km"), 1),
                            Html.num((Double) r.getField("tonnes"), 2),
                            Html.num((Double) r.getField("kg_per_km"), 1),
                            Html.pct((Double) r.getField("mean_fill")),
                            Html.pct(share),
                            String.valueOf(r.getField("overflows"))));
        }
        if (!sorted.isEmpty()) {
            body.append("<p>")
                    .append(sorted.size())
                    .append(" routes: ")
                    .append(bins)
                    .append(" bins emptied, ")
                    .append(Html.num(km, 1))
                    .append(" km, ")
                    .append(Html.num(tonnes, 2))
                    .append(" t (")
                    .append(Html.num(km == 0 ? null : tonnes * 1000 / km, 1))
                    .append(" kg/km), ")
                    .append(Html.pct(bins == 0 ? null : lowFill / bins))
                    .append(" emptied below 30 % full, ")
                    .append(overflows)
                    .append(" overflows.</p>");
            body.append(
                    Html.table(
                            "waste-routes",
                            List.of(
                                    "day",
                                    "vehicle",
                                    "route",
                                    "bins",
                                    "km",
                                    "t",
                                    "kg/km",
                                    "mean fill",
                                    "below 30 %",
                                    "overflows"),
                            rows));
            body.append("<p class=\"caption\">").append(Html.sourceLine(routes)).append("</p>");
        }
        if (!plans.isEmpty()) {
            List<Record> days =
                    plans.rows().stream()
                            .sorted(
                                    Comparator.comparing(
                                            (Record r) -> (LocalDate) r.getField(WasteTables.DAY)))
                            .toList();
            List<List<String>> saving = new ArrayList<>();
            double actual = 0, planned = 0;
            for (Record r : days) {
                actual += (Double) r.getField("actual_km");
                planned += (Double) r.getField("planned_km");
                saving.add(
                        List.of(
                                String.valueOf(r.getField(WasteTables.DAY)),
                                String.valueOf(r.getField("bins_due")),
                                String.valueOf(r.getField("actual_routes")),
                                String.valueOf(r.getField("planned_routes")),
                                Html.num((Double) r.getField("actual_km"), 1),
                                Html.num((Double) r.getField("planned_km"), 1),
                                Html.num((Double) r.getField("saving_km"), 1),
                                Html.num((Double) r.getField("saving_pct"), 1) + " %",
                                Html.num((Double) r.getField("saving_truck_hours"), 2)));
            }
            body.append(
                            "<h3>Optimised routes</h3><p>The bins that were due, routed by the VRP solver: ")
                    .append(Html.num(actual - planned, 1))
                    .append(" km saved of ")
                    .append(Html.num(actual, 1))
                    .append(" km (")
                    .append(Html.num(actual == 0 ? null : 100 * (actual - planned) / actual, 1))
                    .append(" %).</p>");
            body.append(
                    Html.table(
                            "waste-plan",
                            List.of(
                                    "day",
                                    "bins due",
                                    "routes driven",
                                    "routes planned",
                                    "km driven",
                                    "km planned",
                                    "saving km",
                                    "saving",
                                    "truck hours saved"),
                            saving));
            body.append(
                    Html.figure(
                            "waste-chart",
                            Charts.svg(chart(days), Charts.WIDTH, 300),
                            "Km driven beside km of the optimised plan, per day.",
                            plans));
        }
        return Section.of(ID, TITLE, body.toString());
    }

    private static JFreeChart chart(List<Record> days) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Record r : days) {
            String day = String.valueOf(r.getField(WasteTables.DAY));
            data.addValue((Double) r.getField("actual_km"), "driven", day);
            data.addValue((Double) r.getField("planned_km"), "optimised plan", day);
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Collection km per day",
                        null,
                        "km",
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
        bars.setSeriesPaint(0, new Color(0x8c6d46));
        bars.setSeriesPaint(1, new Color(0x2e9d4a));
        return chart;
    }
}
