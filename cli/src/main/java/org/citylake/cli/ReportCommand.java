package org.citylake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.citylake.reports.Report;
import org.citylake.reports.ReportPeriod;
import org.citylake.reports.Section;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake report}: the planner report of a city and day or week, as HTML and PDF. */
@Command(
        name = "report",
        description = {
            "Write the planner report of a registered city for a day or an ISO week: a"
                    + " self-contained HTML page (inline CSS and SVG, no script, nothing fetched) and"
                    + " its PDF, read from the gold tables: congestion top-N with a map of the"
                    + " segments by Gaode band and the district ranking; parking peaks; lighting"
                    + " kWh/km by road class against the baseline and the faults; the PM2.5 forecast"
                    + " over the HJ 633 bands and its skill; waste KPIs and the optimised-route saving.",
            "A section whose analytics have no data for the city and period is left out with a line"
                    + " saying so. Every figure names the Iceberg snapshot it was read from."
        },
        mixinStandardHelpOptions = true)
public final class ReportCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--city",
            required = true,
            paramLabel = "CITY",
            description = "A city of ref.cities, e.g. aarhus.")
    String city;

    @Option(
            names = "--date",
            required = true,
            paramLabel = "DATE",
            description =
                    "The day, YYYY-MM-DD in the city's time; with --period week, any day of the week.")
    String date;

    @Option(
            names = "--period",
            paramLabel = "day|week",
            defaultValue = "day",
            description =
                    "day, or the ISO week (Monday first) holding --date (default ${DEFAULT-VALUE}).")
    String period;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder for the .html and .pdf (default <data-dir>/reports).")
    Path out;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "10",
            description = "Segments listed in the congestion top-N (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        Report.Written written = write(lakeArgs.load(), city, date, period, top, out);
        for (Section s : written.sections()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-28s %s%n",
                    s.title(),
                    s.present() ? "included" : "no data: " + s.absentBecause());
        }
        System.out.println("report: " + written.html().toAbsolutePath());
        System.out.println("pdf:    " + written.pdf().toAbsolutePath());
        return 0;
    }

    /** Writes the report; {@code out == null}: {@code <data-dir>/reports}. */
    static Report.Written write(
            LakeConfig config, String cityId, String day, String period, int top, Path out)
            throws Exception {
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--date " + day + " is not a date: use YYYY-MM-DD, e.g. --date 2014-08-18");
        }
        if (top < 1) {
            throw new IllegalArgumentException("--top " + top + ": list at least 1 segment");
        }
        ReportPeriod p = ReportPeriod.of(period, date);
        try (Lake lake = Lake.open(config)) {
            lake.init();
            City c = CityTable.read(lake).require(cityId.toLowerCase(Locale.ROOT));
            return Report.write(
                    lake, c, p, top, out != null ? out : config.dataDir().resolve("reports"));
        }
    }
}
