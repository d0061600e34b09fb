package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers from {@code test-data/uci-beijing-pm25} (hourly, 2010-2014). */
class BeijingAirConverterTest {

    private static final String FOLDER = "uci-beijing-pm25";

    @TempDir static Path out;

    private static List<CSVRecord> csv;
    private static List<JsonNode> feed;
    private static List<JsonNode> stations;

    @BeforeAll
    static void convert() throws IOException {
        csv = TestData.csv(TestData.file(FOLDER, "PRSA_data_2010.1.1-2014.12.31.csv.gz"));
        new BeijingAirConverter().convert(TestData.root().resolve(FOLDER), out);
        feed = TestData.jsonLines(out.resolve("beijing/air.jsonl"));
        stations = TestData.jsonLines(out.resolve("beijing/ref/air_stations.jsonl"));
    }

    @Test
    void oneEntityPerCsvRow() {
        assertThat(csv).hasSize(43_824);
        assertThat(feed).hasSize(csv.size());
    }

    @Test
    void knownRowConvertsToNgsiV2Normalized() {
        // CSV No 25: 25,2010,1,2,0,129,-16,-4,1020,SE,1.79,0,0
        assertThat(feed.get(24))
                .isEqualTo(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:AirQualityObserved:beijing:us-embassy",
                                 "type":"AirQualityObserved",
                                 "dateObserved":{"type":"DateTime","value":"2010-01-02T00:00:00+08:00"},
                                 "refPointOfInterest":{"type":"Text","value":"beijing-us-embassy"},
                                 "pm25":{"type":"Number","value":129},
                                 "temperature":{"type":"Number","value":-4},
                                 "dewPoint":{"type":"Number","value":-16},
                                 "atmosphericPressure":{"type":"Number","value":1020},
                                 "windDirection":{"type":"Number","value":135},
                                 "cumulatedWindSpeed":{"type":"Number","value":1.79},
                                 "cumulatedSnowHours":{"type":"Number","value":0},
                                 "cumulatedRainHours":{"type":"Number","value":0}}
                                """));
    }

    @Test
    void missingPm25IsLeftOut() {
        long na = csv.stream().filter(r -> r.get("pm2.5").equals("NA")).count();
        assertThat(na).isEqualTo(2_067);
        assertThat(feed.stream().filter(e -> !e.has("pm25")).count()).isEqualTo(na);
        // the first day has no PM2.5 at all
        assertThat(feed.get(0).has("pm25")).isFalse();
        assertThat(feed.get(0).get("temperature").get("value").asInt()).isEqualTo(-11);
    }

    /** The file is hourly in time order, so line i is CSV row i. */
    @Test
    void everyRowMatchesItsCsvRowTimeAndWind() {
        Map<String, Integer> degrees = Map.of("NE", 45, "SE", 135, "SW", 225, "NW", 315);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < csv.size() && mismatches.size() < 5; i++) {
            CSVRecord r = csv.get(i);
            JsonNode e = feed.get(i);
            String time =
                    String.format(
                            "%s-%02d-%02dT%02d:00:00+08:00",
                            r.get("year"),
                            Integer.parseInt(r.get("month")),
                            Integer.parseInt(r.get("day")),
                            Integer.parseInt(r.get("hour")));
            Integer wind = degrees.get(r.get("cbwd"));
            JsonNode windAttribute = e.get("windDirection");
            boolean windOk =
                    wind == null
                            ? windAttribute == null && r.get("cbwd").equals("cv")
                            : windAttribute != null && windAttribute.get("value").asInt() == wind;
            if (!e.get("dateObserved").get("value").asText().equals(time)
                    || !windOk
                    || e.get("cumulatedWindSpeed").get("value").asDouble()
                            != Double.parseDouble(r.get("Iws"))) {
                mismatches.add("row " + r.get("No") + ": " + r + " -> " + e);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void calmOrVariableWindHasNoDirection() {
        long calm = csv.stream().filter(r -> r.get("cbwd").equals("cv")).count();
        assertThat(calm).isEqualTo(9_387);
        assertThat(feed.stream().filter(e -> !e.has("windDirection")).count()).isEqualTo(calm);
    }

    @Test
    void sortedByObservationTime() {
        assertThat(feed.stream().map(TestData::observedAt).toList()).isSorted();
    }

    @Test
    void theStationIsTheEmbassyWithApproximateCoordinates() {
        assertThat(stations)
                .containsExactly(
                        TestData.json(
                                """
                                {"city":"beijing","id":"beijing-us-embassy","name":"US Embassy, Beijing",
                                 "lon":116.4667,"lat":39.9547}
                                """));
        assertThat(
                        feed.stream()
                                .map(e -> e.get("refPointOfInterest").get("value").asText())
                                .distinct())
                .containsExactly("beijing-us-embassy");
    }
}
