package org.citylake.analytics.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The daily segment ranking of the Aarhus week computed straight from the source CSV, with none of
 * the product's code: the same rules written out plainly. A reading counts when its segment is in
 * the metadata and its values are valid (the ingest rules of {@code AarhusTraffic}); the first
 * valid reading of a (segment, timestamp) wins. Peak: Monday–Friday, local 06–10 and 15–19. TTI =
 * avgMeasuredTime / DURATION_IN_SEC for readings with vehicles; above 10 the reading is left out;
 * below 1 it counts as 1. A segment's day TTI is Σ vehicles × TTI / Σ vehicles; segments with fewer
 * than 12 such readings are not ranked; order: TTI, then delay, descending, then id.
 */
public final class AarhusWeekCongestion {

    public record Ranked(String segment, double tti, double delayVehicleHours, int readings) {}

    private AarhusWeekCongestion() {}

    public static Map<LocalDate, List<Ranked>> dailyRanking(Path csv, Path meta)
            throws IOException {
        Map<String, Double> freeFlow = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            String[] header = r.readLine().split(",");
            int id = indexOf(header, "REPORT_ID");
            int duration = indexOf(header, "DURATION_IN_SEC");
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                freeFlow.put(f[id], Double.parseDouble(f[duration]));
            }
        }
        // day -> segment -> {Σ vehicles x TTI, Σ vehicles, Σ delay s, readings}
        Map<LocalDate, Map<String, double[]>> sums = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(csv)),
                                StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",");
            int avgTime = indexOf(header, "avgMeasuredTime");
            int speed = indexOf(header, "avgSpeed");
            int medianTime = indexOf(header, "medianMeasuredTime");
            int timestamp = indexOf(header, "TIMESTAMP");
            int count = indexOf(header, "vehicleCount");
            int report = indexOf(header, "REPORT_ID");
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split(",", -1);
                Double ff = freeFlow.get(f[report]);
                long vehicles = Long.parseLong(f[count]);
                if (ff == null || vehicles < 0) {
                    continue;
                }
                double t = 0;
                if (vehicles > 0) {
                    double v = Double.parseDouble(f[speed]);
                    t = Double.parseDouble(f[avgTime]);
                    double m = Double.parseDouble(f[medianTime]);
                    if (v < 0 || v > 300 || t <= 0 || t >= 86400 || m <= 0 || m >= 86400) {
                        continue;
                    }
                }
                if (!seen.add(f[report] + "@" + f[timestamp])) {
                    continue;
                }
                LocalDateTime local = LocalDateTime.parse(f[timestamp]);
                int hour = local.getHour();
                boolean peak =
                        local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()
                                && ((hour >= 6 && hour < 10) || (hour >= 15 && hour < 19));
                if (!peak || vehicles == 0) {
                    continue;
                }
                double raw = t / ff;
                if (raw > 10) {
                    continue;
                }
                double tti = Math.max(1, raw);
                double[] s =
                        sums.computeIfAbsent(local.toLocalDate(), d -> new HashMap<>())
                                .computeIfAbsent(f[report], k -> new double[4]);
                s[0] += vehicles * tti;
                s[1] += vehicles;
                s[2] += vehicles * (tti - 1) * ff;
                s[3] += 1;
            }
        }
        Map<LocalDate, List<Ranked>> ranking = new TreeMap<>();
        sums.forEach(
                (day, segments) -> {
                    List<Ranked> ranked = new ArrayList<>();
                    segments.forEach(
                            (id, s) -> {
                                if (s[3] >= 12) {
                                    ranked.add(
                                            new Ranked(id, s[0] / s[1], s[2] / 3600, (int) s[3]));
                                }
                            });
                    ranked.sort(
                            Comparator.comparingDouble(Ranked::tti)
                                    .reversed()
                                    .thenComparing(
                                            Comparator.comparingDouble(Ranked::delayVehicleHours)
                                                    .reversed())
                                    .thenComparing(Ranked::segment));
                    ranking.put(day, ranked);
                });
        return ranking;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name);
    }
}
