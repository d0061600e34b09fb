package org.citylake.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Charts drawn by JFreeChart onto JFreeSVG's Graphics2D: crisp inline SVG in HTML and PDF. */
final class Charts {

    /** Width of every figure, px: fits an A4 page between 14 mm margins. */
    static final int WIDTH = 680;

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
        // whole pixels and a viewBox: the PDF renderer reads the size as integers
        return g.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null)
                .replaceFirst("width='" + width + "\\.0'", "width='" + width + "'")
                .replaceFirst("height='" + height + "\\.0'", "height='" + height + "'");
    }
}
