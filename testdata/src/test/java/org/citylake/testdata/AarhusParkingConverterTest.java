package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers from {@code test-data/citypulse-aarhus-parking} (8 garages, 2014-05..11). */
class AarhusParkingConverterTest {

    private static final String FOLDER = "citypulse-aarhus-parking";
    private static final String CORE_CONTEXT =
            "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

    @TempDir static Path out;

    private static List<CSVRecord> csv;
    private static List<JsonNode> feed;
    private static List<JsonNode> lots;

    @BeforeAll
    static void convert() throws IOException {
        csv = TestData.csv(TestData.file(FOLDER, "aarhus_parking.csv.gz"));
        new AarhusParkingConverter().convert(TestData.root().resolve(FOLDER), out);
        feed = TestData.jsonLines(out.resolve("aarhus/parking.jsonl"));
        lots = TestData.jsonLines(out.resolve("aarhus/ref/parking_lots.jsonl"));
    }

    private static String observed(JsonNode e) {
        return e.get("observationDateTime").get("value").get("@value").asText();
    }

    @Test
    void oneEntityPerCsvRow() {
        assertThat(csv).hasSize(55_264);
        assertThat(feed).hasSize(csv.size());
    }

    @Test
    void firstRowConvertsToNgsiLdNormalized() {
        // CSV: 0,2014-05-22 09:09:04.145,1,65,NORREPORT,2014-11-03 16:18:44
        assertThat(feed.get(0))
                .isEqualTo(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:OffStreetParking:aarhus:NORREPORT",
                                 "type":"OffStreetParking",
                                 "name":{"type":"Property","value":"NORREPORT"},
                                 "totalSpotNumber":{"type":"Property","value":65},
                                 "occupiedSpotNumber":{"type":"Property","value":0},
                                 "availableSpotNumber":{"type":"Property","value":65},
                                 "observationDateTime":{"type":"Property",
                                   "value":{"@type":"DateTime","@value":"2014-05-22T09:09:04.145+02:00"}},
                                 "location":{"type":"GeoProperty",
                                   "value":{"type":"Point","coordinates":[10.21284,56.16184]}},
                                 "@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}
                                """));
    }

    @Test
    void everyEntityIsNgsiLdWithTheCoreContext() {
        assertThat(
                        feed.stream()
                                .filter(
                                        e ->
                                                !e.path("@context").asText().equals(CORE_CONTEXT)
                                                        || !e.path("totalSpotNumber")
                                                                .path("type")
                                                                .asText()
                                                                .equals("Property")
                                                        || !e.path("observationDateTime")
                                                                .path("value")
                                                                .path("@type")
                                                                .asText()
                                                                .equals("DateTime"))
                                .limit(5)
                                .toList())
                .isEmpty();
    }

    @Test
    void negativeAvailabilityIsPassedOnAsTheSourceHasIt() {
        long negativeInCsv =
                csv.stream()
                        .filter(
                                r ->
                                        Long.parseLong(r.get("totalspaces"))
                                                        - Long.parseLong(r.get("vehiclecount"))
                                                < 0)
                        .count();
        long negativeInFeed =
                feed.stream()
                        .filter(e -> e.get("availableSpotNumber").get("value").asLong() < 0)
                        .count();
        assertThat(negativeInCsv).isEqualTo(4_520);
        assertThat(negativeInFeed).isEqualTo(negativeInCsv);
        assertThat(
                        feed.stream()
                                .filter(
                                        e ->
                                                e.get("availableSpotNumber").get("value").asLong()
                                                        != e.get("totalSpotNumber")
                                                                        .get("value")
                                                                        .asLong()
                                                                - e.get("occupiedSpotNumber")
                                                                        .get("value")
                                                                        .asLong())
                                .limit(5)
                                .toList())
                .isEmpty();
    }

    @Test
    void sortedByObservationTime() {
        assertThat(feed.stream().map(TestData::observedAt).toList()).isSorted();
    }

    /**
     * The autumn DST overlap of 2014-10-26 (02:00-02:59 happened twice). The file, sorted by the
     * local text, lists 02:28:41.664, 02:28:41.677, 02:58:41.663, 02:58:41.665; the {@code _id}
     * order (51643, 51651, 51659, 51667) shows .677 and .665 are the second, winter-time pass. The
     * garage then reports every 30 minutes without a jump.
     */
    @Test
    void dstOverlapFollowsTheGaragesOwnReadingOrder() {
        assertThat(
                        feed.stream()
                                .filter(e -> e.get("id").asText().endsWith(":BRUUNS"))
                                .map(AarhusParkingConverterTest::observed)
                                .filter(
                                        t ->
                                                t.startsWith("2014-10-26T01")
                                                        || t.startsWith("2014-10-26T02")
                                                        || t.startsWith("2014-10-26T03"))
                                .toList())
                .containsExactly(
                        "2014-10-26T01:28:41.662+02:00",
                        "2014-10-26T01:58:41.665+02:00",
                        "2014-10-26T02:28:41.664+02:00",
                        "2014-10-26T02:58:41.663+02:00",
                        "2014-10-26T02:28:41.677+01:00",
                        "2014-10-26T02:58:41.665+01:00",
                        "2014-10-26T03:28:41.678+01:00",
                        "2014-10-26T03:58:41.667+01:00");
    }

    @Test
    void parkingLotsCarryTheLatestCapacityAndTheAddressCoordinates() {
        Map<String, String> latestTotal = new TreeMap<>();
        for (CSVRecord r : csv) { // the file is in update-time order: the last row wins
            latestTotal.put(
                    "urn:ngsi-ld:OffStreetParking:aarhus:" + r.get("garagecode"),
                    r.get("totalspaces"));
        }
        assertThat(lots).hasSize(8);
        assertThat(lots.stream().map(l -> l.get("id").asText()).toList())
                .containsExactlyElementsOf(latestTotal.keySet());
        assertThat(lots)
                .allSatisfy(
                        l -> {
                            assertThat(l.get("city").asText()).isEqualTo("aarhus");
                            assertThat(l.get("total_spots").asText())
                                    .isEqualTo(latestTotal.get(l.get("id").asText()));
                            assertThat(l.get("lon").asDouble()).isBetween(10.1, 10.3);
                            assertThat(l.get("lat").asDouble()).isBetween(56.1, 56.2);
                        });
        assertThat(lots.get(0))
                .isEqualTo(
                        TestData.json(
                                """
                                {"city":"aarhus","id":"urn:ngsi-ld:OffStreetParking:aarhus:BRUUNS",
                                 "name":"BRUUNS","total_spots":953,"lon":10.20596,"lat":56.14951}
                                """));
    }
}
