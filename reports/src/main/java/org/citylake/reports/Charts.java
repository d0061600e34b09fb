package org.citylake.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Charts drawn by JFreeChart onto JFreeSVG's Graphics2D: crisp inline SVG in HTML and PDF. */
final class Charts {

    static final Font TITLE = new Font("DejaVu Sans", Font.BOLD, 13);

    private Charts() {}

    /** {@code chart} as an SVG element of {@code width} x {@code height} px. */
    static String svg(JFreeChart chart, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE);
        }
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement();
    }
}
