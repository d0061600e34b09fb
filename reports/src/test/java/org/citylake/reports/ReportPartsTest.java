package org.citylake.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citylake.analytics.airquality.Iaqi;
import org.junit.jupiter.api.Test;

class ReportPartsTest {

    @Test
    void aWeekIsTheIsoWeekHoldingTheDate() {
        ReportPeriod week = ReportPeriod.of("week", LocalDate.parse("2014-08-20"));
        assertThat(week.from()).isEqualTo(LocalDate.parse("2014-08-18"));
        assertThat(week.until()).isEqualTo(LocalDate.parse("2014-08-25"));
        assertThat(week.contains(LocalDate.parse("2014-08-24"))).isTrue();
        assertThat(week.contains(LocalDate.parse("2014-08-25"))).isFalse();
        assertThat(ReportPeriod.of("day", LocalDate.parse("2014-08-20")).label())
                .isEqualTo("2014-08-20");
        assertThatThrownBy(() -> ReportPeriod.of("month", LocalDate.parse("2014-08-20")))
                .hasMessage("--period month is not a report period: use day or week");
    }

    @Test
    void theChartsBandsAreTheCategoriesOfHj633() {
        Iaqi.Category[] categories = Iaqi.Category.values();
        for (int i = 0; i < AirQualitySection.BAND_UPPER.length; i++) {
            double upper = AirQualitySection.BAND_UPPER[i];
            assertThat(Iaqi.categoryOf(upper)).as("%s µg/m³", upper).isEqualTo(categories[i]);
            assertThat(Iaqi.categoryOf(upper + 0.01))
                    .as("above %s µg/m³", upper)
                    .isEqualTo(categories[i + 1]);
        }
        assertThat(AirQualitySection.BAND_COLOURS).hasSize(categories.length);
    }

    /**
     * Two streets of a hand-drawn town near Aarhus, in UTM 32N (EPSG:32632):
     *
     * <pre>
     *   B ─────────── C      A→B runs 1 km north, B→C 2 km east:
     *   │                    the map is twice as wide as high, north up,
     *   A                    one metre the same length in x and y
     * </pre>
     */
    @Test
    void theMapIsDrawnNorthUpInMetres() {
        // A = 10.2000 E 56.1500 N; B 1 km north; C 2 km east of B (small-angle, WGS84)
        double latPerKm = 1 / 111.2;
        double lonPerKm = 1 / (111.32 * Math.cos(Math.toRadians(56.159)));
        String ab =
                String.format(
                        java.util.Locale.ROOT,
                        "LINESTRING (10.2 56.15, 10.2 %.6f)",
                        56.15 + latPerKm);
        String bc =
                String.format(
                        java.util.Locale.ROOT,
                        "LINESTRING (10.2 %.6f, %.6f %.6f)",
                        56.15 + latPerKm,
                        10.2 + 2 * lonPerKm,
                        56.15 + latPerKm);
        String svg =
                SegmentMap.svg(
                        "EPSG:32632",
                        List.of(
                                new SegmentMap.Line(ab, "#111111", 2, "A-B"),
                                new SegmentMap.Line(bc, "#222222", 2, "B-C")),
                        List.of(new SegmentMap.Key("#111111", "one")),
                        412);
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("points=\"([^\"]+)\"").matcher(svg);
        while (m.find()) {
            for (String xy : m.group(1).split(" ")) {
                String[] p = xy.split(",");
                points.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        assertThat(points).hasSize(4);
        double[] a = points.get(0), b = points.get(1), c = points.get(3);
        // north up: B above A (smaller y); C right of B
        assertThat(b[1]).isLessThan(a[1]);
        assertThat(c[0]).isGreaterThan(b[0]);
        double up = a[1] - b[1];
        double right = c[0] - b[0];
        // 2 km east and 1 km north: the same scale in x and y (UTM grid convergence ≈ 1°)
        assertThat(right / up).isBetween(1.95, 2.05);
        // 412 px wide, 12 px padding: 2 km fill 388 px
        assertThat(right).isBetween(386.0, 389.0);
        assertThat(svg).contains("<title>A-B</title>", "EPSG:32632, north up", ">one</text>");
        // scale bar: the largest 1, 2 or 5 x 10^k m within a fifth of the 2 km span, 200 m long
        Matcher bar = Pattern.compile("<line x1=\"12\" y1=\"\\d+\" x2=\"([0-9.]+)\"").matcher(svg);
        assertThat(bar.find()).isTrue();
        assertThat(Double.parseDouble(bar.group(1)) - 12).isCloseTo(right / 10, within(0.2));
        assertThat(svg).contains(">200 m</text>");
    }

    @Test
    void textIsEscapedForXhtml() {
        assertThat(Html.esc("Søndre <Ringvej> & \"x\""))
                .isEqualTo("Søndre &lt;Ringvej&gt; &amp; &quot;x&quot;");
        assertThat(Html.num(null, 1)).isEqualTo("–");
        assertThat(Html.num(1234.567, 1)).isEqualTo("1,234.6");
    }
}
