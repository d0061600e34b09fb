package org.citylake.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The expected result of ingesting the bundled Aarhus traffic slice, computed straight from the
 * source CSV with none of the product's code: a row is valid when its segment is in the metadata,
 * its vehicle count is not negative, and — when vehicles were seen — its speed is within 0..300
 * km/h and its travel times within (0, 86400) s. The first valid row of each (segment, timestamp)
 * counts.
 */
public record AarhusTraffic(long rows, long distinctValid) {

    public static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();
    static final Path CSV =
            TEST_DATA.resolve("citypulse-aarhus-traffic/aarhus_traffic_2014-08-18.csv.gz");
    static final Path META = TEST_DATA.resolve("citypulse-aarhus-traffic/trafficMetaData.csv");

    public static AarhusTraffic fromCsv() throws IOException {
        Set<String> segments = new HashSet<>();
        try (BufferedReader meta = Files.newBufferedReader(META, StandardCharsets.UTF_8)) {
            String[] header = meta.readLine().split(",");
            int reportId = indexOf(header, "REPORT_ID");
            String line;
            while ((line = meta.readLine()) != null) {
                segments.add(line.split(",", -1)[reportId]);
            }
        }
        long rows = 0;
        Set<String> valid = new HashSet<>();
        try (BufferedReader csv =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(CSV)),
                                StandardCharsets.UTF_8))) {
            String[] header = csv.readLine().split(",");
            int avgTime = indexOf(header, "avgMeasuredTime");
            int speed = indexOf(header, "avgSpeed");
            int medianTime = indexOf(header, "medianMeasuredTime");
            int timestamp = indexOf(header, "TIMESTAMP");
            int count = indexOf(header, "vehicleCount");
            int report = indexOf(header, "REPORT_ID");
            String line;
            while ((line = csv.readLine()) != null) {
                rows++;
                String[] f = line.split(",", -1);
                long vehicles = Long.parseLong(f[count]);
                boolean ok = segments.contains(f[report]) && vehicles >= 0;
                if (ok && vehicles > 0) {
                    double v = Double.parseDouble(f[speed]);
                    double t = Double.parseDouble(f[avgTime]);
                    double m = Double.parseDouble(f[medianTime]);
                    ok = v >= 0 && v <= 300 && t > 0 && t < 86400 && m > 0 && m < 86400;
                }
                if (ok) {
                    valid.add(f[report] + "@" + f[timestamp]);
                }
            }
        }
        return new AarhusTraffic(rows, valid.size());
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
