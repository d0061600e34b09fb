package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.model.City;
import org.citylake.testdata.waste.StreetNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated city of 1,000 bins over 67 days against the statistics of the real Edinburgh bins,
 * computed here from the CSV: the same definitions applied to both, tolerances stated per test.
 */
class WasteCityGeneratorTest {

    private static final String FOLDER = "edinburgh-litter-bin-sensors";
    private static final String TIME = "Date & Time of bin collection (Europe/London)";
    private static final String FILL =
            "Fill level before collection (%) [Nb 100% is actually a bin that's 80% full]";
    private static final City MONACO =
            City.of("monaco", "Monaco", "MC", "Europe/Monaco", 7.4246, 43.7384, null, null);

    @TempDir static Path out;

    private static Stats real;
    private static Stats generated;
    private static List<JsonNode> feed;
    private static StreetNetwork network;
    private static List<WasteCityGenerator.RealBin> realBins;

    /** Per collection: days since the bin's previous one, fill before (0..1 of the bin). */
    record Stats(
            double[] intervals,
            double[] fills,
            double[] ratesPerDay,
            double kgPerLitre,
            double collectionsPerBinDay,
            List<String> categories) {}

    @BeforeAll
    static void generate() throws IOException {
        real = realStats();
        Path osm = TestData.file("osm-monaco", "monaco.osm.gz");
        network = StreetNetwork.of(OsmStreetReader.read(osm, "EPSG:32632").streets(), "monaco");
        realBins = WasteCityGenerator.realBins(TestData.root().resolve(FOLDER));
        WasteCityGenerator.generate(
                MONACO,
                network,
                realBins,
                new WasteCityGenerator.Settings(1_000, LocalDate.of(2024, 6, 3), 67, 5),
                out);
        feed = TestData.jsonLines(out.resolve("monaco/waste.jsonl"));
        generated = generatedStats(feed, 1_000, 67);
    }

    private static Stats realStats() {
        List<CSVRecord> csv =
                TestData.csv(TestData.file(FOLDER, "edinburgh_litter_bin_collections_2016.csv.gz"));
        Map<String, List<CSVRecord>> bySite = new TreeMap<>();
        csv.forEach(r -> bySite.computeIfAbsent(r.get("Site"), s -> new ArrayList<>()).add(r));
        List<double[]> pairs = new ArrayList<>();
        double kg = 0, litres = 0;
        for (List<CSVRecord> rows : bySite.values()) {
            rows.sort((a, b) -> a.get(TIME).compareTo(b.get(TIME)));
            for (int i = 1; i < rows.size(); i++) {
                double days =
                        Duration.between(time(rows.get(i - 1)), time(rows.get(i))).getSeconds()
                                / 86_400.0;
                pairs.add(new double[] {days, Double.parseDouble(rows.get(i).get(FILL)) * 0.008});
            }
            for (CSVRecord r : rows) {
                kg += Double.parseDouble(r.get("Weight (kg)"));
                litres += Double.parseDouble(r.get("Volume (litres3)"));
            }
        }
        LocalDateTime first =
                csv.stream()
                        .map(WasteCityGeneratorTest::time)
                        .min(LocalDateTime::compareTo)
                        .orElseThrow();
        LocalDateTime last =
                csv.stream()
                        .map(WasteCityGeneratorTest::time)
                        .max(LocalDateTime::compareTo)
                        .orElseThrow();
        double days = Duration.between(first, last).getSeconds() / 86_400.0;
        return stats(
                pairs,
                kg / litres,
                csv.size() / (bySite.size() * days),
                csv.stream().map(r -> r.get("Content type name")).distinct().toList());
    }

    private static LocalDateTime time(CSVRecord r) {
        return LocalDateTime.parse(r.get(TIME).replace(' ', 'T'));
    }

    private static Stats generatedStats(List<JsonNode> feed, int bins, int days) {
        Map<String, List<JsonNode>> byBin = new TreeMap<>();
        double kg = 0, litres = 0;
        List<String> categories = new ArrayList<>();
        for (JsonNode e : feed) {
            if (e.get("type").asText().equals("WasteCollection")) {
                byBin.computeIfAbsent(e.get("refWasteContainer").asText(), b -> new ArrayList<>())
                        .add(e);
                kg += e.get("weight").asDouble();
                litres += e.get("volume").asDouble();
            } else if (!categories.contains(e.get("category").asText())) {
                categories.add(e.get("category").asText());
            }
        }
        List<double[]> pairs = new ArrayList<>();
        int collections = 0;
        for (List<JsonNode> events : byBin.values()) {
            collections += events.size();
            for (int i = 1; i < events.size(); i++) {
                double d =
                        Duration.between(
                                                OffsetDateTime.parse(
                                                        events.get(i - 1)
                                                                .get("dateObserved")
                                                                .asText()),
                                                OffsetDateTime.parse(
                                                        events.get(i).get("dateObserved").asText()))
                                        .getSeconds()
                                / 86_400.0;
                pairs.add(new double[] {d, events.get(i).get("fillingLevelBefore").asDouble()});
            }
        }
        return stats(pairs, kg / litres, collections / (double) (bins * days), categories);
    }

