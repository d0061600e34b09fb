package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Known answers from {@code test-data/citypulse-aarhus-traffic} (Monday 2014-08-18). */
class AarhusTrafficConverterTest {

    private static final String FOLDER = "citypulse-aarhus-traffic";

    @TempDir static Path out;

    private static List<CSVRecord> csv;
    private static List<JsonNode> feed;
    private static List<JsonNode> segments;
    private static List<ConvertedFile> written;

    @BeforeAll
    static void convert() throws IOException {
        csv = TestData.csv(TestData.file(FOLDER, "aarhus_traffic_2014-08-18.csv.gz"));
        written = new AarhusTrafficConverter().convert(TestData.root().resolve(FOLDER), out);
        feed = TestData.jsonLines(out.resolve("aarhus/traffic.jsonl"));
        segments = TestData.jsonLines(out.resolve("aarhus/ref/road_segments.jsonl"));
    }

    @Test
    void oneEntityPerCsvRowDuplicatesIncluded() {
        assertThat(csv).hasSize(129_679);
        assertThat(feed).hasSize(csv.size());
        assertThat(written)
                .extracting(ConvertedFile::table, ConvertedFile::lines)
                .containsExactly(
                        tuple("traffic", (long) csv.size()), tuple("ref.road_segments", 449L));
    }

