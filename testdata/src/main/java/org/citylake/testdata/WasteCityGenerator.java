package org.citylake.testdata;

import static org.citylake.testdata.SourceFiles.cell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;
import org.citylake.testdata.lighting.Seeded;
import org.citylake.testdata.waste.BinPlacement;
import org.citylake.testdata.waste.StreetNetwork;
import org.citylake.testdata.waste.WasteFleet;
import org.citylake.testdata.waste.WasteLayout;
import org.locationtech.jts.geom.Coordinate;

/**
 * A city of N litter bins with the statistics of Edinburgh's real ones, placed on a street network,
 * with its fleet, and their collections over a period: {@code WasteContainer} readings and {@code
 * WasteCollection} events ({@code <out>/<city>/waste.jsonl}) and the ref files of {@link
 * WasteLayout}. For benchmarks.
 *
 * <pre>
 *   Edinburgh CSV ──▶ per real bin (site): nominal capacity, category, kg per litre,
 *                     and its collections in time order as pairs
 *                     (days since the bin's previous collection, fill before this one)
 *   bin j of N    ──▶ copies real bin floorMod(mix(seed, j), bins) and starts at pair
 *                     floorMod(mix(seed, j, 2), pairs) of it
 *                 ──▶ collections from the period's start + U(0,1) × that pair's interval,
 *                     each next one the bin's next pair's interval later (cyclically), emptied
 *                     at that pair's fill: fill rate per day, collection frequency and fill at
 *                     emptying keep the real joint distribution
 *                 ──▶ volume = fill / 0.8 × capacity (the sensor's 100 % is 80 % of the bin, see
 *                     EdinburghWasteConverter), weight = volume × the real bin's kg per litre
 *   placement     ──▶ the network's drivable streets along the Hilbert curve, end to end; bin j at
 *                     (j + ½) × total length / N, alternately 4 m left and right; at least
 *                     BinPlacement.MIN_STEP_M apart along, else an error
 *   rounds        ──▶ the bins in that order cut into round(N × 6 / 334) runs (Edinburgh: 334
 *                     bins, 6 rounds), one truck each: refVehicle of every collection
 * </pre>
 *
 * Every field follows from the seed, the bin's number and the pair's number; never the clock. Real
 * bins without a derivable capacity or with fewer than two collections are not copied.
 */
public final class WasteCityGenerator {

    /** Edinburgh's bins per collection round: 334 bins in 6 rounds. */
    public static final double REAL_BINS_PER_ROUND = 334.0 / 6;

    private static final double SENSOR_FULL = 0.8;
    private static final double DAY_S = 86_400;

    private WasteCityGenerator() {}

    /**
     * One real bin.
     *
     * @param intervalsDays days between consecutive collections, in time order
     * @param fills the fill before each of those collections, share of the capacity (0..0.8)
     */
    public record RealBin(
            String site,
            double capacityL,
            String category,
            double kgPerLitre,
            double[] intervalsDays,
            double[] fills) {}

    /** The generator's options. */
    public record Settings(int bins, LocalDate from, int days, long seed) {
        public Settings {
            if (bins < 1 || days < 1) {
                throw new IllegalArgumentException(
                        "--bins and --days must be at least 1, got " + bins + " and " + days);
            }
        }
    }

    /** What was written. */
    public record Result(
            WasteLayout layout, ConvertedFile feed, int collections, List<ConvertedFile> ref) {}

