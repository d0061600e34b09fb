package org.citylake.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.citylake.geo.Reprojection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A map of road segments as SVG, drawn from their own geometry in the city's metric CRS (no tiles,
 * no network): north up, one metre the same length in x and y, a scale bar and a legend.
 *
 * <pre>
 *  ref.road_segments.geometry_wkt (WGS84 lon/lat)
 *     │ Reprojection → city CRS (e.g. EPSG:32632, metres)
 *     ▼
 *  envelope → px (y flipped) → &lt;polyline&gt; per segment, coloured by its class
 * </pre>
 */
final class SegmentMap {

    /** One segment to draw: WKT in WGS84, stroke colour and width, hover title. */
    record Line(String wkt, String colour, double width, String title) {}

    /** One legend entry. */
    record Key(String colour, String label) {}

    private SegmentMap() {}

    /**
     * The SVG element, {@code width} px wide; lines are drawn in list order (later on top).
     *
     * @throws IllegalArgumentException when a geometry is not WKT
     */
    static String svg(String crs, List<Line> lines, List<Key> legend, int width) {
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, crs);
        WKTReader wkt = new WKTReader();
        List<Geometry> metric = new ArrayList<>();
        Envelope env = new Envelope();
        for (Line line : lines) {
            try {
                Geometry g = toMetric.apply(wkt.read(line.wkt()));
                metric.add(g);
                env.expandToInclude(g.getEnvelopeInternal());
            } catch (ParseException e) {
                throw new IllegalArgumentException(
                        "segment geometry is not WKT (" + line.title() + "): " + e.getMessage(), e);
            }
        }
        int pad = 12;
        int legendHeight = 26;
        double span = Math.max(Math.max(env.getWidth(), env.getHeight()), 1);
        double scale = (width - 2.0 * pad) / Math.max(env.getWidth(), 1);
        if (env.getHeight() * scale > width) {
            scale = width / Math.max(env.getHeight(), 1);
        }
        int mapHeight = (int) Math.ceil(env.getHeight() * scale) + 2 * pad;
        int height = mapHeight + legendHeight;
        StringBuilder svg = new StringBuilder();
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\" class=\"map\">",
                        width,
                        height,
                        width,
                        height));
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f4f6f8\"/>",
                        width,
                        mapHeight));
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            StringBuilder points = new StringBuilder();
            for (Coordinate c : metric.get(i).getCoordinates()) {
                double x = pad + (c.x - env.getMinX()) * scale;
                double y = pad + (env.getMaxY() - c.y) * scale;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\""
                                    + " stroke-width=\"%.1f\" stroke-linecap=\"round\"><title>%s"
                                    + "</title></polyline>",
                            points.toString().trim(),
                            line.colour(),
                            line.width(),
                            Html.esc(line.title())));
        }
        // scale bar: a round number of metres near a fifth of the map's width
        double target = span / 5;
        double bar = Math.pow(10, Math.floor(Math.log10(target)));
        for (double m : new double[] {2, 5}) {
            if (bar * m <= target) {
                bar = Math.pow(10, Math.floor(Math.log10(target))) * m;
            }
        }
        double barPx = bar * scale;
        int by = mapHeight - 8;
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\""
                                + " stroke-width=\"2\"/><text x=\"%d\" y=\"%d\" font-size=\"10\""
                                + " font-family=\"DejaVu Sans, sans-serif\" fill=\"#222\">%s</text>",
                        pad,
                        by,
                        pad + barPx,
                        by,
                        pad,
                        by - 4,
                        bar >= 1000
                                ? String.format(Locale.ROOT, "%.0f km", bar / 1000)
                                : String.format(Locale.ROOT, "%.0f m", bar)));
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\""
                                + " font-family=\"DejaVu Sans, sans-serif\" fill=\"#555\">%s</text>",
                        width - pad,
                        by - 4,
                        Html.esc(crs + ", north up")));
        int x = pad;
        int ly = mapHeight + 17;
        for (Key key : legend) {
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"6\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\""
                                    + " font-family=\"DejaVu Sans, sans-serif\" fill=\"#222\">%s"
                                    + "</text>",
                            x,
                            ly - 7,
                            key.colour(),
                            x + 20,
                            ly,
                            Html.esc(key.label())));
            x += 28 + 7 * key.label().length();
        }
        return svg.append("</svg>").toString();
    }
}
