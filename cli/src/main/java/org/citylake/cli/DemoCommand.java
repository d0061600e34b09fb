package org.citylake.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.citylake.analytics.job.CompleteDays;
import org.citylake.analytics.job.TextTable;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.IngestSettings;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;
import org.citylake.lakehouse.io.FileTrees;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.City;
import org.citylake.model.CityRegistry;
import org.citylake.model.EntityType;
import org.citylake.ref.RefLoader;
import org.citylake.serving.AnalystViews;
import org.citylake.testdata.ConvertedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake demo}: a whole city pipeline on the embedded lake, from a fresh clone. */
@Command(
        name = "demo",
        description = {
            "Initialise the lake, convert the bundled real data into FIWARE feeds, load the"
                    + " reference data, replay every feed through the exactly-once ingest job,"
                    + " print rows per table and dead letters by reason, then run the analytics"
                    + " jobs on every complete day and print their headline results.",
            "Running it again on the same lake changes no clean table: every reading is"
                    + " recognised as a duplicate (and kept in ops.dead_letter as such)."
        },
        mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--source",
            paramLabel = "DIR",
            description = "Data sets to convert (default: the bundled slices in test-data/).")
    Path source;

    @Option(names = "--fresh", description = "Delete the embedded lake under the data dir first.")
    boolean fresh;

    @Option(names = "--parallelism", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    int parallelism;

    @Mixin ProgressArgs progressArgs;

    @Override
    public Integer call() throws Exception {
        LakeConfig config = lakeArgs.load();
        if (fresh) {
            if (config.profile() != Profile.EMBEDDED) {
                throw new IllegalArgumentException("--fresh only applies to the embedded profile");
            }
            for (String sub :
                    List.of(
                            "catalog.db",
                            "catalog.db-wal",
                            "catalog.db-shm",
                            "warehouse",
                            "checkpoints",
                            "feeds")) {
                FileTrees.delete(config.dataDir().resolve(sub));
            }
        }
        String of = config.profile() == Profile.STACK ? "/6 " : "/5 ";
        step(
                "1"
                        + of
                        + "lake: "
                        + config.profile().id()
                        + " profile, data dir "
                        + config.dataDir());
        try (Lake lake = Lake.open(config)) {
            List<String> created = lake.init();
            System.out.printf(
                    "    %d tables created, %d already there%n",
                    created.size(), lake.registry().all().size() - created.size());

            Path feeds = config.dataDir().resolve("feeds");
            step("2" + of + "converting real data sets into FIWARE feeds → " + feeds);
            List<ConvertedFile> files = TestdataCommand.convert(source, feeds);
            for (ConvertedFile f : files) {
                System.out.printf("    %-10s %-22s %,9d%n", f.city(), f.table(), f.lines());
            }
            lightingTelemetry(feeds);
            placeBins(feeds);

            step("3" + of + "loading reference data and registering the cities");
            RefLoader.loadAll(lake, feeds, note -> System.out.println("    " + note))
                    .forEach((t, n) -> System.out.printf("    %-40s %,6d%n", t, n));
            CityRegistry cities = CityTable.read(lake);

            if (config.profile() == Profile.STACK) {
                stackIngest(feeds);
            } else {
                step(
                        "4/5 ingest: replaying every feed through the Flink job (embedded MiniCluster)");
                Map<String, List<ReplayFile>> replay =
                        FeedFiles.find(feeds, new LinkedHashSet<>(lake.feeds().ids()), Set.of());
                IngestJob.Plan plan =
                        new IngestJob.Plan(
                                replay,
                                IngestSettings.defaults(cities, lake.feeds())
                                        .withParallelism(parallelism),
                                Duration.ofSeconds(2),
                                0,
                                false,
                                null);
                long started = System.nanoTime();
                IngestRun.runToCompletion(config, plan, progressArgs.show());
                System.out.printf(
                        "    %,d messages in %.1f s%n",
                        FeedFiles.totalLines(replay), (System.nanoTime() - started) / 1e9);
            }
            System.out.println();
            LakehouseCommand.printStatus(lake, false);
            System.out.println();
            step((config.profile() == Profile.STACK ? "6/6" : "5/5") + " analytics: congestion");
            runTraffic(lake, cities);
            step(
                    (config.profile() == Profile.STACK ? "6/6" : "5/5")
                            + " analytics: parking (citylake run "
                            + String.join(" ", PARKING_RUN)
                            + ")");
            run("run", PARKING_RUN, lakeArgs.asArgs(), List.of());
            runLighting(lake, cities, config.profile() == Profile.STACK ? "6/6" : "5/5");
            runWaste(lake, cities, config.profile() == Profile.STACK ? "6/6" : "5/5");
            step(
                    (config.profile() == Profile.STACK ? "6/6" : "5/5")
                            + " analytics: air quality (citylake run "
                            + String.join(" ", AIR_TRAIN)
                            + "; then --forecast-at)");
            run("run", AIR_TRAIN, lakeArgs.asArgs(), List.of());
            run("run", AIR_FORECAST, lakeArgs.asArgs(), List.of());
        }
        step(
                (config.profile() == Profile.STACK ? "6/6" : "5/5")
                        + " planner report (citylake report "
                        + String.join(" ", REPORT)
                        + ")");
        org.citylake.reports.Report.Written report =
                ReportCommand.write(config, REPORT.get(1), REPORT.get(3), "day", 10, null);
        for (org.citylake.reports.Section section : report.sections()) {
            System.out.printf(
                    "    %-28s %s%n",
                    section.title(), section.present() ? "included" : "no data for the day");
        }
        System.out.println("    report: " + report.html().toAbsolutePath());
        System.out.println("    pdf:    " + report.pdf().toAbsolutePath());
        System.out.println(
                "    the street map of every city: "
                        + Home.launcher()
                        + " serve (then open the address it prints)");
        System.out.println();
        step(
                (config.profile() == Profile.STACK ? "6/6" : "5/5")
                        + " data exchange (citylake exchange publish "
                        + EXCHANGE_PRODUCT
                        + ")");
        ExchangeDemo.publishAndShow(config, EXCHANGE_PRODUCT, System.out);
        System.out.println();
        if (config.profile() == Profile.STACK) {
            printTrinoExamples(config);
        } else {
            System.out.println(
                    "Try: " + Home.launcher() + " sql \"SELECT count(*) FROM clean.traffic_flow\"");
        }
        return 0;
    }

    /** The data product the demo publishes. */
    static final String EXCHANGE_PRODUCT = "congestion-hourly";

    /** First night of the street-lighting telemetry the demo generates (a winter week). */
    static final String LIGHTING_FROM = "2024-12-16";

    /**
     * Nights generated: night {@code D} ends at local noon on {@code D+1}, so the lighting job gets
     * the complete days' nights, two of these four.
     */
    static final int LIGHTING_NIGHTS = 4;

    /**
     * No city publishes per-lamp data: for each city whose OSM extract is bundled ({@code
     * <source>/osm-<name>/*.osm.gz} with its {@code cities.jsonl}), place lamps on its real streets
     * and generate their telemetry with faults, as `citylake lighting inventory` and `citylake
     * testdata generate --feed lighting` do.
     */
    private void lightingTelemetry(Path feeds) throws java.io.IOException {
        Path src = source != null ? source : Home.testData();
        if (!java.nio.file.Files.isDirectory(src)) {
            return;
        }
        List<Path> extracts;
        try (var dirs = java.nio.file.Files.list(src)) {
            extracts =
                    dirs.filter(d -> d.getFileName().toString().startsWith("osm-"))
                            .sorted()
                            .flatMap(DemoCommand::extractOf)
                            .toList();
        }
        for (Path osm : extracts) {
            String city = cityOf(osm.resolveSibling("cities.jsonl"));
            System.out.printf(
                    "    %-10s street lamps on the streets of %s, %d nights of lamp and cabinet"
                            + " reports with faults%n",
                    city, osm.getFileName(), LIGHTING_NIGHTS);
            run(
                    "lighting",
                    List.of(
                            "inventory",
                            "--city",
                            city,
                            "--osm",
                            osm.toString(),
                            "--feeds",
                            feeds.toString()),
                    lakeArgs.asArgs(),
                    List.of());
            run(
                    "testdata",
                    List.of(
                            "generate",
                            "--feed",
                            "lighting",
                            "--city",
                            city,
                            "--from",
                            LIGHTING_FROM,
                            "--nights",
                            Integer.toString(LIGHTING_NIGHTS),
                            "--out",
                            feeds.toString(),
                            "--overwrite"),
                    lakeArgs.asArgs(),
                    List.of());
        }
    }

    /**
     * The converted bins have streets but no coordinates: place each converted city's bins on the
     * first bundled OSM extract (Monaco's), as `citylake waste place` does, so that the ref tables
     * hold positions, vehicles, a depot and disposal sites.
     */
    /** The OSM extract each city's bins were placed on: the waste job routes on it. */
    private final Map<String, Path> binsPlacedOn = new java.util.TreeMap<>();

    /** Days of waste collections the demo's waste run covers (the last complete week). */
    static final int WASTE_DAYS = 7;

    private void placeBins(Path feeds) throws java.io.IOException {
        Path src = source != null ? source : Home.testData();
        if (!java.nio.file.Files.isDirectory(src) || !java.nio.file.Files.isDirectory(feeds)) {
            return;
        }
        Optional<Path> osm;
        try (var dirs = java.nio.file.Files.list(src)) {
            osm =
                    dirs.filter(d -> d.getFileName().toString().startsWith("osm-"))
                            .sorted()
                            .flatMap(DemoCommand::extractOf)
                            .findFirst();
        }
        if (osm.isEmpty()) {
            return;
        }
        List<String> cities;
        try (var dirs = java.nio.file.Files.list(feeds)) {
            cities =
                    dirs.filter(
                                    d ->
                                            java.nio.file.Files.isRegularFile(
                                                    d.resolve("ref/waste_containers.jsonl")))
                            .map(d -> d.getFileName().toString())
                            .sorted()
                            .toList();
        }
        for (String city : cities) {
            binsPlacedOn.put(city, osm.get());
            System.out.printf(
                    "    %-10s bins placed on the streets of %s, with vehicles, a depot and"
                            + " disposal sites%n",
                    city, osm.get().getFileName());
            run(
                    "waste",
                    List.of(
                            "place",
                            "--city",
                            city,
                            "--osm",
                            osm.get().toString(),
                            "--feeds",
                            feeds.toString()),
                    lakeArgs.asArgs(),
                    List.of());
        }
    }

    private static java.util.stream.Stream<Path> extractOf(Path dir) {
        Path registration = dir.resolve("cities.jsonl");
        if (!java.nio.file.Files.isRegularFile(registration)) {
            return java.util.stream.Stream.empty();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files
                    .filter(
                            f -> {
                                String n = f.getFileName().toString();
                                return n.endsWith(".osm.gz")
                                        || n.endsWith(".osm")
                                        || n.endsWith(".osm.pbf");
                            })
                    .sorted()
                    .limit(1)
                    .toList()
                    .stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The city a one-city registration file registers. */
    private static String cityOf(Path registration) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(registration)) {
            if (!line.isBlank()) {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(line)
                        .get("city")
                        .asText();
            }
        }
        throw new IllegalStateException(registration + " registers no city");
    }

    /** The report the demo ends with: Aarhus on the Monday of the bundled traffic week. */
    static final List<String> REPORT = List.of("--city", "aarhus", "--date", "2014-08-18");

    /** The last five bundled Aarhus weeks, the autumn DST day among them; the last one tests. */
    static final List<String> PARKING_RUN =
            List.of("parking", "--from", "2014-09-29", "--to", "2014-11-02", "--city", "aarhus");

    /** Beijing's PM2.5 models, DESIGN §5's protocol: train 2010-2012, validate 2013, test 2014. */
    static final List<String> AIR_TRAIN =
            List.of(
                    "airquality",
                    "--city",
                    "beijing",
                    "--train",
                    "2010-01-01..2012-12-31",
                    "--validate",
                    "2013-01-01..2013-12-31",
                    "--test",
                    "2014-01-01..2014-12-31");

    /** The next 24 h of the bundled station, issued on the morning of the data's last day. */
    static final List<String> AIR_FORECAST =
            List.of("airquality", "--city", "beijing", "--forecast-at", "2014-12-31T08:00");

    /** The congestion job over every complete day of traffic each city has. */
    private void runTraffic(Lake lake, CityRegistry cities) {
        Table traffic = lake.table(EntityType.TRAFFIC_FLOW_OBSERVED.cleanTable());
        for (City registered : cities.all()) {
            String city = registered.id();
            Optional<AnalyticsPeriod> days =
                    CompleteDays.of(traffic, city, registered.zone(), Duration.ofMinutes(5));
            if (days.isEmpty()) {
                continue;
            }
            run(
                    "run",
                    List.of(
                            "traffic",
                            "--from",
                            days.get().from().toString(),
                            "--to",
                            days.get().to().toString(),
                            "--city",
                            city),
                    lakeArgs.asArgs(),
                    List.of());
        }
    }

    /**
     * The lighting job over every complete night of each city with lamp reports (none in the
     * bundled data: then nothing is run or printed). Night {@code D} ends at local noon on {@code
     * D+1}, so the last complete day's night is not complete yet.
     */
    private void runLighting(Lake lake, CityRegistry cities, String step) {
        Table lamps = lake.table(EntityType.STREETLIGHT.cleanTable());
        for (City registered : cities.all()) {
            Optional<AnalyticsPeriod> days =
                    CompleteDays.of(
                            lamps, registered.id(), registered.zone(), Duration.ofMinutes(15));
            if (days.isEmpty() || !days.get().from().isBefore(days.get().to())) {
                continue;
            }
            List<String> args =
                    List.of(
                            "lighting",
                            "--from",
                            days.get().from().toString(),
                            "--to",
                            days.get().to().minusDays(1).toString(),
                            "--city",
                            registered.id());
            step(
                    step
                            + " analytics: street lighting (citylake run "
                            + String.join(" ", args)
                            + ")");
            run("run", args, lakeArgs.asArgs(), List.of());
        }
    }

    /**
     * The waste job over the last complete week of each city whose bins were placed on a network,
     * routing on that network: the routes driven, their kg per km and fills, and the optimised
     * plan's saving.
     */
    private void runWaste(Lake lake, CityRegistry cities, String step) {
        Table collections = lake.table(EntityType.WASTE_COLLECTION.cleanTable());
        for (City registered : cities.all()) {
            Path osm = binsPlacedOn.get(registered.id());
            if (osm == null) {
                continue;
            }
            Optional<AnalyticsPeriod> days =
                    CompleteDays.of(collections, registered.id(), registered.zone(), Duration.ZERO);
            if (days.isEmpty()) {
                continue;
            }
            LocalDate to = days.get().to();
            LocalDate from = to.minusDays(WASTE_DAYS - 1);
            if (from.isBefore(days.get().from())) {
                from = days.get().from();
            }
            List<String> args =
                    List.of(
                            "waste",
                            "--city",
                            registered.id(),
                            "--from",
                            from.toString(),
                            "--to",
                            to.toString(),
                            "--osm",
                            osm.toString(),
                            "--solve-seconds",
                            "5");
            step(
                    step
                            + " analytics: waste collection (citylake run "
                            + String.join(" ", args)
                            + ")");
            run("run", args, lakeArgs.asArgs(), List.of());
        }
    }

    /** Stack: publish the feeds to Kafka, then ingest them from the topics (bounded). */
    private void stackIngest(Path feeds) {
        List<String> lake = lakeArgs.asArgs();
        List<String> progress = progressArgs.asArgs();
        step("4/6 publishing every feed to Kafka (topics city.<feed>)");
        run("replay", List.of("--to", "kafka", "--feeds", feeds.toString()), lake, progress);
        step("5/6 ingest: the Flink job reads the topics up to their current end");
        run(
                "ingest",
                List.of(
                        "--from",
                        "kafka",
                        "--bounded",
                        "--parallelism",
                        Integer.toString(parallelism)),
                lake,
                progress);
    }

    private static void run(
            String command, List<String> args, List<String> lake, List<String> more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(args);
        all.addAll(lake);
        all.addAll(more);
        int exit = CityLakeCli.execute(all.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("`citylake " + String.join(" ", all) + "` failed");
        }
    }

    static final List<String> ANALYST_QUERIES =
            List.of(
                    "SELECT city, count(*) AS readings, min(observed_at) AS first, max(observed_at)"
                            + " AS last FROM clean.traffic_flow GROUP BY city",
                    "SELECT segment_id, round(avg(avg_speed_kmh), 1) AS mean_speed_kmh, sum(intensity)"
                            + " AS vehicles FROM clean.traffic_flow GROUP BY segment_id"
                            + " ORDER BY mean_speed_kmh LIMIT 10",
                    "SELECT date_trunc('month', observed_at) AS month, round(avg(pm25), 1) AS"
                            + " mean_pm25 FROM clean.air_quality WHERE city = 'beijing'"
                            + " GROUP BY 1 ORDER BY 1");

    private void printTrinoExamples(LakeConfig config) throws Exception {
        List<String> views = AnalystViews.create(SqlCommand.trino(config, null));
        System.out.println("Trino views for analysts: " + String.join(", ", views));
        var analyst = SqlCommand.trino(config, "analyst");
        var first = analyst.query(ANALYST_QUERIES.get(0));
        System.out.println("Through Trino as user 'analyst':");
        TextTable.print(System.out, first.header(), first.rows(), false);
        System.out.println();
        System.out.println(
                "Queries an analyst can paste (citylake sql --profile stack --user analyst \"...\"):");
        ANALYST_QUERIES.forEach(q -> System.out.println("  " + q + ";"));
    }

    private static void step(String text) {
        System.out.println("==> " + text);
    }
}
