package org.citylake.reports;

import java.awt.Color;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.parking.ParkingLots;
import org.citylake.analytics.parking.ParkingTables;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Parking peaks: each garage's highest occupancy of the period and its hours above 90 % full. */
final class ParkingSection {

    static final String ID = "parking";
    static final String TITLE = "Parking peaks";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ParkingSection() {}

    /** A garage's period: the day rows folded. */
    record Peak(
            String lot,
            String name,
            Integer capacity,
            Double peak,
            OffsetDateTime peakAt,
            Integer minFree,
            double hoursAbove90,
            int days) {}

    static Section build(Lake lake, City city, ReportPeriod period) {
        GoldRows daily =
                GoldRows.read(
                        lake,
                        ParkingTables.DAILY,
                        city.id(),
                        r -> period.contains((java.time.LocalDate) r.getField("local_date")));
        List<Peak> peaks = peaks(daily.rows(), ParkingLots.names(lake, city.id()));
        if (peaks.isEmpty()) {
            return Section.absent(
                    ID,
                    TITLE,
                    "No parking occupancy of "
                            + city.name()
                            + " for "
                            + period.label()
                            + " in "
                            + daily.source()
                            + " (run: citylake run parking --city "
                            + city.id()
                            + " --from "
                            + period.from()
                            + " --to "
                            + period.until().minusDays(1)
                            + ").");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Peak p : peaks) {
            rows.add(
                    List.of(
                            p.name().isEmpty() ? p.lot() : p.name(),
                            p.capacity() == null ? "–" : p.capacity().toString(),
                            Html.pct(p.peak()),
                            p.peakAt() == null
                                    ? "–"
                                    : LOCAL.format(p.peakAt().atZoneSameInstant(city.zone())),
                            p.minFree() == null ? "–" : p.minFree().toString(),
                            Html.num(p.hoursAbove90(), 2)));
        }
        StringBuilder body = new StringBuilder();
        body.append("<p>")
                .append(peaks.size())
                .append(
                        " garages, busiest first (most time above 90 %"
                                + " full, then highest peak). Times are ")
                .append(Html.esc(city.zone().getId()))
                .append(".</p>");
        body.append(
                Html.table(
                        "parking-peaks",
                        List.of(
                                "garage",
                                "spots",
                                "peak occupancy",
                                "peak at",
                                "fewest free",
                                "h above 90 %"),
                        rows));
        body.append("<p class=\"caption\">").append(Html.sourceLine(daily)).append("</p>");
        body.append(
                Html.figure(
                        "parking-chart",
                        Charts.svg(chart(peaks), Charts.WIDTH, 80 + 24 * peaks.size()),
                        "Peak occupancy per garage.",
                        daily));
        return Section.of(ID, TITLE, body.toString());
    }

    static List<Peak> peaks(List<Record> days, Map<String, String> names) {
        Map<String, Peak> byLot = new HashMap<>();
        for (Record d : days) {
            String lot = (String) d.getField("lot_id");
            Double peak = (Double) d.getField("peak_occupancy");
            Peak was = byLot.get(lot);
            boolean higher =
                    peak != null && (was == null || was.peak() == null || peak > was.peak());
            Integer minFree = (Integer) d.getField("min_free_spots");
            Peak now =
                    new Peak(
                            lot,
                            names.getOrDefault(lot, ""),
                            (Integer) d.getField("capacity"),
                            higher ? peak : was == null ? null : was.peak(),
                            higher
                                    ? (OffsetDateTime) d.getField("peak_at")
                                    : was == null ? null : was.peakAt(),
                            min(minFree, was == null ? null : was.minFree()),
                            (Double) d.getField("hours_above_90")
                                    + (was == null ? 0 : was.hoursAbove90()),
                            (was == null ? 0 : was.days()) + 1);
            byLot.put(lot, now);
        }
        return byLot.values().stream()
                .filter(p -> p.peak() != null)
                .sorted(
                        Comparator.comparingDouble(Peak::hoursAbove90)
                                .reversed()
                                .thenComparing(Comparator.comparingDouble(Peak::peak).reversed())
                                .thenComparing(Peak::lot))
                .toList();
    }

    private static Integer min(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }

    private static JFreeChart chart(List<Peak> peaks) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Peak p : peaks) {
            data.addValue(
                    p.peak() * 100, "peak occupancy", p.name().isEmpty() ? p.lot() : p.name());
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "Peak occupancy, %",
                        null, "%", data, PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(0, 100);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x3b6fb6));
        return chart;
    }
}
