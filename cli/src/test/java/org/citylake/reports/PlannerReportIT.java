package org.citylake.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.analytics.traffic.AarhusWeekCongestion;
import org.citylake.cli.CliLake;
import org.citylake.lakehouse.Lake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The planner report of the bundled Aarhus Monday (2014-08-18): the traffic week and the garages
 * ingested and their jobs run through the CLI, then {@code citylake report}. The HTML is opened in
 * headless Chromium (Debian's, driven by playwright-core: {@code reports/src/test/browser}) and the
 * PDF read back with poppler ({@code pdftoppm}, {@code pdftotext}).
 *
 * <p>Oracles: the top segment equals the gold row read here and the ranking computed from the CSV
 * ({@link AarhusWeekCongestion}); the map shows exactly the band colours the gold rows hold; the
 * snapshot ids in the captions are the tables' snapshots.
 */
class PlannerReportIT {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final Path WEEK =
            TEST_DATA.resolve(
                    "citypulse-aarhus-traffic-week/aarhus_traffic_2014-08-15_to_2014-08-21.csv.gz");
    static final Path META = TEST_DATA.resolve("citypulse-aarhus-traffic/trafficMetaData.csv");
    static final Path BROWSER =
            Path.of("..", "reports", "src", "test", "browser").toAbsolutePath().normalize();
    static final String DAY = "2014-08-18";

    @TempDir static Path dir;
    static CliLake lake;
    static Path html;
    static Path pdf;
    static String page;
    static Document dom;
    static List<Record> ranking;
    static long rankingSnapshot;
    static long parkingSnapshot;
    static int garagesWithAPeak;

    @BeforeAll
    static void buildTheLakeAndWriteTheReport() throws Exception {
        Path source = dir.resolve("source");
        copy(WEEK, source.resolve("citypulse-aarhus-traffic"));
        copy(META, source.resolve("citypulse-aarhus-traffic"));
        try (var files = Files.list(TEST_DATA.resolve("aarhus-districts"))) {
            for (Path f : files.toList()) {
                copy(f, source.resolve("aarhus-districts"));
            }
        }
        for (String f : List.of("aarhus_parking.csv.gz", "aarhus_parking_address.csv")) {
            copy(
                    TEST_DATA.resolve("citypulse-aarhus-parking").resolve(f),
                    source.resolve("citypulse-aarhus-parking"));
        }
        lake = new CliLake(dir);
        lake.cli("testdata", "convert", "--source", source.toString());
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        lake.cli("ingest", "--batch", "--feed", "traffic", "--no-progress");
        lake.cli("ingest", "--batch", "--feed", "parking", "--no-progress");
        lake.cli("run", "traffic", "--from", DAY, "--to", DAY, "--city", "aarhus");
        lake.cli("run", "parking", "--from", DAY, "--to", DAY, "--city", "aarhus");
        CliLake.Output out =
                lake.run(
                        "report",
                        "--city",
                        "aarhus",
                        "--date",
                        DAY,
                        "--out",
                        dir.resolve("report").toString());
        assertThat(out.exit()).as(out.err()).isZero();
        html = dir.resolve("report/report-aarhus-day-" + DAY + ".html");
        pdf = dir.resolve("report/report-aarhus-day-" + DAY + ".pdf");
        assertThat(out.out())
                .contains("report: " + html.toAbsolutePath(), "pdf:    " + pdf.toAbsolutePath());
        page = Files.readString(html, StandardCharsets.UTF_8);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        dom = factory.newDocumentBuilder().parse(html.toFile());
        try (Lake l = Lake.open(lake.config())) {
            Table t = l.table("gold.congestion_ranking");
            rankingSnapshot = t.currentSnapshot().snapshotId();
            ranking = new ArrayList<>();
            try (CloseableIterable<Record> rows = IcebergGenerics.read(t).build()) {
                rows.forEach(r -> ranking.add(r.copy()));
            }
            Table daily = l.table("gold.parking_daily");
            parkingSnapshot = daily.currentSnapshot().snapshotId();
            try (CloseableIterable<Record> rows = IcebergGenerics.read(daily).build()) {
                for (Record r : rows) {
                    if (r.getField("peak_occupancy") != null) {
                        garagesWithAPeak++;
                    }
                }
            }
        }
    }

    @Test
    void theTopSegmentIsTheGoldRowAndTheCsvsMostCongested() throws Exception {
        Record top =
                ranking.stream()
                        .filter(
                                r ->
                                        "segment".equals(r.getField("scope_kind"))
                                                && "day".equals(r.getField("period_kind"))
                                                && LocalDate.parse(DAY)
                                                        .equals(r.getField("period_start"))
                                                && (Integer) r.getField("scope_rank") == 1)
                        .findFirst()
                        .orElseThrow();
        assertThat(cell("top-segments", 1, 2)).isEqualTo(top.getField("scope_id"));
        assertThat(cell("top-segments", 1, 4))
                .isEqualTo(
                        String.format(
                                java.util.Locale.ROOT, "%.2f", (Double) top.getField("peak_tti")));
        Map<LocalDate, List<AarhusWeekCongestion.Ranked>> fromCsv =
                AarhusWeekCongestion.dailyRanking(WEEK, META);
        List<AarhusWeekCongestion.Ranked> monday = fromCsv.get(LocalDate.parse(DAY));
        for (int rank = 1; rank <= 10; rank++) {
            assertThat(cell("top-segments", rank, 2))
                    .as("rank %d", rank)
                    .isEqualTo(monday.get(rank - 1).segment());
        }
    }

    @Test
    void everyFigureNamesTheSnapshotItWasReadFrom() throws Exception {
        NodeList figures = xpath("//div[@class='figure']");
        assertThat(figures.getLength()).isEqualTo(3);
        for (int i = 0; i < figures.getLength(); i++) {
            String caption = figures.item(i).getTextContent();
            assertThat(caption).containsPattern("gold\\.[a-z_]+ @ snapshot \\d+");
        }
        assertThat(text("//div[@id='congestion-map']"))
                .contains(
                        "gold.congestion_ranking @ snapshot " + rankingSnapshot,
                        "ref.road_segments @ snapshot ");
        assertThat(text("//div[@id='parking-chart']"))
                .contains("gold.parking_daily @ snapshot " + parkingSnapshot);
    }

    @Test
    void sectionsWithoutDataAreLeftOutWithALine() throws Exception {
        assertThat(text("//div[@id='congestion']/h2")).isEqualTo("Congestion");
        assertThat(xpath("//div[@id='congestion']//table").getLength()).isEqualTo(1);
        assertThat(xpath("//div[@id='parking']//table").getLength()).isEqualTo(1);
        assertThat(text("//div[@id='lighting']/p[@class='absent']"))
                .startsWith("No street-lighting energy of Aarhus");
        assertThat(text("//div[@id='airquality']/p[@class='absent']"))
                .startsWith("No PM2.5 forecast of Aarhus");
        assertThat(text("//div[@id='waste']/p[@class='absent']"))
                .startsWith("No waste collection routes of Aarhus");
        // every garage with a peak that day (one of the 8 had no reading), the busiest first
        assertThat(garagesWithAPeak).isEqualTo(7);
        assertThat(xpath("//table[contains(@class,'parking-peaks')]/tbody/tr").getLength())
                .isEqualTo(garagesWithAPeak);
    }

    @Test
    void theReportIsSelfContained() {
        assertThat(page)
                .doesNotContain("<script", "<link", "<img", "@import", "url(http")
                .contains("<style>", "<svg");
        // namespace names (xmlns="http://...") are names, not requests: nothing else may link out
        assertThat(page.replaceAll("xmlns(:\\w+)?=['\"][^'\"]*['\"]", ""))
                .doesNotContain("http:", "https:");
    }

    @Test
    void chromiumShowsTheChartsAndTheMapWithoutErrors() throws Exception {
        Path shots = Files.createDirectories(dir.resolve("shots"));
        JsonNode seen = browser(html, shots);
        assertThat(seen.get("errors")).as("console and page errors").isEmpty();
        assertThat(seen.get("requests")).as("requests beyond the page").isEmpty();
        List<String> headings = new ArrayList<>();
        seen.get("headings").forEach(h -> headings.add(h.asText()));
        assertThat(headings)
                .containsExactly(
                        "Congestion",
                        "Parking peaks",
                        "Street lighting",
                        "Air quality: PM2.5 forecast",
                        "Waste collection");
        Set<String> figures = new HashSet<>();
        for (JsonNode f : seen.get("figures")) {
            figures.add(f.get("id").asText());
            BufferedImage png = ImageIO.read(Path.of(f.get("png").asText()).toFile());
            assertThat(png.getWidth()).as(f.get("id").asText()).isGreaterThan(600);
            assertThat(colours(png).size())
                    .as("distinct colours of %s", f.get("id").asText())
                    .isGreaterThan(20);
        }
        assertThat(figures)
                .containsExactlyInAnyOrder("congestion-map", "district-chart", "parking-chart");
        // the map holds the colour of every band the day's segments are in, and of none other
        Set<Integer> mapColours =
                colours(ImageIO.read(shots.resolve("congestion-map.png").toFile()));
        Set<String> bands = new HashSet<>();
        ranking.stream()
                .filter(
                        r ->
                                "segment".equals(r.getField("scope_kind"))
                                        && "day".equals(r.getField("period_kind"))
                                        && LocalDate.parse(DAY).equals(r.getField("period_start")))
                .forEach(r -> bands.add((String) r.getField("band")));
        assertThat(bands).isNotEmpty();
        for (var band : TrafficSection.BAND_COLOURS.entrySet()) {
            int rgb = Integer.parseInt(band.getValue().substring(1), 16);
            // the legend shows every band: count pixels beyond a legend swatch (16 x 6)
            long pixels = count(ImageIO.read(shots.resolve("congestion-map.png").toFile()), rgb);
            if (bands.contains(band.getKey())) {
                assertThat(pixels)
                        .as("pixels of band %s", band.getKey())
                        .isGreaterThan(16 * 6 + 20);
            } else {
                assertThat(pixels)
                        .as("pixels of band %s (no segment in it)", band.getKey())
                        .isLessThanOrEqualTo(16 * 6 + 20);
            }
        }
        assertThat(mapColours)
                .contains(Integer.parseInt(TrafficSection.NO_DATA_COLOUR.substring(1), 16));
    }

    @Test
    void thePdfHasTheSectionsAndRendersToPages() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        exec(
                List.of(
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        pdf.toString(),
                        pages.resolve("page").toString()));
        List<Path> pngs;
        try (var files = Files.list(pages)) {
            pngs = files.sorted().toList();
        }
        assertThat(pngs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(colours(ImageIO.read(pngs.get(0).toFile())).size())
                .as("colours of page 1")
                .isGreaterThan(20);
        Path txt = dir.resolve("report.txt");
        exec(List.of("pdftotext", "-layout", pdf.toString(), txt.toString()));
        String text = Files.readString(txt, StandardCharsets.UTF_8);
        assertThat(text)
                .contains(
                        "Aarhus",
                        "Congestion",
                        "Top 10 segments",
                        "Districts by peak-hour TTI",
                        "Parking peaks",
                        "Street lighting",
                        "No street-lighting energy of Aarhus",
                        "Waste collection",
                        "gold.congestion_ranking @ snapshot " + rankingSnapshot);
        Record top =
                ranking.stream()
                        .filter(
                                r ->
                                        "segment".equals(r.getField("scope_kind"))
                                                && "day".equals(r.getField("period_kind"))
                                                && (Integer) r.getField("scope_rank") == 1)
                        .findFirst()
                        .orElseThrow();
        assertThat(text).contains((String) top.getField("scope_id"));
    }

    @Test
    void scheduleRunRunsTheDailyGraphInOrderWithoutAirflow() throws Exception {
        CliLake.Output out = lake.run("schedule", "run", "--city", "aarhus", "--date", DAY);
        assertThat(out.exit()).as(out.err()).isZero();
        List<String> started = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?m)^==> ([a-z_]+): ").matcher(out.out());
        while (m.find()) {
            started.add(m.group(1));
        }
        assertThat(started)
                .containsExactly(
                        "lakehouse_init",
                        "lakehouse_status",
                        "traffic",
                        "parking",
                        "lighting",
                        "waste",
                        "airquality",
                        "profile",
                        "report",
                        "lakehouse_maintain");
        Map<String, String> states = new java.util.HashMap<>();
        java.util.regex.Matcher s =
                java.util.regex.Pattern.compile("(?m)^  ([a-z_]+) +([a-z_]+) +[0-9.]+ s$")
                        .matcher(out.out());
        while (s.find()) {
            states.put(s.group(1), s.group(2));
        }
        assertThat(states)
                .containsEntry("lakehouse_init", "success")
                .containsEntry("lakehouse_status", "success")
                .containsEntry("traffic", "success")
                .containsEntry("parking", "success")
                // Aarhus has no street lamps, bins or air stations in the lake
                .containsEntry("lighting", "no_data")
                .containsEntry("waste", "no_data")
                .containsEntry("airquality", "no_data")
                .containsEntry("report", "success")
                .containsEntry("lakehouse_maintain", "success");
        assertThat(states.get("profile")).isIn("success", "not_in_build");
        assertThat(lake.lakeDir().resolve("reports/report-aarhus-day-" + DAY + ".pdf"))
                .isNotEmptyFile();
    }

    // --- helpers

    private static String cell(String tableClass, int row, int column) throws Exception {
        return text(
                "//table[contains(@class,'"
                        + tableClass
                        + "')]/tbody/tr["
                        + row
                        + "]/td["
                        + column
                        + "]");
    }

    private static String text(String xpath) throws Exception {
        return (String)
                XPathFactory.newInstance().newXPath().evaluate(xpath, dom, XPathConstants.STRING);
    }

    private static NodeList xpath(String xpath) throws Exception {
        return (NodeList)
                XPathFactory.newInstance().newXPath().evaluate(xpath, dom, XPathConstants.NODESET);
    }

    static Set<Integer> colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen;
    }

    static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs the playwright-core check; installs its pinned package (package-lock.json) once. */
    static JsonNode browser(Path report, Path shots) throws Exception {
        if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            exec(List.of("npm", "ci", "--no-audit", "--no-fund"), BROWSER);
        }
        String out =
                exec(
                        List.of("node", "check-report.mjs", report.toString(), shots.toString()),
                        BROWSER);
        return new ObjectMapper().readTree(out);
    }

    static String exec(List<String> command) throws Exception {
        return exec(command, dir);
    }

    static String exec(List<String> command, Path in) throws Exception {
        Path log = Files.createTempFile(dir, "exec", ".log");
        Process p =
                new ProcessBuilder(command)
                        .directory(in.toFile())
                        .redirectErrorStream(false)
                        .redirectError(log.toFile())
                        .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(p.exitValue())
                .as(
                        "%s: %s (Debian: apt-get install chromium poppler-utils nodejs npm)",
                        command, Files.readString(log))
                .isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void copy(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(file, folder.resolve(file.getFileName()));
    }
}