    /**
     * The real bins of an Edinburgh litter-bin folder ({@code
     * edinburgh_litter_bin_collections*.csv}).
     */
    public static List<RealBin> realBins(Path folder) throws IOException {
        record Row(Instant at, double percent, double volume, double weight) {}
        Map<String, List<Row>> bySite = new TreeMap<>();
        Map<String, String> category = new LinkedHashMap<>();
        for (Path file :
                SourceFiles.requireAll(folder, EdinburghWasteConverter.READINGS_PREFIX, ".csv")) {
            try (CSVParser csv = SourceFiles.openCsv(file, EdinburghWasteConverter.SITE)) {
                for (CSVRecord row : csv) {
                    Optional<Instant> at =
                            LocalTimes.parseLocal(cell(row, EdinburghWasteConverter.COLLECTED_AT))
                                    .map(
                                            l ->
                                                    LocalTimes.resolve(
                                                                    l,
                                                                    EdinburghWasteConverter.CITY
                                                                            .zone())
                                                            .toInstant());
                    Optional<java.math.BigDecimal> pct =
                            NgsiJson.decimal(cell(row, EdinburghWasteConverter.FILL_BEFORE));
                    Optional<java.math.BigDecimal> vol =
                            NgsiJson.decimal(cell(row, EdinburghWasteConverter.VOLUME));
                    Optional<java.math.BigDecimal> kg =
                            NgsiJson.decimal(cell(row, EdinburghWasteConverter.WEIGHT));
                    if (at.isEmpty() || pct.isEmpty() || vol.isEmpty() || kg.isEmpty()) {
                        continue;
                    }
                    String site = cell(row, EdinburghWasteConverter.SITE);
                    bySite.computeIfAbsent(site, s -> new ArrayList<>())
                            .add(
                                    new Row(
                                            at.get(),
                                            pct.get().doubleValue(),
                                            vol.get().doubleValue(),
                                            kg.get().doubleValue()));
                    category.put(site, cell(row, EdinburghWasteConverter.CONTENT_TYPE_NAME).trim());
                }
            }
        }
        List<RealBin> bins = new ArrayList<>();
        for (var entry : bySite.entrySet()) {
            List<Row> rows = new ArrayList<>(entry.getValue());
            rows.sort(java.util.Comparator.comparing(Row::at));
            List<Double> nominal = new ArrayList<>();
            double kg = 0, litres = 0;
            for (Row r : rows) {
                if (r.percent() >= 50 && r.volume() > 0) {
                    nominal.add(r.volume() * 100 / r.percent());
                }
                kg += r.weight();
                litres += r.volume();
            }
            if (nominal.isEmpty() || rows.size() < 2 || litres <= 0) {
                continue;
            }
            nominal.sort(null);
            int mid = nominal.size() / 2;
            double capacity =
                    nominal.size() % 2 == 1
                            ? nominal.get(mid)
                            : (nominal.get(mid - 1) + nominal.get(mid)) / 2;
            capacity = Math.round(capacity / 10) * 10.0;
            double[] intervals = new double[rows.size() - 1];
            double[] fills = new double[rows.size() - 1];
            for (int i = 1; i < rows.size(); i++) {
                intervals[i - 1] =
                        Duration.between(rows.get(i - 1).at(), rows.get(i).at()).getSeconds()
                                / DAY_S;
                fills[i - 1] = rows.get(i).percent() * SENSOR_FULL / 100;
            }
            bins.add(
                    new RealBin(
                            entry.getKey(),
                            capacity,
                            category.get(entry.getKey()),
                            kg / litres,
                            intervals,
                            fills));
        }
        return bins;
    }

    /** {@code urn:ngsi-ld:WasteContainer:<city>:bin-NNNNNN}, n from 1. */
    public static String containerId(String city, int n) {
        return "urn:ngsi-ld:WasteContainer:" + city + ":" + binName(n);
    }

    private static String binName(int n) {
        return String.format(Locale.ROOT, "bin-%06d", n);
    }

    /** {@code round-NNN}, n from 1. */
    public static String roundName(int n) {
        return String.format(Locale.ROOT, "round-%03d", n);
    }

