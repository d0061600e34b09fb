package org.citylake.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;

/**
 * A planner report of one city and day or week: congestion, parking, lighting, air quality and
 * waste, each from its gold tables, as a self-contained XHTML page (inline CSS, inline SVG figures,
 * no script, nothing fetched) and the PDF of that page.
 *
 * <pre>
 *  gold.* + ref.* (one snapshot each) ──► sections (tables, SVG charts and map; or "no data" line)
 *        ──► report-&lt;city&gt;-&lt;period&gt;.html ──openhtmltopdf (+ Batik for SVG)──► .pdf
 * </pre>
 */
public final class Report {

    /** What was written: the two files and the sections, present or not. */
    public record Written(Path html, Path pdf, List<Section> sections) {}

    /** The fonts the PDF embeds when the machine has them (Debian fonts-dejavu-core). */
    static final List<Path> FONTS =
            List.of(
                    Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                    Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"));

    private Report() {}

    /** The sections of {@code city}'s report for {@code period}, in report order. */
    public static List<Section> sections(Lake lake, City city, ReportPeriod period, int top) {
        return List.of(
                TrafficSection.build(lake, city, period, top),
                ParkingSection.build(lake, city, period),
                LightingSection.build(lake, city, period),
                AirQualitySection.build(lake, city, period),
                WasteSection.build(lake, city, period));
    }

    /**
     * Writes {@code report-<city>-<day|week>-<first day>.html} and {@code .pdf} into {@code outDir}
     * (created when missing; existing files replaced).
     */
    public static Written write(Lake lake, City city, ReportPeriod period, int top, Path outDir)
            throws IOException {
        List<Section> sections = sections(lake, city, period, top);
        String html = page(city, period, sections, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Files.createDirectories(outDir);
        String base = "report-" + city.id() + "-" + period.kind() + "-" + period.from();
        Path htmlFile = outDir.resolve(base + ".html");
        Path pdfFile = outDir.resolve(base + ".pdf");
        Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
        pdf(html, htmlFile, pdfFile);
        return new Written(htmlFile, pdfFile, sections);
    }

    /** The XHTML page. */
    static String page(City city, ReportPeriod period, List<Section> sections, Instant generated) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"utf-8\"/>")
                .append("<title>")
                .append(Html.esc("CityLake report: " + city.name() + ", " + period.label()))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body>");
        h.append("<h1>")
                .append(Html.esc(city.name()))
                .append(": ")
                .append(Html.esc(period.label()))
                .append("</h1>");
        h.append("<p class=\"meta\">CityLake planner report · city ")
                .append(Html.esc(city.id()))
                .append(" · time zone ")
                .append(Html.esc(city.zone().getId()))
                .append(" · generated ")
                .append(Html.esc(generated))
                .append(
                        ". Every figure names the Iceberg snapshot it was read from; query it again with"
                                + " <code>FOR VERSION AS OF &lt;snapshot&gt;</code>.</p>");
        h.append("<ul class=\"contents\">");
        for (Section s : sections) {
            h.append("<li>")
                    .append(Html.esc(s.title()))
                    .append(s.present() ? "" : " (no data)")
                    .append("</li>");
        }
        h.append("</ul>");
        for (Section s : sections) {
            h.append("<div class=\"section\" id=\"")
                    .append(Html.esc(s.id()))
                    .append("\"><h2>")
                    .append(Html.esc(s.title()))
                    .append("</h2>");
            if (s.present()) {
                h.append(s.body());
            } else {
                h.append("<p class=\"absent\">").append(Html.esc(s.absentBecause())).append("</p>");
            }
            h.append("</div>");
        }
        return h.append("</body></html>\n").toString();
    }

    static {
        // openhtmltopdf logs through java.util.logging by default: every CSS and SVG note to stderr
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    }

    private static void pdf(String html, Path htmlFile, Path pdfFile) throws IOException {
        try (OutputStream out = Files.newOutputStream(pdfFile)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            for (Path font : FONTS) {
                if (Files.isReadable(font)) {
                    builder.useFont(
                            font.toFile(),
                            "DejaVu Sans",
                            font.toString().contains("Bold") ? 700 : 400,
                            com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle
                                    .NORMAL,
                            true);
                }
            }
            builder.withHtmlContent(html, htmlFile.toUri().toString());
            builder.toStream(out);
            builder.run();
        }
    }

    static final String CSS =
            "@page{size:A4;margin:14mm}"
                    + "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;color:#1d232a;max-width:700px;margin:16px auto}"
                    + "h1{font-size:18pt;margin:0 0 4px}h2{font-size:14pt;border-bottom:2px solid #1f3b73;padding-bottom:2px;margin-top:18px}"
                    + "h3{font-size:11pt;margin:12px 0 4px}"
                    + ".meta,.caption{color:#555;font-size:8.5pt}.source{font-family:'DejaVu Sans Mono',monospace;font-size:8pt}"
                    + "ul.contents{list-style:none;padding-left:0}ul.contents li{display:inline;margin-right:14px}"
                    + ".absent{font-style:italic;color:#6c757d}"
                    + "table{border-collapse:collapse;width:100%;font-size:8.5pt;margin:4px 0}"
                    + "th,td{border:1px solid #d0d5db;padding:2px 4px;text-align:left}th{background:#eef1f5}"
                    + ".figure{margin:10px 0;page-break-inside:avoid}.section{page-break-inside:auto}"
                    + "code{font-size:8.5pt}";
}
