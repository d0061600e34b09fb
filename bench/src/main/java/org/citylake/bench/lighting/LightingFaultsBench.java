package org.citylake.bench.lighting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.bench.harness.Report;
import org.citylake.bench.lighting.FaultScore.Fault;
import org.citylake.bench.lighting.FaultScore.TypeScore;
import org.citylake.cli.CityLakeCli;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.LightingFault;

/**
 * Street-lighting fault detection against the generator's ground truth, end to end on the real
 * Monaco street network (or any registered city with an OSM extract):
 *
 * <pre>
 *  lighting inventory --osm      ─► ref files ─► ref load
 *  testdata generate --feed lighting --nights N ─► lighting.jsonl ─► ingest --batch ─► clean.streetlight*
 *                                             └─► lighting.faults.jsonl (ground truth)
 *  run lighting --from D --to D+N-1 ─► gold.lighting_faults ──┐
 *                                      gold.lighting_energy ──┤
 *  score: (entity, night, type) detected vs true, per type ◄──┘  meters vs lamps on fault-free nights
 * </pre>
 *
 * The fault rows are compared as triples (lamp or cabinet id, lighting night, type); precision and
 * recall per type are the accuracy figures. On cabinet-nights with no injected fault on the cabinet
 * nor on any of its lamps, the cabinet's metered energy and its lamps' Σ power × time (reported
 * plus the estimate of missing slots) must agree within 1 %.
 */
public final class LightingFaultsBench {

    public static final String NAME = "lighting-faults";

    /** Precision and recall each fault type must reach. */
    public static final double GOAL = 0.95;

    /** Meter against lamps on fault-free cabinet-nights. */
    public static final double METER_TOLERANCE = 0.01;

    /**
     * @param city a registered-by-data city (its {@code cities.jsonl} next to the extract)
     * @param osm the city's OSM extract
     * @param from the first night
     * @param nights nights generated and analysed
     * @param seed inventory and telemetry seed
     */
    public record Params(
            String city, Path osm, LocalDate from, int nights, long seed, int parallelism) {}

    private LightingFaultsBench() {}

