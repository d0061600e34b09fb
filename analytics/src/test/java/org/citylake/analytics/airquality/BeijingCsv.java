package org.citylake.analytics.airquality;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The bundled UCI Beijing PM2.5 file (test-data), read as plain CSV lines: for oracles, and as
 * readings the way {@code testdata convert} maps them (cbwd NE/SE/SW/NW → 45/135/225/315°, cv → no
 * direction, Iws → cumulated wind speed, Is/Ir → cumulated snow/rain hours).
 */
final class BeijingCsv {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Path FILE =
            Path.of("..", "test-data", "uci-beijing-pm25", "PRSA_data_2010.1.1-2014.12.31.csv.gz");

    private static final Map<String, Double> DIRECTIONS =
            Map.of("NE", 45.0, "SE", 135.0, "SW", 225.0, "NW", 315.0);

    private BeijingCsv() {}

    /** The data rows, split on commas (the file has no quoted cells). */
    static List<String[]> rows() {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(FILE)),
                                StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long epochMs(String[] row) {
        return LocalDateTime.of(
                        Integer.parseInt(row[1]),
                        Integer.parseInt(row[2]),
                        Integer.parseInt(row[3]),
                        Integer.parseInt(row[4]),
                        0)
                .atZone(ZONE)
                .toInstant()
                .toEpochMilli();
    }

    /** Every row as a reading of {@code station}. */
    static List<AirReading> readings(String station) {
        List<AirReading> readings = new ArrayList<>();
        for (String[] c : rows()) {
            AirReading r = new AirReading(station, epochMs(c));
            r.pm25 = c[5].equals("NA") ? null : Double.valueOf(c[5]);
            r.dewPointC = Double.valueOf(c[6]);
            r.temperatureC = Double.valueOf(c[7]);
            r.pressureHpa = Double.valueOf(c[8]);
            r.windDirectionDeg = DIRECTIONS.get(c[9]);
            r.cumulatedWindSpeedMs = Double.valueOf(c[10]);
            r.cumulatedSnowH = Double.valueOf(c[11]);
            r.cumulatedRainH = Double.valueOf(c[12]);
            readings.add(r);
        }
        return readings;
    }

    /** The readings on a grid from their first hour to their last. */
    static CityHours hours(List<AirReading> readings) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (AirReading r : readings) {
            first = Math.min(first, Math.floorDiv(r.observedAtMs, 3_600_000L));
            last = Math.max(last, Math.floorDiv(r.observedAtMs, 3_600_000L));
        }
        List<StationSeries> series = CityHours.series(readings, first, (int) (last - first + 1));
        return new CityHours(
                ZONE,
                series,
                CityHours.codes(series.stream().map(StationSeries::stationId).toList()));
    }
}