    @Test
    void firstLineIsTheFirstIntervalOfTheFirstSegmentWithoutTravelTimesAsNoVehicleWasSeen() {
        // CSV: OK,49,75,668,49,2014-08-18T00:00:00,0,22732880,158324 (speed 75 is stale: no
        // vehicle)
        assertThat(feed.get(0))
                .isEqualTo(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:TrafficFlowObserved:aarhus:158324",
                                 "type":"TrafficFlowObserved","refRoadSegment":"158324",
                                 "dateObserved":"2014-08-18T00:00:00+02:00/2014-08-18T00:05:00+02:00",
                                 "dateObservedFrom":"2014-08-18T00:00:00+02:00",
                                 "dateObservedTo":"2014-08-18T00:05:00+02:00",
                                 "intensity":0}
                                """));
    }

    @Test
    void intervalWithVehiclesCarriesSpeedAndTravelTimes() {
        // CSV: OK,64,57,668,64,2014-08-18T00:25:00,1,22735125,158324
        assertThat(
                        feed.stream()
                                .filter(e -> e.get("refRoadSegment").asText().equals("158324"))
                                .filter(e -> e.get("intensity").asLong() > 0)
                                .findFirst())
                .contains(
                        TestData.json(
                                """
                                {"id":"urn:ngsi-ld:TrafficFlowObserved:aarhus:158324",
                                 "type":"TrafficFlowObserved","refRoadSegment":"158324",
                                 "dateObserved":"2014-08-18T00:25:00+02:00/2014-08-18T00:30:00+02:00",
                                 "dateObservedFrom":"2014-08-18T00:25:00+02:00",
                                 "dateObservedTo":"2014-08-18T00:30:00+02:00",
                                 "intensity":1,"averageVehicleSpeed":57,
                                 "averageTravelTime":64,"medianTravelTime":64}
                                """));
    }

    @Test
    void travelTimesOnlyWhereVehiclesWereCounted() {
        long zeroRows = csv.stream().filter(r -> r.get("vehicleCount").equals("0")).count();
        assertThat(zeroRows).isEqualTo(57_371);
        assertThat(feed.stream().filter(e -> !e.has("averageVehicleSpeed")).count())
                .isEqualTo(zeroRows);
        assertThat(
                        feed.stream()
                                .filter(
                                        e -> {
                                            boolean counted = e.get("intensity").asLong() > 0;
                                            return e.has("averageVehicleSpeed") != counted
                                                    || e.has("averageTravelTime") != counted
                                                    || e.has("medianTravelTime") != counted;
                                        })
                                .limit(5)
                                .toList())
                .isEmpty();
    }

    @Test
    void duplicateRowsAreKept() {
        long inCsv =
                csv.stream()
                        .filter(r -> r.get("REPORT_ID").equals("158324"))
                        .filter(r -> r.get("TIMESTAMP").equals("2014-08-18T01:10:00"))
                        .count();
        long inFeed =
                feed.stream()
                        .filter(e -> e.get("refRoadSegment").asText().equals("158324"))
                        .filter(
                                e ->
                                        e.get("dateObservedFrom")
                                                .asText()
                                                .equals("2014-08-18T01:10:00+02:00"))
                        .count();
        assertThat(inCsv).isEqualTo(3);
        assertThat(inFeed).isEqualTo(inCsv);
    }

    @Test
    void sortedByObservationTimeWithFiveMinuteIntervals() {
        assertThat(feed.stream().map(TestData::observedAt).toList()).isSorted();
        assertThat(
                        feed.stream()
                                .filter(
                                        e -> {
                                            String from = e.get("dateObservedFrom").asText();
                                            String to = e.get("dateObservedTo").asText();
                                            return !Duration.between(
                                                                    OffsetDateTime.parse(from),
                                                                    OffsetDateTime.parse(to))
                                                            .equals(Duration.ofMinutes(5))
                                                    || !e.get("dateObserved")
                                                            .asText()
                                                            .equals(from + "/" + to);
                                        })
                                .limit(5)
                                .toList())
                .isEmpty();
    }

    @Test
    void roadSegmentsHave449RowsWithPositiveLengthsAndTwoPointLines() {
        List<CSVRecord> metadata = TestData.csv(TestData.file(FOLDER, "trafficMetaData.csv"));
        assertThat(segments).hasSize(449);
        assertThat(segments.stream().map(s -> s.get("id").asText()).collect(Collectors.toSet()))
                .hasSize(449)
                .isEqualTo(
                        metadata.stream().map(r -> r.get("REPORT_ID")).collect(Collectors.toSet()));
        assertThat(segments)
                .allSatisfy(
                        s -> {
                            assertThat(s.get("city").asText()).isEqualTo("aarhus");
                            assertThat(s.get("length_m").asDouble()).isPositive();
                            assertThat(s.get("free_flow_time_s").asDouble()).isPositive();
                            assertThat(s.get("free_flow_speed_kmh").asDouble()).isPositive();
                            Geometry line = wkt(s.get("geometry_wkt").asText());
                            assertThat(line).isInstanceOf(LineString.class);
                            assertThat(line.getNumPoints()).isEqualTo(2);
                            assertThat(line.getCoordinates())
                                    .allSatisfy(
                                            c -> {
                                                assertThat(c.x).isBetween(9.5, 10.7); // lon
                                                assertThat(c.y).isBetween(55.9, 56.5); // lat
                                            });
                        });
    }

    @Test
    void roadSegmentRowCarriesTheMetadata() {
        assertThat(segments)
                .filteredOn(s -> s.get("id").asText().equals("158324"))
                .containsExactly(
                        TestData.json(
                                """
                                {"city":"aarhus","id":"158324","name":"AAR_BT_0001 4320 4322",
                                 "road_class":"MAJOR_ROAD",
                                 "geometry_wkt":"LINESTRING (10.104986076057457 56.23172069428216, 10.116589665412903 56.22579478256016)",
                                 "length_m":1030,"free_flow_time_s":52,"free_flow_speed_kmh":71}
                                """));
    }

    @Test
    void everyReadingRefersToAKnownSegment() {
        Set<String> known =
                segments.stream().map(s -> s.get("id").asText()).collect(Collectors.toSet());
        assertThat(feed.stream().map(e -> e.get("refRoadSegment").asText()).distinct())
                .hasSize(449)
                .allMatch(known::contains);
    }

    private static Geometry wkt(String text) {
        try {
            return new WKTReader().read(text);
        } catch (ParseException e) {
            throw new AssertionError("not WKT: " + text, e);
        }
    }
}
