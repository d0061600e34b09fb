package org.citylake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.citylake.model.Feed;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.FeedConverter;
import org.citylake.testdata.FeedGenerator;
import org.citylake.testdata.GeneratedFeed;
import org.citylake.testdata.WasteCityGenerator;
import org.citylake.testdata.lighting.LampInventory;
import org.citylake.testdata.lighting.LightingTelemetry;
import org.citylake.testdata.lighting.TelemetrySettings;
import org.citylake.testdata.waste.StreetNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake testdata convert|generate}. */
@Command(
        name = "testdata",
        description =
                "Feeds to try the lake on: real public data sets turned into FIWARE feeds"
                        + " (convert), or a small seeded feed generated from any feed's descriptor"
                        + " (generate).",
        mixinStandardHelpOptions = true,
        subcommands = {TestdataCommand.Convert.class, TestdataCommand.Generate.class})
public final class TestdataCommand {

    @Command(
            name = "convert",
            description = {
                "Convert the real data sets (Aarhus traffic and parking, Beijing PM2.5, Edinburgh"
                        + " bins) into FIWARE JSON-line feeds and ref data:"
                        + " <out>/<city>/<feed>.jsonl and <out>/<city>/ref/<table>.jsonl.",
                "--source defaults to the bundled slices in test-data/; point it at a folder with"
                        + " the full sets (same sub-folder names) to use them."
            },
            mixinStandardHelpOptions = true)
    static final class Convert implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--source", paramLabel = "DIR", description = "default: test-data/")
        Path source;

