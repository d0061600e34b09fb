package org.citylake.analytics.airquality;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A city's stations on one hourly grid, with each station's feature vectors for every hour of the
 * grid (computed once, shared by every horizon).
 */
public final class CityHours {

    private final ZoneId zone;
    private final List<StationSeries> stations;
    private final List<double[]> features = new ArrayList<>();
    private final int width = AirFeatures.NAMES.size();

    /**
     * @param stationCodes the code of each station id (the model's station feature); a station
     *     without one gets a missing code
     */
    public CityHours(ZoneId zone, List<StationSeries> stations, Map<String, Integer> stationCodes) {
        this.zone = zone;
        this.stations =
                stations.stream().sorted(Comparator.comparing(StationSeries::stationId)).toList();
        for (StationSeries s : this.stations) {
            Integer code = stationCodes.get(s.stationId());
            double[] all = new double[s.hours() * width];
            double[] row = new double[width];
            for (int i = 0; i < s.hours(); i++) {
                AirFeatures.fill(s, i, code == null ? -1 : code, zone, row);
                if (code == null) {
                    row[AirFeatures.STATION] = Double.NaN;
                }
                System.arraycopy(row, 0, all, i * width, width);
            }
            features.add(all);
        }
    }

    /** Readings grouped by station on the grid {@code startHour}, {@code hours} long. */
    public static List<StationSeries> series(List<AirReading> readings, long startHour, int hours) {
        Map<String, List<AirReading>> byStation = new TreeMap<>();
        for (AirReading r : readings) {
            byStation.computeIfAbsent(r.stationId, k -> new ArrayList<>()).add(r);
        }
        List<StationSeries> out = new ArrayList<>();
        byStation.forEach((id, rs) -> out.add(StationSeries.of(id, startHour, hours, rs)));
        return out;
    }

    /** Codes 0, 1, … for station ids in sorted order. */
    public static Map<String, Integer> codes(List<String> stationIds) {
        Map<String, Integer> codes = new TreeMap<>();
        stationIds.stream().sorted().forEach(id -> codes.put(id, codes.size()));
        return codes;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The stations, by id. */
    public List<StationSeries> stations() {
        return stations;
    }

    public int width() {
        return width;
    }

    /** Feature {@code f} of station {@code s} (position in {@link #stations()}) at hour i. */
    public double feature(int s, int i, int f) {
        return features.get(s)[i * width + f];
    }

    /** Copies the feature vector of station {@code s} at hour {@code i} into {@code out}. */
    public void copyRow(int s, int i, double[] out, int offset) {
        System.arraycopy(features.get(s), i * width, out, offset, width);
    }
}
