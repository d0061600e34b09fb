package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.citylake.ingest.parse.ParserFixtures.NOW;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.json;
import static org.citylake.ingest.parse.ParserFixtures.minimal;
import static org.citylake.ingest.parse.ParserFixtures.ngsiLd;
import static org.citylake.ingest.parse.ParserFixtures.parser;
import static org.citylake.ingest.parse.ParserFixtures.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour beyond the examples: conversions, derivations, lookups, serializability. */
class ReadingParserTest {

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        ReadingParser original = parser(Feed.TRAFFIC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        ReadingParser copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ReadingParser) in.readObject();
        }

        String payload = ngsiLd(EntityType.TRAFFIC_FLOW_OBSERVED);
        assertThat(copy.parse(payload, NOW)).isEqualTo(original.parse(payload, NOW));
        assertThat(copy.feed()).isEqualTo(Feed.TRAFFIC.descriptor());
    }

    @Test
    void refusesANegativeFutureTolerance() {
        assertThatThrownBy(() -> parser(Feed.AIR, ZoneId.of("UTC"), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("futureTolerance");
    }

    @Test
    void valuesAreUnmodifiable() {
        ParsedReading reading =
                accepted(Feed.TRAFFIC, json(minimal(EntityType.TRAFFIC_FLOW_OBSERVED)));

        assertThatThrownBy(() -> reading.values().put("intensity", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void cityZoneAppliesToLocalTimes() {
        ObjectNode entity = minimal(EntityType.STREETLIGHT);
        entity.put("dateObserved", "2024-07-01T12:00:00");

        ParseOutcome outcome =
                parser(Feed.LIGHTING, ZoneId.of("Asia/Kolkata"), Duration.ZERO)
                        .parse(json(entity), NOW);

        assertThat(((ParseOutcome.Accepted) outcome).reading().observedAt())
                .isEqualTo(Instant.parse("2024-07-01T06:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({"0.54, 0.54", "1, 1.0", "54, 0.54", "100, 1.0", "0, 0.0"})
    void relativeHumidityIsAFractionOrPercent(double sent, double expected) {
        ObjectNode entity = minimal(EntityType.AIR_QUALITY_OBSERVED);
        entity.put("relativeHumidity", sent);

        assertThat(accepted(Feed.AIR, json(entity)).values())
                .containsEntry("relative_humidity", expected);
    }

    @Test
    void fiwarePressureIsUsedOnlyInTheHectopascalRange() {
        ObjectNode hpa = minimal(EntityType.AIR_QUALITY_OBSERVED);
        hpa.put("pressure", 1009.5);
        ObjectNode other = minimal(EntityType.AIR_QUALITY_OBSERVED);
        other.put("pressure", 1.1);
        ObjectNode text = minimal(EntityType.AIR_QUALITY_OBSERVED);
        text.put("pressure", "high");

        assertThat(accepted(Feed.AIR, json(hpa)).values()).containsEntry("pressure_hpa", 1009.5);
        assertThat(accepted(Feed.AIR, json(other)).values()).doesNotContainKey("pressure_hpa");
        assertThat(accepted(Feed.AIR, json(text)).values()).doesNotContainKey("pressure_hpa");
    }

    @Test
    void airStationIsPointOfInterestThenDeviceThenEntityId() {
        ObjectNode both = minimal(EntityType.AIR_QUALITY_OBSERVED);
        both.put("refDevice", "urn:ngsi-ld:Device:7");
        ObjectNode device = both.deepCopy();
        device.remove("refPointOfInterest");
        ObjectNode neither = device.deepCopy();
        neither.remove("refDevice");

        assertThat(accepted(Feed.AIR, json(both)).sensorId()).isEqualTo("station-7");
        assertThat(accepted(Feed.AIR, json(device)).sensorId()).isEqualTo("urn:ngsi-ld:Device:7");
        assertThat(accepted(Feed.AIR, json(neither)).values())
                .containsEntry("station_id", "aqo-station-7");
    }

    @Test
    void parkingDerivesOccupiedAndOccupancyFromAvailable() {
        ObjectNode entity = minimal(EntityType.OFF_STREET_PARKING);
        entity.put("availableSpotNumber", 100);

        assertThat(accepted(Feed.PARKING, json(entity)).values())
                .containsOnly(
                        entry("lot_id", "lot-5"),
                        entry("total_spots", 400),
                        entry("available_spots", 100),
                        entry("occupied_spots", 300),
                        entry("occupancy", 0.75));
    }

    @Test
    void parkingDerivesAvailableFromOccupied() {
        ObjectNode entity = minimal(EntityType.OFF_STREET_PARKING);
        entity.put("occupiedSpotNumber", 100);

        assertThat(accepted(Feed.PARKING, json(entity)).values())
                .contains(entry("available_spots", 300), entry("occupancy", 0.25));
    }

    @Test
    void parkingWithoutTotalDerivesNothing() {
        ObjectNode entity = minimal(EntityType.OFF_STREET_PARKING);
        entity.remove("totalSpotNumber");
        entity.put("availableSpotNumber", 100);

        assertThat(accepted(Feed.PARKING, json(entity)).values())
                .containsOnly(entry("lot_id", "lot-5"), entry("available_spots", 100));
    }

    @Test
    void parkingWithZeroSpotsHasNoOccupancy() {
        ObjectNode entity = minimal(EntityType.OFF_STREET_PARKING);
        entity.put("totalSpotNumber", 0);
        entity.put("availableSpotNumber", 0);

        assertThat(accepted(Feed.PARKING, json(entity)).values()).doesNotContainKey("occupancy");
    }

    @Test
    void wholeNumbersMayBeSentAsDecimals() {
        ObjectNode entity = minimal(EntityType.TRAFFIC_FLOW_OBSERVED);
        entity.put("intensity", 197.0);
        entity.put("laneId", 2.0);

        assertThat(accepted(Feed.TRAFFIC, json(entity)).values())
                .contains(entry("intensity", 197L), entry("lane_id", 2));
    }

    @Test
    void numericIdsAndReferencesAreTakenAsText() {
        ObjectNode entity = minimal(EntityType.TRAFFIC_FLOW_OBSERVED);
        entity.put("id", 991);
        entity.put("refRoadSegment", 158324);

        ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));

        assertThat(reading.entityId()).isEqualTo("991");
        assertThat(reading.sensorId()).isEqualTo("158324");
    }

    @Test
    void fillingLevelMayOverReadUpTo120Percent() {
        ObjectNode entity = minimal(EntityType.WASTE_CONTAINER);
        entity.put("fillingLevel", 1.2);

        assertThat(accepted(Feed.WASTE, json(entity)).values()).containsEntry("filling_level", 1.2);
    }

    @Test
    void trafficIntervalFromDateObservedWhenFromAndToAreAbsent() {
        ObjectNode entity = minimal(EntityType.TRAFFIC_FLOW_OBSERVED);
        entity.put("dateObserved", "2024-03-12T08:00:00Z/PT15M");

        ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));

        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T08:00:00Z"));
        assertThat(reading.values()).containsEntry("interval_s", 900);
    }

    @Test
    void trafficFromWinsOverDateObservedAndToCompletesItsInterval() {
        ObjectNode entity = minimal(EntityType.TRAFFIC_FLOW_OBSERVED);
        entity.put("dateObserved", "2024-03-12T07:00:00Z");
        entity.put("dateObservedFrom", "2024-03-12T08:00:00Z");
        entity.put("dateObservedTo", "2024-03-12T08:01:00Z");

        ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));

        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T08:00:00Z"));
        assertThat(reading.values()).containsEntry("interval_s", 60);
    }

    @Test
    void trafficWithAPlainInstantHasNoInterval() {
        ParsedReading reading =
                accepted(Feed.TRAFFIC, json(minimal(EntityType.TRAFFIC_FLOW_OBSERVED)));

        assertThat(reading.values()).doesNotContainKey("interval_s");
    }

    @Test
    void v2RelationshipUrnsAreKeptAsGiven() {
        ObjectNode entity = minimal(EntityType.WASTE_COLLECTION);
        entity.set("refWasteContainer", v2("Relationship", "urn:ngsi-ld:WasteContainer:bin-117"));
        entity.set("refVehicle", v2("Relationship", "urn:ngsi-ld:Vehicle:truck-9"));

        ParsedReading reading = accepted(Feed.WASTE, json(entity));

        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:WasteContainer:bin-117");
        assertThat(reading.values())
                .containsEntry("container_id", "urn:ngsi-ld:WasteContainer:bin-117")
                .containsEntry("vehicle_id", "urn:ngsi-ld:Vehicle:truck-9");
    }

    @Test
    void everyFeedAcceptsEachOfItsTypes() {
        for (EntityType type : EntityType.values()) {
            assertThat(accepted(type.feed(), json(minimal(type))).type())
                    .isEqualTo(type.descriptor());
        }
    }

    @Test
    void aUnitTheColumnDoesNotConvertIsRefusedAndOneItConvertsIsApplied() {
        String station =
                "{\"id\": \"aq-1\", \"type\": \"AirQualityObserved\","
                        + " \"dateObserved\": \"2024-07-01T12:00:00Z\","
                        + " \"temperature\": {\"type\": \"Property\", \"value\": 68,"
                        + " \"unitCode\": \"%s\"}}";
        ParseOutcome refused = ParserFixtures.parse(Feed.AIR, station.formatted("XYZ"));
        assertThat(refused).isInstanceOf(ParseOutcome.Rejected.class);
        assertThat(((ParseOutcome.Rejected) refused).reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(((ParseOutcome.Rejected) refused).detail())
                .endsWith("temperature is sent in unit 'XYZ', expected CEL (°C) or FAH (°F)");
        // 68 °F is 20 °C
        assertThat(
                        (Double)
                                ParserFixtures.accepted(Feed.AIR, station.formatted("FAH"))
                                        .values()
                                        .get("temperature_c"))
                .isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