    private static Stats stats(
            List<double[]> pairs, double kgPerLitre, double perBinDay, List<String> categories) {
        double[] intervals = pairs.stream().mapToDouble(p -> p[0]).sorted().toArray();
        double[] fills = pairs.stream().mapToDouble(p -> p[1]).sorted().toArray();
        double[] rates =
                pairs.stream()
                        .filter(p -> p[0] > 0)
                        .mapToDouble(p -> p[1] / p[0])
                        .sorted()
                        .toArray();
        return new Stats(intervals, fills, rates, kgPerLitre, perBinDay, categories);
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    @Test
    void collectionFrequencyMatchesWithinTenPercent() {
        assertThat(generated.collectionsPerBinDay())
                .isCloseTo(real.collectionsPerBinDay(), within(0.10 * real.collectionsPerBinDay()));
        for (double q : new double[] {0.25, 0.5, 0.75}) {
            assertThat(quantile(generated.intervals(), q))
                    .as("interval quantile %s", q)
                    .isCloseTo(
                            quantile(real.intervals(), q),
                            within(0.10 * quantile(real.intervals(), q)));
        }
    }

    @Test
    void fillAtEmptyingMatchesWithinThreeHundredths() {
        assertThat(mean(generated.fills())).isCloseTo(mean(real.fills()), within(0.03));
        for (double q : new double[] {0.1, 0.5, 0.9}) {
            assertThat(quantile(generated.fills(), q))
                    .as("fill quantile %s", q)
                    .isCloseTo(quantile(real.fills(), q), within(0.03));
        }
        double realLow =
                Arrays.stream(real.fills()).filter(f -> f < 0.3).count()
                        / (double) real.fills().length;
        double genLow =
                Arrays.stream(generated.fills()).filter(f -> f < 0.3).count()
                        / (double) generated.fills().length;
        assertThat(genLow).as("share emptied below 30 %% full").isCloseTo(realLow, within(0.03));
    }

    @Test
    void fillRatePerDayMatchesWithinFifteenPercent() {
        for (double q : new double[] {0.25, 0.5, 0.75}) {
            assertThat(quantile(generated.ratesPerDay(), q))
                    .as("fill rate quantile %s", q)
                    .isCloseTo(
                            quantile(real.ratesPerDay(), q),
                            within(0.15 * quantile(real.ratesPerDay(), q)));
        }
    }

    @Test
    void weightPerLitreAndCategoriesAreTheRealOnes() {
        assertThat(real.kgPerLitre()).isCloseTo(0.07, within(0.001));
        assertThat(generated.kgPerLitre()).isCloseTo(real.kgPerLitre(), within(0.001));
        assertThat(generated.categories()).containsExactlyElementsOf(real.categories());
    }

    @Test
    void binsRoundsAndTheFleetScaleWithN() {
        List<JsonNode> bins = TestData.jsonLines(out.resolve("monaco/ref/waste_containers.jsonl"));
        assertThat(bins).hasSize(1_000);
        Map<String, String> roundOf = new HashMap<>();
        bins.forEach(b -> roundOf.put(b.get("id").asText(), b.get("collection_round").asText()));
        // round(1000 / (334 / 6)) = 18 rounds, one truck each; ceil(18 / 25) = 1 depot;
        // ceil(18 / 5) = 4 disposal sites
        assertThat(roundOf.values().stream().distinct().count()).isEqualTo(18);
        assertThat(TestData.jsonLines(out.resolve("monaco/ref/waste_vehicles.jsonl"))).hasSize(18);
        assertThat(TestData.jsonLines(out.resolve("monaco/ref/waste_depots.jsonl"))).hasSize(1);
        assertThat(TestData.jsonLines(out.resolve("monaco/ref/disposal_sites.jsonl"))).hasSize(4);
        assertThat(feed.stream().filter(e -> e.has("refVehicle")))
                .allSatisfy(
                        e ->
                                assertThat(e.get("refVehicle").asText())
                                        .isEqualTo(
                                                "urn:ngsi-ld:Vehicle:monaco:"
                                                        + roundOf.get(
                                                                e.get("refWasteContainer")
                                                                        .asText())));
        assertThat(feed.stream().map(TestData::observedAt).toList()).isSorted();
        assertThat(
                        feed.stream()
                                .map(e -> e.get("id").asText())
                                .filter(id -> id.contains("WasteCollection"))
                                .collect(Collectors.toSet()))
                .hasSize((int) feed.stream().filter(e -> e.has("refVehicle")).count());
    }

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path again) throws IOException {
        WasteCityGenerator.generate(
                MONACO,
                network,
                realBins,
                new WasteCityGenerator.Settings(1_000, LocalDate.of(2024, 6, 3), 67, 5),
                again);
        for (String file :
                List.of(
                        "monaco/waste.jsonl",
                        "monaco/ref/waste_containers.jsonl",
                        "monaco/ref/disposal_sites.jsonl")) {
            assertThat(Files.mismatch(out.resolve(file), again.resolve(file)))
                    .as(file)
                    .isEqualTo(-1);
        }
    }

    @Test
    void tooManyBinsForTheNetworkIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(
                        () ->
                                WasteCityGenerator.generate(
                                        MONACO,
                                        network,
                                        realBins,
                                        new WasteCityGenerator.Settings(
                                                100_000, LocalDate.of(2024, 6, 3), 1, 1),
                                        dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit")
                .hasMessageContaining("give fewer --bins or a larger OSM extract");
    }
}