        @Option(names = "--out", paramLabel = "DIR", description = "default <data-dir>/feeds")
        Path out;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            List<ConvertedFile> files =
                    convert(source, out != null ? out : config.dataDir().resolve("feeds"));
            files.forEach(
                    f ->
                            System.out.printf(
                                    "%-10s %-22s %,9d lines  %s%n",
                                    f.city(), f.table(), f.lines(), f.path()));
            return 0;
        }
    }

    @Command(
            name = "generate",
            description = {
                "Generate a small, deterministic feed for one city from a feed's descriptor alone"
                        + " (any feed `citylake feeds list` shows, built-in or added in"
                        + " <data-dir>/feeds.d/):",
                "  <out>/<city>/<feed>.jsonl          valid readings (keyValues, every fifth"
                        + " NGSI-v2 normalized), values within each column's range, observed"
                        + " every --step from --start on (local time), round-robin over"
                        + " --sensors sensors, with bad lines seeded among them",
                "  <out>/<city>/ref/<table>.jsonl     the sensors, with the ref table's columns",
                "  <out>/<city>/ref/cities.jsonl      the city's registration, unless it has one",
                "  <out>/<unregistered>/<feed>.jsonl  readings of a city nobody registers",
                "  <out>/<city>/<feed>.expected.json  what ingesting it must give: clean rows,"
                        + " values per column, dead letters per reason and the reason of each bad"
                        + " line, known by construction",
                "Bad lines: --bad-per-reason lines for each reason a file can provoke:"
                        + " MALFORMED_JSON, UNKNOWN_TYPE, MISSING_FIELD, WRONG_TYPE, NOT_A_NUMBER,"
                        + " OUT_OF_RANGE, BAD_TIMESTAMP, FUTURE_TIMESTAMP, UNKNOWN_CITY,"
                        + " UNKNOWN_ENTITY (a sensor not in the ref file) and DUPLICATE (an exact"
                        + " repeat). The same options and --seed write the same bytes.",
                "The city is registered as --name, --time-zone, --lon, --lat (and --country);"
                        + " wuhan (Asia/Shanghai, 114.3055 30.5928), aarhus, beijing and edinburgh"
                        + " need none of them.",
                "Then: citylake lakehouse init; citylake ref load; citylake ingest.",
                "Example: citylake testdata generate --feed water --city wuhan --readings 200"
                        + " --seed 7",
                "",
                "--feed lighting is the street-lighting telemetry of a lamp inventory (`citylake"
                        + " lighting inventory` writes it) for --nights lighting days (local noon"
                        + " to noon) from --from: every lamp and cabinet every 15 minutes,"
                        + " switched at the cabinet's sunset and sunrise, dimmed to 50 %% from"
                        + " 00:00 to 05:00 on residential, living and service streets, with"
                        + " faults injected for whole lighting days (--fault-rate per lamp fault"
                        + " type and lamp-night: DAY_BURNER, DARK_AT_NIGHT, OVER_POWER,"
                        + " MISSING_REPORTS; --cabinet-fault-rate per cabinet fault type:"
                        + " METER_RESET, METER_MISMATCH; --no-faults for none). Writes"
                        + " <out>/<city>/lighting.jsonl, lighting.faults.jsonl (the ground truth:"
                        + " city, id, night, fault_type, details) and lighting.expected.json"
                        + " (energy per cabinet and night). The city must be registered; the"
                        + " --readings, --sensors, --start, --step, --bad-per-reason and city"
                        + " options do not apply.",
                "Example: citylake testdata generate --feed lighting --city monaco --from"
                        + " 2024-06-03 --nights 30 --seed 1",
                "",
                "--feed waste with --osm is a city of --bins litter bins with the statistics of Edinburgh's"
                        + " real ones (--source, default the bundled"
                        + " edinburgh-litter-bin-sensors): each bin copies a real bin's capacity,"
                        + " category, kg per litre and its sequence of (days between collections,"
                        + " fill at emptying); placed evenly along the drivable streets of --osm"
                        + " (at least 5 m apart), cut into collection rounds of ~56 bins with one"
                        + " truck each, depots and disposal sites as `citylake waste place` adds"
                        + " them. Writes <out>/<city>/waste.jsonl (WasteContainer readings and"
                        + " WasteCollection events for --days days from --from) and"
                        + " ref/{waste_containers,waste_vehicles,waste_depots,disposal_sites}.jsonl."
                        + " The city must be registered.",
                "Example: citylake testdata generate --feed waste --city monaco --bins 2000"
                        + " --from 2024-06-03 --days 7 --osm test-data/osm-monaco/monaco.osm.gz"
            },
            mixinStandardHelpOptions = true)
    static final class Generate implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(
                names = "--feed",
                required = true,
                split = ",",
                paramLabel = "FEED",
                description = "The feeds to generate, e.g. water,noise.")
        List<String> feeds;

        @Option(
                names = "--city",
                defaultValue = "wuhan",
                paramLabel = "CITY",
                description = "City id (default ${DEFAULT-VALUE}).")
        String city;

        @Option(
                names = "--readings",
                defaultValue = "200",
                paramLabel = "N",
                description = "Valid readings per entity type (default ${DEFAULT-VALUE}).")
        int readings;

        @Option(
                names = "--seed",
                defaultValue = "1",
                paramLabel = "S",
                description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--sensors",
                defaultValue = "4",
                paramLabel = "N",
                description = "Sensors per ref table (default ${DEFAULT-VALUE}).")
        int sensors;

        @Option(
                names = "--start",
                defaultValue = "2024-06-03T00:00",
                paramLabel = "LOCAL",
                description =
                        "First observation, local time of the city (default ${DEFAULT-VALUE}).")
        LocalDateTime start;

        @Option(
                names = "--step",
                defaultValue = "PT15M",
                paramLabel = "DURATION",
                description =
                        "Between two readings of a sensor, and the length of interval"
                                + " observations, ISO-8601 (default ${DEFAULT-VALUE}).")
        Duration step;

        @Option(
                names = "--bad-per-reason",
                defaultValue = "1",
                paramLabel = "N",
                description =
                        "Bad lines per reason (default ${DEFAULT-VALUE}); 0 writes valid readings"
                                + " only.")
        int badPerReason;

        @Option(
                names = "--unregistered-city",
                defaultValue = "nowhere",
                paramLabel = "CITY",
                description =
                        "Folder of the UNKNOWN_CITY lines (default ${DEFAULT-VALUE}); it gets no"
                                + " cities.jsonl.")
        String unregisteredCity;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "City name (default: the known one, or the id).")
        String name;

        @Option(names = "--country", paramLabel = "CC", description = "ISO country code.")
        String country;

        @Option(
                names = "--time-zone",
                paramLabel = "ZONE",
                description = "IANA time zone of the city, e.g. Asia/Shanghai.")
        String timeZone;

        @Option(names = "--lon", paramLabel = "DEG", description = "Centroid longitude, WGS84.")
        Double lon;

        @Option(names = "--lat", paramLabel = "DEG", description = "Centroid latitude, WGS84.")
        Double lat;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                description = "Where to write (default <data-dir>/feeds).")
        Path out;

        @Option(
                names = "--from",
                defaultValue = "2024-06-03",
                paramLabel = "DATE",
                description = "lighting: the first night (local date; default ${DEFAULT-VALUE}).")
        java.time.LocalDate from;

        @Option(
                names = "--nights",
                defaultValue = "30",
                paramLabel = "N",
                description = "lighting: lighting days to generate (default ${DEFAULT-VALUE}).")
        int nights;

        @Option(
                names = "--no-faults",
                description = "lighting: inject no faults (a fault-free run).")
        boolean noFaults;

        @Option(
                names = "--fault-rate",
                defaultValue = "0.005",
                paramLabel = "X",
                description =
                        "lighting: chance of each lamp fault type per lamp and night, at most"
                                + " 0.25 (default ${DEFAULT-VALUE}).")
        double faultRate;

        @Option(
                names = "--cabinet-fault-rate",
                defaultValue = "0.03",
                paramLabel = "X",
                description =
                        "lighting: chance of each cabinet fault type per cabinet and night, at"
                                + " most 0.5 (default ${DEFAULT-VALUE}).")
        double cabinetFaultRate;

        @Option(
                names = "--bins",
                defaultValue = "1000",
                paramLabel = "N",
                description = "waste: bins of the city (default ${DEFAULT-VALUE}).")
        int bins;

        @Option(
                names = "--days",
                defaultValue = "7",
                paramLabel = "N",
                description = "waste: days of collections from --from (default ${DEFAULT-VALUE}).")
        int days;

        @Option(
                names = "--osm",
                paramLabel = "FILE",
                description =
                        "waste: the OSM extract the bins are placed on; without it --feed waste is"
                                + " the descriptor's small seeded feed.")
        Path osm;

        @Option(
                names = "--source",
                paramLabel = "DIR",
                description =
                        "waste: the Edinburgh litter-bin folder the statistics come from (default"
                                + " test-data/edinburgh-litter-bin-sensors).")
        Path source;

        @Option(
                names = "--overwrite",
                description =
                        "Replace feed and ref files already there (by default they are left"
                                + " alone and nothing is written).")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Path dir = out != null ? out : config.dataDir().resolve("feeds");
            if (feeds.stream().anyMatch(f -> f.trim().equals(Feed.LIGHTING.id()))) {
                if (feeds.size() > 1) {
                    throw new IllegalArgumentException(
                            "--feed lighting is generated from a lamp inventory with its own"
                                    + " options: generate it on its own, then the other feeds");
                }
                return lighting(config, dir.toAbsolutePath());
            }
            if (osm != null) {
                if (feeds.stream().noneMatch(f -> f.trim().equals(Feed.WASTE.id()))) {
                    throw new IllegalArgumentException(
                            "--osm places the bins of --feed waste; the other feeds take no"
                                    + " network");
                }
                if (feeds.size() > 1) {
                    throw new IllegalArgumentException(
                            "--feed waste with --osm generates a city of bins with its own"
                                    + " options: generate it on its own, then the other feeds");
                }
                return waste(config, dir.toAbsolutePath());
            }
            FeedCatalog catalog = FeedCatalog.forDataDir(config.dataDir());
            City registered = city();
            FeedGenerator.Settings settings =
                    new FeedGenerator.Settings(
                            readings,
                            seed,
                            sensors,
                            start,
                            step,
                            badPerReason,
                            unregisteredCity,
                            5);
            if (!overwrite) {
                for (String feed : feeds) {
                    for (Path file :
                            FeedGenerator.targets(
                                    catalog, feed.trim(), registered, settings, dir)) {
                        if (Files.exists(file)) {
                            throw new IllegalArgumentException(
                                    file
                                            + " exists; choose another --out, or pass --overwrite"
                                            + " to replace it");
                        }
                    }
                }
            }
            for (String feed : feeds) {
                GeneratedFeed generated =
                        FeedGenerator.generate(catalog, feed.trim(), registered, settings, dir);
                print(generated, dir);
            }
            return 0;
        }

        private int lighting(LakeConfig config, Path dir) throws Exception {
            City registered = RegisteredCity.require(city, dir, config);
            LampInventory inventory = LampInventory.read(dir, city);
            if (!overwrite) {
                Path feed = FeedConverter.feedPath(dir, city, Feed.LIGHTING);
                if (Files.exists(feed)) {
                    throw new IllegalArgumentException(
                            feed
                                    + " exists; choose another --out, or pass --overwrite to"
                                    + " replace it");
                }
            }
            TelemetrySettings settings =
                    TelemetrySettings.nights(
                            from,
                            nights,
                            registered.zone(),
                            seed,
                            noFaults ? 0 : faultRate,
                            noFaults ? 0 : cabinetFaultRate);
            long began = System.nanoTime();
            int[] shown = {0};
            LightingTelemetry.Result result =
                    LightingTelemetry.write(
                            registered,
                            inventory,
                            settings,
                            dir,
                            (done, total) -> {
                                int tenth = (int) (done * 10 / total);
                                if (total >= 480 && tenth > shown[0]) {
                                    shown[0] = tenth;
                                    System.err.printf(
                                            "  %d %% (%,d of %,d steps)%n",
                                            tenth * 10, done, total);
                                }
                            });
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    "feed lighting, city %s, %d nights from %s, seed %d: %,d lines in %.1f s%n",
                    city, nights, from, seed, result.lines(), seconds);
            System.out.printf(
                    "  %-34s %,9d Streetlight + %,d StreetlightControlCabinet%n",
                    dir.relativize(result.feed()), result.lampReports(), result.cabinetReports());
            System.out.printf(
                    "  %-34s %,9d faults %s%n",
                    dir.relativize(result.faultsFile()),
                    result.faults().values().stream().mapToInt(Integer::intValue).sum(),
                    new java.util.TreeMap<>(result.faults()));
            System.out.printf(
                    "  %-34s lamps %.1f kWh, meters %.1f kWh%n",
                    dir.relativize(result.expectedFile()), result.lampsKwh(), result.meterKwh());
            System.out.println(
                    "Then: citylake lakehouse init; citylake ref load; citylake ingest.");
            return 0;
        }

        private int waste(LakeConfig config, Path dir) throws Exception {
            City registered = RegisteredCity.require(city, dir, config);
            if (!overwrite) {
                Path feed = FeedConverter.feedPath(dir, city, Feed.WASTE);
                if (Files.exists(feed)) {
                    throw new IllegalArgumentException(
                            feed
                                    + " exists; choose another --out, or pass --overwrite to"
                                    + " replace it");
                }
            }
            Path real =
                    source != null
                            ? source
                            : Home.testData().resolve("edinburgh-litter-bin-sensors");
            long began = System.nanoTime();
            var realBins = WasteCityGenerator.realBins(real);
            var ways = org.citylake.geo.osm.OsmStreetReader.read(osm, "EPSG:3857");
            var network = StreetNetwork.of(ways.streets(), osm.toString());
            WasteCityGenerator.Result result =
                    WasteCityGenerator.generate(
                            registered,
                            network,
                            realBins,
                            new WasteCityGenerator.Settings(bins, from, days, seed),
                            dir);
            System.out.printf(
                    "feed waste, city %s, %,d bins copied from %,d real ones, %d days from %s,"
                            + " seed %d: %,d collections in %.1f s%n",
                    city,
                    bins,
                    realBins.size(),
                    days,
                    from,
                    seed,
                    result.collections(),
                    (System.nanoTime() - began) / 1e9);
            System.out.printf(
                    "  %-40s %,9d lines%n",
                    dir.relativize(result.feed().path()), result.feed().lines());
            for (ConvertedFile f : result.ref()) {
                System.out.printf("  %-40s %,9d rows%n", dir.relativize(f.path()), f.lines());
            }
            System.out.println(
                    "Then: citylake lakehouse init; citylake ref load; citylake ingest.");
            return 0;
        }

        private City city() {
            City known = FeedGenerator.knownCity(city).orElse(null);
            if (timeZone == null && lon == null && lat == null) {
                if (known == null) {
                    throw new IllegalArgumentException(
                            "city '"
                                    + city
                                    + "' is not one the generator knows (wuhan, aarhus, beijing,"
                                    + " edinburgh): give --time-zone ZONE --lon LON --lat LAT"
                                    + " (and --name)");
                }
                return name == null && country == null
                        ? known
                        : City.of(
                                city,
                                name != null ? name : known.name(),
                                country != null ? country : known.country(),
                                known.zone().getId(),
                                known.lon(),
                                known.lat(),
                                null,
                                null);
            }
            if (timeZone == null || lon == null || lat == null) {
                throw new IllegalArgumentException(
                        "give all of --time-zone, --lon and --lat to register city " + city);
            }
            String display =
                    name != null
                            ? name
                            : known != null
                                    ? known.name()
                                    : Character.toUpperCase(city.charAt(0)) + city.substring(1);
            return City.of(city, display, country, timeZone, lon, lat, null, null);
        }

        private static void print(GeneratedFeed generated, Path dir) {
            System.out.printf(
                    "feed %s (descriptor version %d), city %s, seed %d: %,d lines%n",
                    generated.feed(),
                    generated.descriptorVersion(),
                    generated.city(),
                    generated.seed(),
                    generated.lines());
            generated
                    .files()
                    .forEach(
                            (file, n) ->
                                    System.out.printf(
                                            "  %-34s %,7d %s%n",
                                            file, n, n == 1 ? "line" : "lines"));
            generated
                    .ref()
                    .forEach(
                            (table, n) ->
                                    System.out.printf(
                                            "  %-34s %,7d %s%n",
                                            generated.city()
                                                    + "/ref/"
                                                    + table.substring("ref.".length())
                                                    + ".jsonl",
                                            n,
                                            n == 1 ? "row" : "rows"));
            generated
                    .clean()
                    .forEach(
                            (table, n) ->
                                    System.out.printf("  expected %-25s %,7d rows%n", table, n));
            if (!generated.deadLetters().isEmpty()) {
                System.out.printf(
                        "  expected dead letters %,d: %s%n",
                        generated.deadLetterTotal(),
                        String.join(
                                ", ",
                                generated.deadLetters().entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .toList()));
            }
            System.out.printf(
                    "  oracle: %s%n", GeneratedFeed.path(dir, generated.city(), generated.feed()));
        }
    }

    static List<ConvertedFile> convert(Path source, Path out) throws Exception {
        Path src = source != null ? source : Home.testData();
        return FeedConverter.convertAll(src, out);
    }
}
