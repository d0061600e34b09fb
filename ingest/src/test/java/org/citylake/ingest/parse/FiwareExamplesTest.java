package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.fiware;
import static org.citylake.ingest.parse.ParserFixtures.json;
import static org.citylake.ingest.parse.ParserFixtures.rejected;
import static org.citylake.ingest.parse.ParserFixtures.tree;
import static org.citylake.ingest.parse.ParserFixtures.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The official FIWARE Smart Data Model examples (src/test/resources/fiware, CC BY 4.0), in
 * keyValues and NGSI-v2 normalized form. Where an example lacks something CityLake requires, the
 * precise rejection is asserted and a copy with the field added (in memory) must parse.
 */
class FiwareExamplesTest {

    @Nested
    class TrafficFlowObserved {

        private static final String MODEL = "TrafficFlowObserved";
        private static final String ID = "TrafficFlowObserved-Valladolid-osm-60821110";
        private static final String SEGMENT = "urn:ngsi-ld:RoadSegment:158324";

        @Test
        void keyValuesExampleIsRefusedForLackOfRoadSegment() {
            assertMissingRoadSegment(rejected(Feed.TRAFFIC, fiware(MODEL, false)));
        }

        @Test
        void normalizedExampleIsRefusedForLackOfRoadSegment() {
            assertMissingRoadSegment(rejected(Feed.TRAFFIC, fiware(MODEL, true)));
        }

        private void assertMissingRoadSegment(ParseOutcome.Rejected rejected) {
            assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(rejected.detail())
                    .isEqualTo(
                            "entity "
                                    + ID
                                    + ": required attribute refRoadSegment is missing or empty");
            assertThat(rejected.entityType()).isEqualTo(MODEL);
            assertThat(rejected.entityId()).isEqualTo(ID);
            assertThat(rejected.observedAt()).isEqualTo(Instant.parse("2016-12-07T11:10:00Z"));
        }

        @Test
        void keyValuesWithRoadSegmentParses() {
            ObjectNode entity = tree(fiware(MODEL, false));
            entity.put("refRoadSegment", SEGMENT);

            ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));