    /** Writes the feed and the ref files of the generated city under {@code outDir}. */
    public static Result generate(
            City city, StreetNetwork network, List<RealBin> real, Settings s, Path outDir)
            throws IOException {
        if (real.isEmpty()) {
            throw new IllegalArgumentException("no real bin to copy: the source holds none");
        }
        int n = s.bins();
        double total = network.streets().stream().mapToDouble(StreetNetwork.Street::lengthM).sum();
        double step = total / n;
        if (step < BinPlacement.MIN_STEP_M) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "%,d bins do not fit on the network's %.1f km of drivable streets at"
                                    + " %.0f m a bin (at most %,d): give fewer --bins or a larger"
                                    + " OSM extract",
                            n,
                            total / 1000,
                            BinPlacement.MIN_STEP_M,
                            (long) (total / BinPlacement.MIN_STEP_M)));
        }
        int rounds = Math.max(1, (int) Math.round(n / REAL_BINS_PER_ROUND));
        String cityId = city.id();
        List<ObjectNode> containers = new ArrayList<>(n);
        Map<String, List<Coordinate>> binsByRound = new LinkedHashMap<>();
        java.util.Set<String> streetsWithBins = new java.util.HashSet<>();
        Coordinate[] xy = new Coordinate[n];
        String[] streetOf = new String[n];
        long[] wayOf = new long[n];
        List<StreetNetwork.Street> streets = network.streets();
        int k = 0;
        double before = 0;
        for (int j = 0; j < n; j++) {
            double along = (j + 0.5) * step;
            while (k < streets.size() - 1 && along > before + streets.get(k).lengthM()) {
                before += streets.get(k).lengthM();
                k++;
            }
            StreetNetwork.Located at =
                    streets.get(k)
                            .at(
                                    along - before,
                                    j % 2 == 0
                                            ? BinPlacement.SIDE_OFFSET_M
                                            : -BinPlacement.SIDE_OFFSET_M);
            xy[j] = at.xy();
            streetOf[j] = streets.get(k).name();
            wayOf[j] = at.wayId();
        }
        Coordinate[] lonLat = network.lonLat(xy);
        String[] roundOf = new String[n];
        RealBin[] copyOf = new RealBin[n];
        for (int j = 0; j < n; j++) {
            roundOf[j] = roundName(1 + (int) ((long) j * rounds / n));
            copyOf[j] =
                    real.get(
                            (int) Math.floorMod(Seeded.mix(s.seed(), j, 1, 0), (long) real.size()));
            RealBin bin = copyOf[j];
            ObjectNode row = NgsiJson.object();
            row.put("city", cityId);
            row.put("id", containerId(cityId, j + 1));
            row.put("name", binName(j + 1) + ", " + streetOf[j]);
            row.put("category", bin.category());
            row.put("capacity_l", bin.capacityL());
            row.put("lon", lonLat[j].x);
            row.put("lat", lonLat[j].y);
            row.put("street", streetOf[j]);
            row.put("collection_round", roundOf[j]);
            row.put("network_street", streetOf[j]);
            row.put("network_way_id", wayOf[j]);
            containers.add(row);
            binsByRound.computeIfAbsent(roundOf[j], r -> new ArrayList<>()).add(xy[j]);
            streetsWithBins.add(streetOf[j]);
        }
        WasteLayout layout =
                WasteLayout.withFleet(cityId, network, containers, binsByRound, streetsWithBins);
        List<ConvertedFile> ref = layout.write(outDir);

        Instant start = s.from().atStartOfDay(city.zone()).toInstant();
        Instant end = s.from().plusDays(s.days()).atStartOfDay(city.zone()).toInstant();
        JsonLines feed = JsonLines.byObservationTime();
        int collections = 0;
        for (int j = 0; j < n; j++) {
            RealBin bin = copyOf[j];
            int pairs = bin.intervalsDays().length;
            int first = (int) Math.floorMod(Seeded.mix(s.seed(), j, 2, 0), (long) pairs);
            double t = Seeded.unit(s.seed(), j, 3, 0) * bin.intervalsDays()[first] * DAY_S;
            String container = containerId(cityId, j + 1);
            String vehicle = WasteFleet.vehicleId(cityId, roundOf[j]);
            for (int i = 0; ; i++) {
                int p = (first + i) % pairs;
                if (i > 0) {
                    t += bin.intervalsDays()[p] * DAY_S;
                }
                Instant at = start.plusSeconds(Math.round(t));
                if (!at.isBefore(end)) {
                    break;
                }
                if (i > 100_000) {
                    throw new IllegalStateException("real bin " + bin.site() + " never advances");
                }
                double fill = round(bin.fills()[p], 4);
                double volume = round(fill / SENSOR_FULL * bin.capacityL(), 3);
                double weight = round(volume * bin.kgPerLitre(), 3);
                String observed = LocalTimes.format(OffsetDateTime.ofInstant(at, city.zone()));
                ObjectNode reading =
                        NgsiJson.entity(container, EntityType.WASTE_CONTAINER.ngsiType());
                reading.put("dateObserved", observed);
                reading.put("fillingLevel", fill);
                reading.put("cargoWeight", weight);
                reading.put("category", bin.category());
                feed.add(at, reading);
                ObjectNode collection =
                        NgsiJson.entity(
                                "urn:ngsi-ld:WasteCollection:"
                                        + cityId
                                        + ":"
                                        + binName(j + 1)
                                        + String.format(Locale.ROOT, "-%05d", i + 1),
                                EntityType.WASTE_COLLECTION.ngsiType());
                collection.put("refWasteContainer", container);
                collection.put("dateObserved", observed);
                collection.put("fillingLevelBefore", fill);
                collection.put("fillingLevelAfter", 0);
                collection.put("volume", volume);
                collection.put("weight", weight);
                collection.put("refVehicle", vehicle);
                feed.add(at, collection);
                collections++;
            }
        }
        ConvertedFile feedFile =
                feed.write(
                        cityId,
                        Feed.WASTE.id(),
                        Feed.WASTE.id(),
                        FeedConverter.feedPath(outDir, cityId, Feed.WASTE));
        return new Result(layout, feedFile, collections, ref);
    }

    private static double round(double value, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
