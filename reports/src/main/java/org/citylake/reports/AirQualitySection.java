package org.citylake.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.citylake.analytics.airquality.AirTables;
import org.citylake.analytics.airquality.Iaqi;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.Hour;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Air quality: the PM2.5 forecast last issued in the period per station, over the HJ 633-2012
 * colour bands, and the model's measured skill beside persistence.
 */
final class AirQualitySection {

    static final String ID = "airquality";
    static final String TITLE = "Air quality: PM2.5 forecast";

    /**
     * HJ 633-2012 PM2.5 (24 h) breakpoints, µg/m³, at IAQI 50, 100, 150, 200, 300: the upper ends
     * of categories I..V (VI above). {@code AirQualitySectionTest} checks them against {@link
     * Iaqi}.
     */
    static final double[] BAND_UPPER = {35, 75, 115, 150, 250};

    /** The categories' customary colours, I..VI. */
    static final Color[] BAND_COLOURS = {
        new Color(0x00e400), new Color(0xffff00), new Color(0xff7e00),
        new Color(0xff0000), new Color(0x99004c), new Color(0x7e0023)
    };

    static final Set<Integer> SKILL_HORIZONS = Set.of(1, 3, 6, 12, 24);

    private AirQualitySection() {}

    static Section build(Lake lake, City city, ReportPeriod period) {
        GoldRows issued =
                GoldRows.read(
                        lake,
                        AirTables.FORECAST,
                        city.id(),
                        r ->
                                period.contains(
                                        ((OffsetDateTime) r.getField("issued_at"))
                                                .atZoneSameInstant(city.zone())
                                                .toLocalDate()));
        if (issued.isEmpty()) {
            return Section.absent(
                    ID,
                    TITLE,
                    "No PM2.5 forecast of "
                            + city.name()
                            + " issued in "
                            + period.label()
                            + " in "
                            + issued.source()
                            + " (run: citylake run airquality --city "
                            + city.id()
                            + " --forecast-at <time>).");
        }
        OffsetDateTime last =
                issued.rows().stream()
                        .map(r -> (OffsetDateTime) r.getField("issued_at"))
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        Map<String, List<Record>> byStation = new TreeMap<>();
        issued.rows().stream()
                .filter(r -> last.isEqual((OffsetDateTime) r.getField("issued_at")))
                .sorted(Comparator.comparing(r -> (Integer) r.getField("horizon")))
                .forEach(
                        r ->
                                byStation
                                        .computeIfAbsent(
                                                (String) r.getField("station_id"),
                                                k -> new ArrayList<>())
                                        .add(r));
        String model =
                (String) byStation.values().iterator().next().get(0).getField("model_version");
        StringBuilder body = new StringBuilder();
        body.append("<p>Issued ")
                .append(Html.esc(last.atZoneSameInstant(city.zone()).toLocalDateTime()))
                .append(" (")
                .append(Html.esc(city.zone().getId()))
                .append("), model ")
                .append(Html.esc(model))
                .append("; shaded: the HJ 633-2012 categories I–VI.</p>");
        for (var station : byStation.entrySet()) {
            body.append(
                    Html.figure(
                            "air-chart-" + station.getKey(),
                            Charts.svg(
                                    chart(station.getKey(), station.getValue(), city),
                                    Charts.WIDTH,
                                    340),
                            "PM2.5 forecast of station "
                                    + station.getKey()
                                    + " with its "
                                    + Math.round(
                                            (Double)
                                                            station.getValue()
                                                                    .get(0)
                                                                    .getField("interval_level")
                                                    * 100)
                                    + " % interval, over the HJ 633 bands.",
                            issued));
            Record worst =
                    station.getValue().stream()
                            .max(Comparator.comparingDouble(r -> (Double) r.getField("prediction")))
                            .orElseThrow();
            body.append("<p>Highest: ")
                    .append(Html.num((Double) worst.getField("prediction"), 0))
                    .append(" µg/m³ at ")
                    .append(
                            Html.esc(
                                    ((OffsetDateTime) worst.getField("target_at"))
                                            .atZoneSameInstant(city.zone())
                                            .toLocalDateTime()))
                    .append(", ")
                    .append(Html.esc(worst.getField("category")))
                    .append(".</p>");
        }
        GoldRows skill =
                GoldRows.read(
                        lake,
                        AirTables.SKILL,
                        city.id(),
                        r ->
                                model.equals(r.getField("model_version"))
                                        && SKILL_HORIZONS.contains(
                                                (Integer) r.getField("horizon")));
        body.append("<h3>Forecast skill</h3>");
        if (skill.isEmpty()) {
            body.append("<p>No skill rows for model ")
                    .append(Html.esc(model))
                    .append(". ")
                    .append(Html.sourceLine(skill))
                    .append("</p>");
        } else {
            List<List<String>> rows = new ArrayList<>();
            skill.rows().stream()
                    .sorted(
                            Comparator.comparing((Record r) -> (String) r.getField("station_id"))
                                    .thenComparing(r -> (Integer) r.getField("horizon")))
                    .forEach(
                            r ->
                                    rows.add(
                                            List.of(
                                                    (String) r.getField("station_id"),
                                                    r.getField("horizon") + " h",
                                                    String.valueOf(r.getField("forecast_pairs")),
                                                    Html.num((Double) r.getField("rmse"), 2),
                                                    Html.num(
                                                            (Double) r.getField("persistence_rmse"),
                                                            2),
                                                    Html.num((Double) r.getField("mae"), 2),
                                                    Html.num((Double) r.getField("skill_pct"), 1)
                                                            + " %",
                                                    Html.pct(
                                                            (Double)
                                                                    r.getField(
                                                                            "interval_coverage")))));
            body.append(
                    Html.table(
                            "air-skill",
                            List.of(
                                    "station",
                                    "horizon",
                                    "pairs",
                                    "RMSE",
                                    "persistence RMSE",
                                    "MAE",
                                    "skill",
                                    "interval coverage"),
                            rows));
            Record any = skill.rows().get(0);
            body.append("<p class=\"caption\">Test window ")
                    .append(Html.esc(any.getField("test_from")))
                    .append(" .. ")
                    .append(Html.esc(any.getField("test_to")))
                    .append("; skill = 1 − RMSE / persistence RMSE. ")
                    .append(Html.sourceLine(skill))
                    .append("</p>");
        }
        return Section.of(ID, TITLE, body.toString());
    }