            assertThat(reading.type()).isEqualTo(EntityType.TRAFFIC_FLOW_OBSERVED.descriptor());
            assertThat(reading.entityId()).isEqualTo(ID);
            assertThat(reading.sensorId()).isEqualTo(SEGMENT);
            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2016-12-07T11:10:00Z"));
            assertThat(reading.values())
                    .containsOnly(
                            entry("segment_id", SEGMENT),
                            entry("lane_id", 1),
                            entry("interval_s", 300),
                            entry("intensity", 197L),
                            entry("avg_speed_kmh", 52.6),
                            entry("occupancy", 0.76));
        }

        @Test
        void normalizedWithRoadSegmentEqualsKeyValues() {
            ObjectNode keyValues = tree(fiware(MODEL, false));
            keyValues.put("refRoadSegment", SEGMENT);
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("refRoadSegment", v2("Relationship", SEGMENT));

            assertThat(accepted(Feed.TRAFFIC, json(normalized)))
                    .isEqualTo(accepted(Feed.TRAFFIC, json(keyValues)));
        }

        @Test
        void intervalInDateObservedAloneIsLocalCityTime() {
            // Without dateObservedFrom/To the example's interval (no offset) is Valladolid time.
            ObjectNode entity = tree(fiware(MODEL, false));
            entity.put("refRoadSegment", SEGMENT);
            entity.remove("dateObservedFrom");
            entity.remove("dateObservedTo");

            ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));

            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2016-12-07T10:10:00Z"));
            assertThat(reading.values()).containsEntry("interval_s", 300);
        }
    }

    @Nested
    class AirQualityObserved {

        private static final String MODEL = "AirQualityObserved";
        private static final String ID = "Madrid-AmbientObserved-28079004-2016-03-15T11:00:00";
        private static final String STATION = "28079004-Pza.deEspanya";
        // dateObserved has no offset: 11:00 in Madrid (CET) is 10:00Z.
        private static final Instant OBSERVED = Instant.parse("2016-03-15T10:00:00Z");

        @Test
        void keyValuesExampleParses() {
            ParsedReading reading = accepted(Feed.AIR, fiware(MODEL, false));

            assertThat(reading.type()).isEqualTo(EntityType.AIR_QUALITY_OBSERVED.descriptor());
            assertThat(reading.entityId()).isEqualTo(ID);
            assertThat(reading.sensorId()).isEqualTo(STATION);
            assertThat(reading.observedAt()).isEqualTo(OBSERVED);
            // pressure 1.1 is not in the hPa range, so it is ignored.
            assertThat(reading.values()).isEqualTo(keyValuesValues());
        }

        private static Map<String, Object> keyValuesValues() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("station_id", STATION);
            values.put("so2", 11.0);
            values.put("co", 500.0);
            values.put("temperature_c", 12.2);
            values.put("relative_humidity", 0.54);
            values.put("wind_speed_ms", 0.64);
            values.put("wind_direction_deg", 176.0);
            values.put("precipitation_mm", 0.0);
            return values;
        }

        @Test
        void normalizedExampleIsRefusedForItsCarbonMonoxideInMilligrams() {
            // Upstream, the normalized example sends co=500 with unitCode GP (mg/m³): 500,000
            // µg/m³ once converted, above the range. keyValues sends 500 without a unit (µg/m³).
            ParseOutcome.Rejected rejected = rejected(Feed.AIR, fiware(MODEL, true));

            assertThat(rejected.reason()).isEqualTo(RejectReason.OUT_OF_RANGE);
            assertThat(rejected.detail())
                    .isEqualTo(
                            "sensor "
                                    + STATION
                                    + " reading: co=500.0 mg/m³ = 500000 µg/m³ is above 100000");
        }

        @Test
        void carbonMonoxideInMilligramsIsConvertedToMicrograms() {
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("precipitation", v2("Number", 0));
            ((ObjectNode) normalized.get("co")).put("value", 0.5);

            assertThat(accepted(Feed.AIR, json(normalized)).values()).containsEntry("co", 500.0);
        }

        @Test
        void normalizedExampleIsRefusedForItsBooleanPrecipitation() {
            // Upstream inconsistency: keyValues says "precipitation": 0, normalized says Boolean
            // false. (co is set as keyValues has it, without its mg/m³ unit code.)
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("co", v2("Number", 500));
            ParseOutcome.Rejected rejected = rejected(Feed.AIR, json(normalized));

            assertThat(rejected.reason()).isEqualTo(RejectReason.WRONG_TYPE);
            assertThat(rejected.detail())
                    .isEqualTo(
                            "sensor "
                                    + STATION
                                    + " reading: precipitation is the boolean false, expected a"
                                    + " number");
            assertThat(rejected.entityType()).isEqualTo(MODEL);
            assertThat(rejected.entityId()).isEqualTo(ID);
            assertThat(rejected.observedAt()).isEqualTo(OBSERVED);
        }

        @Test
        void normalizedWithNumericPrecipitationEqualsKeyValuesPlusItsNo2() {
            // Upstream the normalized example has no2=69 where keyValues has co2=69 (not ingested).
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("precipitation", v2("Number", 0));
            normalized.set("co", v2("Number", 500));

            ParsedReading fromNormalized = accepted(Feed.AIR, json(normalized));
            ParsedReading fromKeyValues = accepted(Feed.AIR, fiware(MODEL, false));

            Map<String, Object> expected = new LinkedHashMap<>(keyValuesValues());
            expected.put("no2", 69.0);
            assertThat(fromNormalized.values()).isEqualTo(expected);
            assertThat(fromNormalized)
                    .usingRecursiveComparison()
                    .ignoringFields("values")
                    .isEqualTo(fromKeyValues);
        }

        @Test
        void normalizedAndKeyValuesAreEqualOnceTheUpstreamDifferencesAreRemoved() {
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("precipitation", v2("Number", 0));
            normalized.set("co", v2("Number", 500));
            normalized.remove("no2");

            assertThat(accepted(Feed.AIR, json(normalized)))
                    .isEqualTo(accepted(Feed.AIR, fiware(MODEL, false)));
        }
    }

    @Nested
    class Streetlight {

        private static final String MODEL = "Streetlight";
        private static final String ID = "streetlight:guadalajara:4567";

        @Test
        void keyValuesExampleParses() {
            ParsedReading reading = accepted(Feed.LIGHTING, fiware(MODEL, false));

            assertThat(reading.type()).isEqualTo(EntityType.STREETLIGHT.descriptor());
            assertThat(reading.entityId()).isEqualTo(ID);
            assertThat(reading.sensorId()).isEqualTo(ID);
            // observationDateTime 2021-01-11T15:51:02+05:30
            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2021-01-11T10:21:02Z"));
            assertThat(reading.values())
                    .containsOnly(
                            entry("lamp_id", ID),
                            entry("power_state", "off"),
                            entry("status", "ok"),
                            entry("power_w", 10.0),
                            entry("energy_kwh", 93.4));
        }

        @Test
        void normalizedEqualsKeyValues() {
            assertThat(accepted(Feed.LIGHTING, fiware(MODEL, true)))
                    .isEqualTo(accepted(Feed.LIGHTING, fiware(MODEL, false)));
        }
    }

    @Nested
    class StreetlightControlCabinet {

        private static final String MODEL = "StreetlightControlCabinet";
        private static final String ID = "streetlightcontrolcabinet:A45HGJK";

        @Test
        void keyValuesExampleIsRefusedForLackOfObservationTime() {
            assertMissingTime(rejected(Feed.LIGHTING, fiware(MODEL, false)));
        }

        @Test
        void normalizedExampleIsRefusedForLackOfObservationTime() {
            assertMissingTime(rejected(Feed.LIGHTING, fiware(MODEL, true)));
        }

        private void assertMissingTime(ParseOutcome.Rejected rejected) {
            assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(rejected.detail())
                    .isEqualTo(
                            "sensor "
                                    + ID
                                    + " reading: no observation time: none of dateObserved,"
                                    + " observationDateTime, dateModified is present"
                                    + ", and no attribute read was sent with its own time (NGSI-LD observedAt,"
                                    + " NGSI-v2 metadata TimeInstant)");
            assertThat(rejected.entityType()).isEqualTo(MODEL);
            assertThat(rejected.entityId()).isEqualTo(ID);
            assertThat(rejected.observedAt()).isNull();
        }

        @Test
        void keyValuesWithDateModifiedParses() {
            ObjectNode entity = tree(fiware(MODEL, false));
            entity.put("dateModified", "2016-07-08T16:04:30.201Z");

            ParsedReading reading = accepted(Feed.LIGHTING, json(entity));

            assertThat(reading.type())
                    .isEqualTo(EntityType.STREETLIGHT_CONTROL_CABINET.descriptor());
            assertThat(reading.sensorId()).isEqualTo(ID);
            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2016-07-08T16:04:30.201Z"));
            assertThat(reading.values())
                    .containsOnly(
                            entry("cabinet_id", ID),
                            entry("energy_kwh", 162456.0),
                            entry("last_meter_reading_kwh", 161237.0),
                            entry("working_mode", "automatic"));
        }

        @Test
        void normalizedWithDateModifiedEqualsKeyValues() {
            ObjectNode keyValues = tree(fiware(MODEL, false));
            keyValues.put("dateModified", "2016-07-08T16:04:30.201Z");
            ObjectNode normalized = tree(fiware(MODEL, true));
            normalized.set("dateModified", v2("DateTime", "2016-07-08T16:04:30.201Z"));

            assertThat(accepted(Feed.LIGHTING, json(normalized)))
                    .isEqualTo(accepted(Feed.LIGHTING, json(keyValues)));
        }
    }

    @Nested
    class WasteContainer {

        private static final String MODEL = "WasteContainer";
        private static final String ID = "urn:ngsi-ld:wastecontainer:1021:AAWD";

        @Test
        void keyValuesExampleParses() {
            ParsedReading reading = accepted(Feed.WASTE, fiware(MODEL, false));

            assertThat(reading.type()).isEqualTo(EntityType.WASTE_CONTAINER.descriptor());
            assertThat(reading.entityId()).isEqualTo(ID);
            assertThat(reading.sensorId()).isEqualTo(ID);
            // binLoggedTime 2021-03-01T15:51:02+05:30; the example has no fillingLevel.
            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2021-03-01T10:21:02Z"));
            assertThat(reading.values()).containsOnly(entry("container_id", ID));
        }

        @Test
        void normalizedEqualsKeyValues() {
            assertThat(accepted(Feed.WASTE, fiware(MODEL, true)))
                    .isEqualTo(accepted(Feed.WASTE, fiware(MODEL, false)));
        }

        @Test
        void keyValuesWithFillingLevelParsesIt() {
            ObjectNode entity = tree(fiware(MODEL, false));
            entity.put("fillingLevel", 0.42);

            assertThat(accepted(Feed.WASTE, json(entity)).values())
                    .containsEntry("filling_level", 0.42);
        }
    }

    @Nested
    class OffStreetParking {

        private static final String MODEL = "OffStreetParking";
        private static final String ID = "porto-ParkingLot-23889";

        @Test
        void keyValuesExampleParses() {
            ParsedReading reading = accepted(Feed.PARKING, fiware(MODEL, false));

            assertThat(reading.type()).isEqualTo(EntityType.OFF_STREET_PARKING.descriptor());
            assertThat(reading.entityId()).isEqualTo(ID);
            assertThat(reading.sensorId()).isEqualTo(ID);
            // observationDateTime comes before occupancyModified in the lookup order.
            assertThat(reading.observedAt()).isEqualTo(Instant.parse("2021-03-11T15:51:02Z"));
            assertThat(reading.values())
                    .containsOnly(
                            entry("lot_id", ID),
                            entry("total_spots", 414),
                            entry("available_spots", 132),
                            entry("occupied_spots", 282),
                            entry("occupancy", 0.68));
        }

        @Test
        void normalizedEqualsKeyValues() {
            assertThat(accepted(Feed.PARKING, fiware(MODEL, true)))
                    .isEqualTo(accepted(Feed.PARKING, fiware(MODEL, false)));
        }
    }
}
