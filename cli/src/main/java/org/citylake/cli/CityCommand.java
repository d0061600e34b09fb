package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;
import org.citylake.model.CityRegistry;
import org.citylake.model.MetricCrs;
import org.citylake.ref.CitiesFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code citylake city add|list}: the city registry, {@code ref.cities}, by hand. */
@Command(
        name = "city",
        description = {
            "The city registry (ref.cities): each city's time zone, centroid, metric CRS and"
                    + " policies. Every job takes them from it; a reading of a city that is not"
                    + " registered goes to ops.dead_letter as UNKNOWN_CITY.",
            "A city is also registered by data: a line in <feeds>/<city>/ref/cities.jsonl,"
                    + " loaded by `citylake ref load`."
        },
        mixinStandardHelpOptions = true,
        subcommands = {CityCommand.Add.class, CityCommand.ListCities.class})
public final class CityCommand {

    @Command(
            name = "add",
            description = {
                "Register a city, or replace its registration (idempotent: the same command twice"
                        + " changes nothing); prints what it registered.",
                "Example: citylake city add sydney --name Sydney --country AU"
                        + " --time-zone Australia/Sydney --lon 151.2093 --lat -33.8688",
                "Readings of the city dead-lettered before it was registered are taken by"
                        + " replaying them (citylake ingest --city <id>)."
            },
            mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "City id: lower-case letters, digits, - or _, e.g. sydney.")
        String id;

        @Option(names = "--name", required = true, description = "Display name, e.g. Sydney.")
        String name;

        @Option(
                names = "--time-zone",
                required = true,
                paramLabel = "ZONE",
                description =
                        "IANA time zone, e.g. Australia/Sydney: local days, and timestamps sent"
                                + " without an offset, are read in it.")
        String timeZone;

        @Option(
                names = "--lon",
                required = true,
                paramLabel = "DEG",
                description = "Centroid longitude, WGS84.")
        double lon;

        @Option(
                names = "--lat",
                required = true,
                paramLabel = "DEG",
                description = "Centroid latitude, WGS84.")
        double lat;

        @Option(
                names = "--country",
                paramLabel = "CC",
                description = "ISO 3166-1 alpha-2 country code, e.g. AU.")
        String country;

        @Option(
                names = "--crs",
                paramLabel = "EPSG:CODE",
                description =
                        "Metric CRS for lengths and areas (default: the UTM zone of the centroid,"
                                + " EPSG:326zz north, 327zz south).")
        String crs;

        @Option(
                names = "--peak-days",
                paramLabel = "DAYS",
                defaultValue = CityPolicy.DEFAULT_PEAK_DAYS,
                description = "Days whose peak hours count (default ${DEFAULT-VALUE}).")
        String peakDays;

        @Option(
                names = "--peak-hours",
                paramLabel = "H-H,...",
                defaultValue = CityPolicy.DEFAULT_PEAK_HOURS,
                description = "Peak hours, local, half-open (default ${DEFAULT-VALUE}).")
        String peakHours;

        @Option(
                names = "--night-hours",
                paramLabel = "H-H",
                defaultValue = CityPolicy.DEFAULT_NIGHT_HOURS,
                description =
                        "The night whose speeds give free flow where the network gives none,"
                                + " local (default ${DEFAULT-VALUE}).")
        String nightHours;

        @Override
        public Integer call() throws Exception {
            City city =
                    City.of(
                            id,
                            name,
                            country,
                            timeZone,
                            lon,
                            lat,
                            crs,
                            CityPolicy.parse(peakDays, peakHours, nightHours));
            CitiesFile.requireKnownCrs(city);
            CityTable.Change change;
            try (Lake lake = Lake.open(lakeArgs.load())) {
                lake.init();
                change = CityTable.upsert(lake, city);
            }
            String what =
                    switch (change) {
                        case ADDED -> "registered";
                        case UPDATED -> "updated";
                        case UNCHANGED -> "unchanged";
                    };
            System.out.println(what + " " + city.id() + ": " + describe(city, crs == null));
            return 0;
        }
    }

    @Command(
            name = "list",
            description = "Every registered city, as a table.",
            mixinStandardHelpOptions = true)
    static final class ListCities implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--format", defaultValue = "table", description = "table or csv.")
        String format;

        @Override
        public Integer call() throws Exception {
            CityRegistry registry;
            try (Lake lake = Lake.open(lakeArgs.load())) {
                lake.init();
                registry = CityTable.read(lake);
            }
            if (registry.size() == 0 && !format.equals("csv")) {
                System.out.println(
                        "no city is registered: `citylake city add` or <feeds>/<city>/ref/"
                                + "cities.jsonl and `citylake ref load`");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (City c : registry.all()) {
                rows.add(
                        List.of(
                                c.id(),
                                c.name(),
                                c.country() == null ? "" : c.country(),
                                c.zone().getId(),
                                String.format(Locale.ROOT, "%.4f", c.lon()),
                                String.format(Locale.ROOT, "%.4f", c.lat()),
                                c.crs(),
                                c.policy().peakDaysText(),
                                c.policy().peakHoursText(),
                                c.policy().nightHoursText()));
            }
            TextTable.print(
                    System.out,
                    List.of(
                            "city",
                            "name",
                            "country",
                            "time_zone",
                            "lon",
                            "lat",
                            "crs",
                            "peak_days",
                            "peak_hours",
                            "night_hours"),
                    rows,
                    format.equals("csv"));
            return 0;
        }
    }

    /**
     * {@code Sydney (AU), Australia/Sydney, centroid 151.2093 -33.8688, CRS EPSG:32756 (UTM zone
     * 56S, from the centroid), peak MON-FRI 06-10,15-19, night 22-05}.
     */
    static String describe(City city, boolean crsDerived) {
        String utm = MetricCrs.describe(city.crs());
        String crsNote =
                crsDerived
                        ? " (" + utm + ", from the centroid)"
                        : utm.isEmpty() ? "" : " (" + utm + ")";
        return String.format(
                Locale.ROOT,
                "%s%s, %s, centroid %.4f %.4f, CRS %s%s, peak %s %s, night %s",
                city.name(),
                city.country() == null ? "" : " (" + city.country() + ")",
                city.zone().getId(),
                city.lon(),
                city.lat(),
                city.crs(),
                crsNote,
                city.policy().peakDaysText(),
                city.policy().peakHoursText(),
                city.policy().nightHoursText());
    }
}