    private static JFreeChart chart(String station, List<Record> rows, City city) {
        TimeSeries prediction = new TimeSeries("forecast");
        TimeSeries lower = new TimeSeries("interval");
        TimeSeries upper = new TimeSeries("interval upper");
        double top = 0;
        for (Record r : rows) {
            OffsetDateTime at = (OffsetDateTime) r.getField("target_at");
            Hour hour =
                    new Hour(
                            Date.from(at.toInstant()),
                            java.util.TimeZone.getTimeZone(city.zone()),
                            java.util.Locale.ROOT);
            prediction.addOrUpdate(hour, (Double) r.getField("prediction"));
            lower.addOrUpdate(hour, (Double) r.getField("interval_lower"));
            upper.addOrUpdate(hour, (Double) r.getField("interval_upper"));
            top = Math.max(top, (Double) r.getField("interval_upper"));
        }
        TimeSeriesCollection data =
                new TimeSeriesCollection(java.util.TimeZone.getTimeZone(city.zone()));
        data.addSeries(prediction);
        data.addSeries(lower);
        data.addSeries(upper);
        JFreeChart chart =
                ChartFactory.createTimeSeriesChart(
                        "PM2.5 forecast, station " + station,
                        null,
                        "PM2.5 µg/m³",
                        data,
                        true,
                        false,
                        false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        ((DateAxis) plot.getDomainAxis()).setTimeZone(java.util.TimeZone.getTimeZone(city.zone()));
        double yMax = Math.max(top * 1.1, 80);
        plot.getRangeAxis().setRange(0, yMax);
        double lo = 0;
        for (int i = 0; i <= BAND_UPPER.length && lo < yMax; i++) {
            double hi = i < BAND_UPPER.length ? BAND_UPPER[i] : yMax;
            Color c = BAND_COLOURS[i];
            plot.addRangeMarker(
                    new IntervalMarker(
                            lo,
                            Math.min(hi, yMax),
                            new Color(c.getRed(), c.getGreen(), c.getBlue(), 70)),
                    Layer.BACKGROUND);
            lo = hi;
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, new Color(0x1f3b73));
        lines.setSeriesStroke(0, new BasicStroke(2.4f));
        float[] dash = {4f, 3f};
        for (int s = 1; s <= 2; s++) {
            lines.setSeriesPaint(s, new Color(0x1f3b73));
            lines.setSeriesStroke(
                    s,
                    new BasicStroke(
                            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        }
        lines.setSeriesVisibleInLegend(2, false);
        plot.setRenderer(lines);
        return chart;
    }
}