    public static Report run(Params p, Path workDir, String command) throws Exception {
        Report report =
                new Report(
                        NAME,
                        "Street-lighting fault detection (`citylake run lighting`) against the"
                                + " ground truth of the telemetry generator, end to end on the"
                                + " embedded profile: lamp inventory from the city's real OSM"
                                + " extract, generated lamp and cabinet reports ingested by the"
                                + " batch ingest job, the lighting job, then precision and recall"
                                + " per fault type and meter-against-lamp agreement on"
                                + " fault-free nights.",
                        command);
        PrintStream log = System.err;
        Path data = workDir.resolve("lake");
        Path feeds = workDir.resolve("feeds");
        LocalDate to = p.from().plusDays(p.nights() - 1L);
        Path registration = p.osm().resolveSibling("cities.jsonl");
        if (!Files.isRegularFile(registration)) {
            throw new IllegalArgumentException(
                    "no registration next to the extract: "
                            + registration
                            + " (one JSON line: city, name, time_zone, lon, lat)");
        }
        Files.createDirectories(feeds.resolve(p.city()).resolve("ref"));
        Files.copy(
                registration,
                feeds.resolve(p.city()).resolve("ref").resolve("cities.jsonl"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Map<String, Double> seconds = new LinkedHashMap<>();
        PrintStream stdout = System.out;
        System.setOut(System.err); // the commands' output goes to the log
        try {
            String d = data.toString();
            String f = feeds.toString();
            stage(seconds, "init", List.of("lakehouse", "init", "--data-dir", d));
            stage(
                    seconds,
                    "inventory",
                    List.of(
                            "lighting",
                            "inventory",
                            "--city",
                            p.city(),
                            "--osm",
                            p.osm().toString(),
                            "--seed",
                            Long.toString(p.seed()),
                            "--feeds",
                            f,
                            "--data-dir",
                            d));
            stage(seconds, "ref_load", List.of("ref", "load", "--feeds", f, "--data-dir", d));
            stage(
                    seconds,
                    "generate",
                    List.of(
                            "testdata",
                            "generate",
                            "--feed",
                            "lighting",
                            "--city",
                            p.city(),
                            "--from",
                            p.from().toString(),
                            "--nights",
                            Integer.toString(p.nights()),
                            "--seed",
                            Long.toString(p.seed()),
                            "--out",
                            f,
                            "--overwrite",
                            "--data-dir",
                            d));
            stage(
                    seconds,
                    "ingest",
                    List.of(
                            "ingest",
                            "--batch",
                            "--feeds",
                            f,
                            "--parallelism",
                            Integer.toString(p.parallelism()),
                            "--no-progress",
                            "--data-dir",
                            d));
            stage(
                    seconds,
                    "lighting_job",
                    List.of(
                            "run",
                            "lighting",
                            "--city",
                            p.city(),
                            "--from",
                            p.from().toString(),
                            "--to",
                            to.toString(),
                            "--data-dir",
                            d));
        } finally {
            System.setOut(stdout);
        }

        List<Fault> truth = new ArrayList<>();
        Map<String, Set<LocalDate>> faultyCabinetNights = new LinkedHashMap<>();
        Map<String, String> cabinetOfLamp = new LinkedHashMap<>();
        readRef(
                feeds.resolve(p.city()).resolve("ref").resolve("streetlights.jsonl"),
                cabinetOfLamp);
        readTruth(
                feeds.resolve(p.city()).resolve("lighting.faults.jsonl"),
                p.city(),
                truth,
                cabinetOfLamp,
                faultyCabinetNights);
        List<Fault> detected = new ArrayList<>();
        MeterAgreement meters = new MeterAgreement();
        long readings;
        try (Lake lake = Lake.open(LakeConfig.embedded(data))) {
            readings =
                    org.citylake.bench.ingest.LakeCounts.rows(lake, "clean.streetlight")
                            + org.citylake.bench.ingest.LakeCounts.rows(
                                    lake, "clean.streetlight_cabinet");
            long dead = org.citylake.bench.ingest.LakeCounts.rows(lake, "ops.dead_letter");
            if (dead != 0) {
                throw new IllegalStateException(
                        dead + " generated readings were dead-lettered; the run is void");
            }
            Table faults = lake.table("gold.lighting_faults");
            faults.refresh();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(faults)
                            .where(Expressions.equal("city", p.city()))
                            .build()) {
                for (Record r : rows) {
                    detected.add(
                            new Fault(
                                    (String) r.getField("entity_id"),
                                    (LocalDate) r.getField("night"),
                                    LightingFault.named((String) r.getField("fault_type"))));
                }
            }
            Table energy = lake.table("gold.lighting_energy");
            energy.refresh();
            try (CloseableIterable<Record> rows =
                    IcebergGenerics.read(energy)
                            .where(
                                    Expressions.and(
                                            Expressions.equal("city", p.city()),
                                            Expressions.equal("scope_level", "cabinet")))
                            .build()) {
                for (Record r : rows) {
                    String cabinet = (String) r.getField("scope_id");
                    LocalDate night = (LocalDate) r.getField("night");
                    if (faultyCabinetNights.getOrDefault(cabinet, Set.of()).contains(night)) {
                        continue;
                    }
                    Double metered = (Double) r.getField("metered_kwh");
                    double lamps =
                            (Double) r.getField("kwh") + (Double) r.getField("kwh_estimated");
                    meters.add(night, metered, lamps);
                }
            }
        }

        Map<LightingFault, TypeScore> scores = FaultScore.score(truth, detected);
        report.parameter("city", p.city())
                .parameter("osm", p.osm().getFileName().toString())
                .parameter("from", p.from().toString())
                .parameter("nights", p.nights())
                .parameter("seed", p.seed())
                .parameter("ingest_parallelism", p.parallelism())
                .parameter("readings", readings)
                .parameter("true_faults", truth.size())
                .parameter("detected_faults", detected.size());
        List<Map<String, Object>> table = new ArrayList<>();
        boolean all = true;
        for (TypeScore s : scores.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fault_type", s.type().name());
            row.put("true", s.truth());
            row.put("detected", s.detected());
            row.put("true_positives", s.truePositives());
            row.put("false_positives", s.falsePositives());
            row.put("false_negatives", s.falseNegatives());
            row.put("precision", round(s.precision()));
            row.put("recall", round(s.recall()));
            table.add(row);
            boolean met = s.truth() > 0 && s.precision() >= GOAL && s.recall() >= GOAL;
            all &= met;
            report.goal(
                    s.type().name() + ": precision and recall ≥ " + GOAL,
                    String.format(
                            Locale.ROOT,
                            "precision %.3f, recall %.3f (%d true, %d detected, %d false, %d"
                                    + " missed)",
                            s.precision(),
                            s.recall(),
                            s.truth(),
                            s.detected(),
                            s.falsePositives(),
                            s.falseNegatives()),
                    met);
            log.printf(
                    Locale.ROOT,
                    "[%s] %-16s true %5d  detected %5d  precision %.3f  recall %.3f%n",
                    NAME,
                    s.type(),
                    s.truth(),
                    s.detected(),
                    s.precision(),
                    s.recall());
        }
        report.extra("scores", table);
        report.goal(
                "fault-free nights: cabinet meters and Σ lamp power × time within 1 % (each"
                        + " night, over the cabinets with no injected fault)",
                meters.describeNights(),
                !meters.nights.isEmpty() && meters.maxNightRelative() <= METER_TOLERANCE);
        log.printf("[%s] meters per night: %s%n", NAME, meters.describeNights());
        log.printf("[%s] meters: %s%n", NAME, meters.describe());
        report.extra(
                "meters",
                Map.of(
                        "cabinet_nights",
                        meters.count,
                        "max_relative_difference_cabinet_night",
                        round(meters.maxRelative),
                        "max_relative_difference_night",
                        round(meters.maxNightRelative()),
                        "nights",
                        meters.nights.size(),
                        "metered_kwh",
                        round(meters.metered),
                        "lamps_kwh",
                        round(meters.lamps)));
        report.extra("stage_seconds", seconds);
        report.note(
                "Faults are compared as (lamp or cabinet id, lighting night, type) triples; the"
                        + " ground truth is the generator's lighting.faults.jsonl, written as it"
                        + " injects each fault for a whole lighting day (local noon to noon).");
        report.note(
                "Meters: cabinet rows of gold.lighting_energy whose cabinet and lamps have no"
                        + " injected fault that night; lamps = kwh + kwh_estimated.");
        report.note("Not a timing benchmark: one run; stage seconds are for information.");
        if (!all) {
            log.printf("[%s] a goal is not met; see the report%n", NAME);
        }
        return report;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static void stage(Map<String, Double> seconds, String name, List<String> args) {
        long start = System.nanoTime();
        int exit = CityLakeCli.execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException(
                    "stage " + name + ": `citylake " + String.join(" ", args) + "` failed");
        }
        double s = (System.nanoTime() - start) / 1e9;
        seconds.put(name, round(s));
        System.err.printf(Locale.ROOT, "[%s] stage %s: %.1f s%n", NAME, name, s);
    }

    private static void readRef(Path streetlights, Map<String, String> cabinetOfLamp)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(streetlights, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                JsonNode cabinet = n.get("cabinet_id");
                if (cabinet != null && !cabinet.isNull()) {
                    cabinetOfLamp.put(n.get("id").asText(), cabinet.asText());
                }
            }
        }
    }

    private static void readTruth(
            Path file,
            String city,
            List<Fault> truth,
            Map<String, String> cabinetOfLamp,
            Map<String, Set<LocalDate>> faultyCabinetNights)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                if (!city.equals(n.get("city").asText())) {
                    continue;
                }
                String id = n.get("id").asText();
                LocalDate night = LocalDate.parse(n.get("night").asText());
                LightingFault type = LightingFault.named(n.get("fault_type").asText());
                truth.add(new Fault(id, night, type));
                String cabinet =
                        type.level() == LightingFault.Level.CABINET ? id : cabinetOfLamp.get(id);
                if (cabinet != null) {
                    faultyCabinetNights.computeIfAbsent(cabinet, k -> new HashSet<>()).add(night);
                }
            }
        }
    }

    /** Metered against lamp energy over cabinet-nights. */
    static final class MeterAgreement {
        int count;
        int missingMeter;
        double maxRelative;
        double metered;
        double lamps;

        /** Per night: metered and lamp kWh summed over the fault-free cabinets. */
        final Map<LocalDate, double[]> nights = new java.util.TreeMap<>();

        void add(LocalDate night, Double meter, double lampKwh) {
            if (meter == null) {
                missingMeter++;
                return;
            }
            count++;
            double[] n = nights.computeIfAbsent(night, k -> new double[2]);
            n[0] += meter;
            n[1] += lampKwh;
            metered += meter;
            lamps += lampKwh;
            if (lampKwh > 0) {
                maxRelative = Math.max(maxRelative, Math.abs(meter - lampKwh) / lampKwh);
            }
        }

        double maxNightRelative() {
            double max = 0;
            for (double[] n : nights.values()) {
                if (n[1] > 0) {
                    max = Math.max(max, Math.abs(n[0] - n[1]) / n[1]);
                }
            }
            return max;
        }

        String describeNights() {
            return String.format(
                    Locale.ROOT,
                    "%d nights, largest difference %.3f %% (per cabinet-night up to %.3f %%: the"
                            + " lamps report every 15 min, the meter sees the photocell's minute)",
                    nights.size(),
                    100 * maxNightRelative(),
                    100 * maxRelative);
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%d cabinet-nights, largest difference %.3f %%, in total %.1f kWh metered"
                            + " against %.1f kWh from the lamps (%.3f %%)%s",
                    count,
                    100 * maxRelative,
                    metered,
                    lamps,
                    lamps > 0 ? 100 * Math.abs(metered - lamps) / lamps : 0,
                    missingMeter > 0 ? "; " + missingMeter + " without a meter reading" : "");
        }
    }
}
