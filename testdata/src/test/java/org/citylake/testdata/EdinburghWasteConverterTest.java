package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers from {@code test-data/edinburgh-litter-bin-sensors} (10,000 collections, 2016). */
class EdinburghWasteConverterTest {

    private static final String FOLDER = "edinburgh-litter-bin-sensors";
    private static final String FILL_BEFORE =
            "Fill level before collection (%) [Nb 100% is actually a bin that's 80% full]";

    @TempDir static Path out;

    private static List<CSVRecord> csv;
    private static List<JsonNode> feed;
    private static List<JsonNode> containers;

    @BeforeAll
    static void convert() throws IOException {
        csv = TestData.csv(TestData.file(FOLDER, "edinburgh_litter_bin_collections_2016.csv.gz"));
        new EdinburghWasteConverter().convert(TestData.root().resolve(FOLDER), out);
        feed = TestData.jsonLines(out.resolve("edinburgh/waste.jsonl"));
        containers = TestData.jsonLines(out.resolve("edinburgh/ref/waste_containers.jsonl"));
    }

    private static List<JsonNode> ofType(String type) {
        return feed.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    @Test
    void twoEntitiesPerCsvRow() {
        assertThat(csv).hasSize(10_000);
        assertThat(feed).hasSize(2 * csv.size());
        assertThat(ofType("WasteContainer")).hasSize(csv.size());
        assertThat(ofType("WasteCollection")).hasSize(csv.size());
    }

    @Test
    void knownCollectionGivesAContainerReadingAndACollectionEvent() {
        // CSV ID 12371082, Site 325048, 2016-08-09 15:46:34, fill 78 %, volume 372.27461,
        // weight 26.059222999999999: 78 % of the sensor's scale is 0.78 * 0.8 = 0.624 of the bin.
        JsonNode collection =
                feed.stream()
                        .filter(
                                e ->
                                        e.get("id")
                                                .asText()
                                                .equals(
                                                        "urn:ngsi-ld:WasteCollection:edinburgh:12371082"))
                        .findFirst()
                        .orElseThrow();
        int at = feed.indexOf(collection);
        assertThat(collection)
                .isEqualTo(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:WasteCollection:edinburgh:12371082",
                                 "type":"WasteCollection",
                                 "refWasteContainer":"urn:ngsi-ld:WasteContainer:edinburgh:325048",
                                 "dateObserved":"2016-08-09T15:46:34+01:00",
                                 "fillingLevelBefore":0.624,"fillingLevelAfter":0,
                                 "volume":372.27461,"weight":26.059222999999999}
                                """));
        assertThat(feed.get(at - 1))
                .isEqualTo(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:WasteContainer:edinburgh:325048",
                                 "type":"WasteContainer",
                                 "dateObserved":"2016-08-09T15:46:34+01:00",
                                 "fillingLevel":0.624,"cargoWeight":26.059222999999999,
                                 "category":"Mixed"}
                                """));
    }

    @Test
    void fillLevelsAreSharesOfTheRealCapacity() {
        long full = csv.stream().filter(r -> r.get(FILL_BEFORE).equals("100")).count();
        assertThat(full).isEqualTo(1_405);
        assertThat(
                        ofType("WasteContainer").stream()
                                .filter(e -> e.get("fillingLevel").asDouble() == 0.8)
                                .count())
                .isEqualTo(full);
        assertThat(ofType("WasteContainer").stream().map(e -> e.get("fillingLevel").asDouble()))
                .allMatch(level -> level >= 0 && level <= 0.8);
    }

    @Test
    void sortedByCollectionTimeContainerReadingFirst() {
        assertThat(feed.stream().map(TestData::observedAt).toList()).isSorted();
        // the source lists newest first; the feed starts with the oldest collection
        CSVRecord oldest = csv.get(csv.size() - 1);
        assertThat(feed.get(0).get("id").asText())
                .isEqualTo("urn:ngsi-ld:WasteContainer:edinburgh:" + oldest.get("Site"));
        assertThat(feed.get(1).get("id").asText())
                .isEqualTo("urn:ngsi-ld:WasteCollection:edinburgh:" + oldest.get("ID"));
        assertThat(feed.get(0).get("dateObserved").asText()).isEqualTo("2016-06-03T13:23:26+01:00");
    }

    @Test
    void oneContainerRowPerSiteWithoutCoordinates() {
        Set<String> sites =
                csv.stream()
                        .map(r -> "urn:ngsi-ld:WasteContainer:edinburgh:" + r.get("Site"))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sites).hasSize(334);
        assertThat(containers.stream().map(c -> c.get("id").asText()).toList())
                .containsExactlyElementsOf(sites);
        assertThat(containers)
                .allSatisfy(
                        c -> {
                            assertThat(c.get("city").asText()).isEqualTo("edinburgh");
                            assertThat(c.get("category").asText()).isEqualTo("Mixed");
                            assertThat(c.has("lon")).isFalse();
                            assertThat(c.has("lat")).isFalse();
                        });
        assertThat(ofType("WasteCollection").stream().map(e -> e.get("refWasteContainer").asText()))
                .allMatch(sites::contains);
    }

    @Test
    void capacityIsTheNominalBinSizeWhereItCanBeDerived() {
        assertThat(containers)
                .filteredOn(c -> c.get("id").asText().endsWith(":325048"))
                .containsExactly(
                        TestData.json(
                                """
                                {"city":"edinburgh","id":"urn:ngsi-ld:WasteContainer:edinburgh:325048",
                                 "name":"Princes Street - Outside number 98 primark","category":"Mixed",
                                 "capacity_l":480}
                                """));
        // 3 bins were never collected at 50 % or more
        assertThat(containers.stream().filter(c -> !c.has("capacity_l")).count()).isEqualTo(3);
        assertThat(
                        containers.stream()
                                .filter(c -> c.has("capacity_l"))
                                .map(c -> c.get("capacity_l").asInt())
                                .distinct()
                                .sorted())
                .containsExactly(90, 100, 120, 140, 240, 480, 1100, 1280, 1290);
    }
}
