package org.citylake.reports;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Congestion: the top-N segments of the period by peak-hour TTI, a map of every segment coloured by
 * its Gaode band, and the district ranking (DESIGN §5, gold.congestion_ranking).
 */
final class TrafficSection {

    static final String ID = "congestion";
    static final String TITLE = "Congestion";

    /** Gaode bands (DESIGN §5) and their map colours, free first. */
    static final Map<String, String> BAND_COLOURS = new LinkedHashMap<>();

    static {
        BAND_COLOURS.put("free", "#2e9d4a");
        BAND_COLOURS.put("slow", "#f2b705");
        BAND_COLOURS.put("congested", "#e8590c");
        BAND_COLOURS.put("severe", "#a50f15");
    }

    static final String NO_DATA_COLOUR = "#b8bec6";

    private TrafficSection() {}

    static Section build(Lake lake, City city, ReportPeriod period, int top) {
        GoldRows ranking =
                GoldRows.read(
                        lake,
                        TrafficTables.CONGESTION_RANKING,
                        city.id(),
                        r ->
                                period.kind().equals(r.getField(TrafficTables.PERIOD_KIND))
                                        && period.from().equals(r.getField("period_start")));
        List<Record> segments = scope(ranking, "segment");
        if (segments.isEmpty()) {
            return Section.absent(
                    ID,
                    TITLE,
                    "No congestion ranking of "
                            + city.name()
                            + " for "
                            + period.label()
                            + " in "
                            + ranking.source()
                            + " (run: citylake run traffic --city "
                            + city.id()
                            + " --from "
                            + period.from()
                            + " --to "
                            + period.until().minusDays(1)
                            + ").");
        }
        List<Record> districts = scope(ranking, "district");
        GoldRows geometry =
                GoldRows.read(
                        lake,
                        "ref.road_segments",
                        city.id(),
                        r -> r.getField("geometry_wkt") != null);
        StringBuilder body = new StringBuilder();
        body.append("<p>Peak hours of ")
                .append(Html.esc(period.label()))
                .append(": ")
                .append(segments.size())
                .append(
                        " segments ranked by the travel time index (TTI, length- and"
                                + " flow-weighted; 1 = free flow).</p>");
        body.append("<h3>Top ").append(Math.min(top, segments.size())).append(" segments</h3>");
        List<List<String>> rows = new ArrayList<>();
        for (Record r : segments.subList(0, Math.min(top, segments.size()))) {
            rows.add(
                    List.of(
                            String.valueOf(r.getField(TrafficTables.SCOPE_RANK)),
                            String.valueOf(r.getField("scope_id")),
                            str(r.getField("scope_name")),
                            Html.num((Double) r.getField("peak_tti"), 2),
                            Html.num((Double) r.getField("congestion_pct"), 0) + " %",
                            String.valueOf(r.getField("band")),
                            Html.num((Double) r.getField("delay_vehicle_hours"), 1),
                            String.valueOf(r.getField("vehicles"))));
        }
        body.append(
                Html.table(
                        "ranking top-segments",
                        List.of(
                                "rank",
                                "segment",
                                "name",
                                "peak TTI",
                                "congestion",
                                "band",
                                "delay veh·h",
                                "vehicles"),
                        rows));
        body.append("<p class=\"caption\">").append(Html.sourceLine(ranking)).append("</p>");
        if (!geometry.isEmpty()) {
            body.append(
                    Html.figure(
                            "congestion-map",
                            map(city, segments, geometry),
                            "Road segments coloured by the Gaode band of their peak-hour TTI; grey: no"
                                    + " peak-hour data.",
                            ranking,
                            geometry));
        }
        if (!districts.isEmpty()) {
            body.append(
                    Html.figure(
                            "district-chart",
                            Charts.svg(
                                    districtChart(districts),
                                    Charts.WIDTH,
                                    60 + 22 * Math.min(districts.size(), 20)),
                            "Districts by peak-hour TTI (bars coloured by Gaode band).",
                            ranking));
        }
        return Section.of(ID, TITLE, body.toString());
    }

    private static List<Record> scope(GoldRows ranking, String kind) {
        return ranking.rows().stream()
                .filter(r -> kind.equals(r.getField(TrafficTables.SCOPE_KIND)))
                .sorted(Comparator.comparing(r -> (Integer) r.getField(TrafficTables.SCOPE_RANK)))
                .toList();
    }

    private static String map(City city, List<Record> ranked, GoldRows geometry) {
        Map<String, Record> byId = new HashMap<>();
        ranked.forEach(r -> byId.put((String) r.getField("scope_id"), r));
        List<SegmentMap.Line> grey = new ArrayList<>();
        List<SegmentMap.Line> coloured = new ArrayList<>();
        for (Record s : geometry.rows()) {
            String id = (String) s.getField("id");
            Record r = byId.get(id);
            String name = str(s.getField("name"));
            if (r == null) {
                grey.add(
                        new SegmentMap.Line(
                                (String) s.getField("geometry_wkt"),
                                NO_DATA_COLOUR,
                                1.2,
                                id + " " + name + ": no peak-hour data"));
            } else {
                coloured.add(
                        new SegmentMap.Line(
                                (String) s.getField("geometry_wkt"),
                                BAND_COLOURS.getOrDefault(
                                        (String) r.getField("band"), NO_DATA_COLOUR),
                                2.6,
                                id
                                        + " "
                                        + name
                                        + ": TTI "
                                        + Html.num((Double) r.getField("peak_tti"), 2)
                                        + " ("
                                        + r.getField("band")
                                        + ")"));
            }
        }
        // the worst on top
        coloured.sort(Comparator.comparingInt(l -> severity(l.colour())));
        List<SegmentMap.Line> all = new ArrayList<>(grey);
        all.addAll(coloured);
        List<SegmentMap.Key> legend = new ArrayList<>();
        BAND_COLOURS.forEach((band, colour) -> legend.add(new SegmentMap.Key(colour, band)));
        legend.add(new SegmentMap.Key(NO_DATA_COLOUR, "no data"));
        return SegmentMap.svg(city.crs(), all, legend, Charts.WIDTH);
    }

    private static int severity(String colour) {
        return new ArrayList<>(BAND_COLOURS.values()).indexOf(colour);
    }

    private static JFreeChart districtChart(List<Record> districts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> bands = new ArrayList<>();
        for (Record d : districts.subList(0, Math.min(districts.size(), 20))) {
            String name =
                    d.getField("scope_name") != null
                            ? (String) d.getField("scope_name")
                            : (String) d.getField("scope_id");
            data.addValue((Double) d.getField("peak_tti"), "peak TTI", name);
            bands.add((String) d.getField("band"));
        }
        JFreeChart chart =
                ChartFactory.createBarChart(
                        "District ranking, peak-hour TTI",
                        null,
                        "TTI",
                        data,
                        PlotOrientation.HORIZONTAL,
                        false,
                        false,
                        false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setLowerBound(1.0);
        plot.setRenderer(new BandBars(bands));
        return chart;
    }

    /** Bars coloured by their row's Gaode band. */
    static final class BandBars extends BarRenderer {
        private final List<String> bands;

        BandBars(List<String> bands) {
            this.bands = bands;
            setShadowVisible(false);
            setDrawBarOutline(false);
            setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        }

        @Override
        public java.awt.Paint getItemPaint(int row, int column) {
            return Color.decode(BAND_COLOURS.getOrDefault(bands.get(column), NO_DATA_COLOUR));
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
