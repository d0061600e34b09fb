package org.citylake.reports;

import java.util.List;
import java.util.Locale;

/**
 * XHTML building blocks of a report. The page must be well-formed XML: the PDF renderer parses it
 * as such.
 */
final class Html {

    private Html() {}

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String num(Double value, int decimals) {
        return value == null || value.isNaN()
                ? "–"
                : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String pct(Double share01) {
        return share01 == null ? "–" : String.format(Locale.ROOT, "%.0f %%", share01 * 100);
    }

    /** A table; cells are escaped, the first row is the header. */
    static String table(String cssClass, List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table class=\"" + cssClass + "\"><thead><tr>");
        header.forEach(h -> t.append("<th>").append(esc(h)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            t.append("<tr>");
            row.forEach(c -> t.append("<td>").append(esc(c)).append("</td>"));
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    /** A figure: inline SVG with a caption naming what it shows and the snapshots it read. */
    static String figure(String id, String svg, String caption, GoldRows... sources) {
        StringBuilder f = new StringBuilder("<div class=\"figure\" id=\"" + esc(id) + "\">");
        f.append(svg);
        f.append("<p class=\"caption\">").append(esc(caption)).append(' ');
        f.append(sourceLine(sources)).append("</p></div>");
        return f.toString();
    }

    /** {@code Source: gold.x @ snapshot N; ref.y @ snapshot M.} */
    static String sourceLine(GoldRows... sources) {
        StringBuilder s = new StringBuilder("<span class=\"source\">Source: ");
        for (int i = 0; i < sources.length; i++) {
            s.append(i == 0 ? "" : "; ").append(esc(sources[i].source()));
        }
        return s.append(".</span>").toString();
    }
}
