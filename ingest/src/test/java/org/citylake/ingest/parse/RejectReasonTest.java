package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citylake.ingest.parse.ParserFixtures.NOW;
import static org.citylake.ingest.parse.ParserFixtures.OBSERVED;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.entityId;
import static org.citylake.ingest.parse.ParserFixtures.json;
import static org.citylake.ingest.parse.ParserFixtures.minimal;
import static org.citylake.ingest.parse.ParserFixtures.rejected;
import static org.citylake.ingest.parse.ParserFixtures.sensor;
import static org.citylake.ingest.parse.ParserFixtures.tree;
import static org.citylake.model.EntityType.AIR_QUALITY_OBSERVED;
import static org.citylake.model.EntityType.OFF_STREET_PARKING;
import static org.citylake.model.EntityType.STREETLIGHT;
import static org.citylake.model.EntityType.STREETLIGHT_CONTROL_CABINET;
import static org.citylake.model.EntityType.TRAFFIC_FLOW_OBSERVED;
import static org.citylake.model.EntityType.WASTE_COLLECTION;
import static org.citylake.model.EntityType.WASTE_CONTAINER;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.stream.Stream;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per reason the parser gives (UNKNOWN_ENTITY and DUPLICATE need state and are decided
 * later): the reason, what the rejection carries, and a detail naming the attribute.
 */
class RejectReasonTest {

    private static final EntityType TRAFFIC = TRAFFIC_FLOW_OBSERVED;

    /** {@code minimal(type)} with {@code attribute} set to the JSON {@code value}. */
    private static String with(EntityType type, String attribute, String value) {
        ObjectNode entity = minimal(type);
        entity.set(attribute, tree("{\"v\":" + value + "}").get("v"));
        return json(entity);
    }

    private static ParseOutcome.Rejected rejectedAs(
            RejectReason reason, EntityType type, String payload) {
        ParseOutcome.Rejected rejected = rejected(type.feed(), payload);
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
        return rejected;
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                arguments(
                        "{\"id\": \"tfo-1\", \"type\": ",
                        "payload is not valid JSON at line 1, column"),
                arguments(
                        "{\"id\": \"tfo-1\", \"type\": \"TrafficFlowObserved\"} trailing",
                        "payload is not valid JSON at line 1, column"),
                arguments(
                        "[{\"id\": \"tfo-1\", \"type\": \"TrafficFlowObserved\"}]",
                        "payload is a JSON array, expected one NGSI entity object"),
                arguments(
                        "\"TrafficFlowObserved\"",
                        "payload is a JSON string, expected one NGSI entity object"),
                arguments("  ", "payload is empty"));
    }

    @ParameterizedTest
    @MethodSource("malformedPayloads")
    void malformedJson(String payload, String detailStart) {
        ParseOutcome.Rejected rejected = rejectedAs(RejectReason.MALFORMED_JSON, TRAFFIC, payload);

        assertThat(rejected.detail()).startsWith(detailStart);
        assertThat(rejected.entityType()).isNull();
        assertThat(rejected.entityId()).isNull();
        assertThat(rejected.observedAt()).isNull();
    }

    @Test
    void malformedJsonSaysWhere() {
        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.MALFORMED_JSON, TRAFFIC, "{\"id\": \"tfo-1\",\n \"type\" 7}");

        assertThat(rejected.detail()).startsWith("payload is not valid JSON at line 2, column");
    }

    @Test
    void unknownTypeWhenTypeIsMissing() {
        ObjectNode entity = minimal(TRAFFIC);
        entity.remove("type");

        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.UNKNOWN_TYPE, TRAFFIC, json(entity));

        assertThat(rejected.detail())
                .isEqualTo(
                        "entity tfo-158324-1: attribute type is missing or empty; feed traffic"
                                + " carries TrafficFlowObserved");
        assertThat(rejected.entityId()).isEqualTo("tfo-158324-1");
    }

    @Test
    void unknownTypeWhenTypeIsNotAModel() {
        ObjectNode entity = minimal(TRAFFIC);
        entity.put("type", "TrafficJam");

        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.UNKNOWN_TYPE, TRAFFIC, json(entity));

        assertThat(rejected.detail())
                .isEqualTo(
                        "entity tfo-158324-1: type 'TrafficJam' is not known; feed traffic carries"
                                + " TrafficFlowObserved");
        assertThat(rejected.entityType()).isEqualTo("TrafficJam");
    }

    @Test
    void unknownTypeWhenTypeBelongsToAnotherFeed() {
        ParseOutcome.Rejected rejected = rejected(Feed.WASTE, json(minimal(STREETLIGHT)));

        assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
        assertThat(rejected.detail())
                .isEqualTo(
                        "entity lamp-42: type Streetlight belongs to feed lighting; feed waste"
                                + " carries WasteContainer, WasteCollection");
    }

    @Test
    void missingFieldWhenIdIsMissing() {
        ObjectNode entity = minimal(STREETLIGHT);
        entity.remove("id");

        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.MISSING_FIELD, STREETLIGHT, json(entity));

        assertThat(rejected.detail())
                .isEqualTo("Streetlight entity: required attribute id is missing or empty");
        assertThat(rejected.entityType()).isEqualTo("Streetlight");
        assertThat(rejected.entityId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\""})
    void missingFieldWhenSensorReferenceIsAbsentOrEmpty(String value) {
        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.MISSING_FIELD,
                        WASTE_COLLECTION,
                        with(WASTE_COLLECTION, "refWasteContainer", value));

        assertThat(rejected.detail())
                .isEqualTo(
                        "entity collection-117-1: required attribute refWasteContainer is missing"
                                + " or empty");
        assertThat(rejected.entityId()).isEqualTo("collection-117-1");
        assertThat(rejected.observedAt()).isEqualTo(OBSERVED);
    }

    @Test
    void missingFieldWhenObservationTimeIsAbsent() {
        ObjectNode entity = minimal(OFF_STREET_PARKING);
        entity.remove("dateObserved");

        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.MISSING_FIELD, OFF_STREET_PARKING, json(entity));

        assertThat(rejected.detail())
                .isEqualTo(
                        "sensor lot-5 reading: no observation time: none of dateObserved,"
                                + " observationDateTime, dateModified, occupancyModified is"
                                + " present, and no attribute read was sent with its own time"
                                + " (NGSI-LD observedAt, NGSI-v2 metadata TimeInstant)");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(
                        TRAFFIC,
                        "intensity",
                        "\"197\"",
                        "intensity is the text '197', expected a number"),
                arguments(
                        TRAFFIC,
                        "averageVehicleSpeed",
                        "\"NaN\"",
                        "averageVehicleSpeed is the text 'NaN', expected a number"),
                arguments(TRAFFIC, "intensity", "19.5", "intensity=19.5 is not a whole number"),
                arguments(
                        TRAFFIC,
                        "congested",
                        "\"yes\"",
                        "congested is the text 'yes', expected true or false"),
                arguments(
                        TRAFFIC,
                        "refRoadSegment",
                        "{\"id\": 158324}",
                        "refRoadSegment is an object, expected text"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "precipitation",
                        "false",
                        "precipitation is the boolean false, expected a number"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "pm25",
                        "[12.0]",
                        "pm25 is a list, expected a number"),
                arguments(
                        STREETLIGHT,
                        "dateObserved",
                        "1710230400000",
                        "dateObserved is the number 1710230400000, expected an ISO-8601 timestamp text"),
                arguments(
                        OFF_STREET_PARKING,
                        "status",
                        "[\"open\", 1]",
                        "status is a list, expected text or a list of texts"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongType(EntityType type, String attribute, String value, String what) {
        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.WRONG_TYPE, type, with(type, attribute, value));

        assertThat(rejected.detail()).contains(attribute).endsWith(": " + what);
        assertThat(rejected.entityType()).isEqualTo(type.ngsiType());
        assertThat(rejected.entityId()).isEqualTo(entityId(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void notANumber(String literal) {
        // A literal NaN is not JSON but is allowed, so that it is refused for what it is.
        String payload =
                with(TRAFFIC, "averageVehicleSpeed", "12345.5").replace("12345.5", literal);
        ParseOutcome.Rejected rejected = rejectedAs(RejectReason.NOT_A_NUMBER, TRAFFIC, payload);

        assertThat(rejected.detail())
                .isEqualTo(
                        "sensor 158324 reading: averageVehicleSpeed="
                                + Double.parseDouble(literal)
                                + " is not a finite number");
        assertThat(rejected.observedAt()).isEqualTo(OBSERVED);
    }

    @Test
    void notANumberInNormalizedForm() {
        String payload =
                json(minimal(AIR_QUALITY_OBSERVED))
                        .replace("}", ", \"pm25\": {\"type\": \"Number\", \"value\": NaN}}");

        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.NOT_A_NUMBER, AIR_QUALITY_OBSERVED, payload);

        assertThat(rejected.detail())
                .isEqualTo("sensor station-7 reading: pm25=NaN is not a finite number");
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments(
                        TRAFFIC,
                        "averageVehicleSpeed",
                        "412",
                        "averageVehicleSpeed=412.0 km/h is above 300"),
                arguments(
                        TRAFFIC,
                        "averageVehicleSpeed",
                        "-1",
                        "averageVehicleSpeed=-1.0 km/h is below 0"),
                arguments(TRAFFIC, "intensity", "-3", "intensity=-3 vehicles is below 0"),
                arguments(
                        TRAFFIC,
                        "averageTravelTime",
                        "0",
                        "averageTravelTime=0.0 s is not above 0"),
                arguments(
                        TRAFFIC,
                        "medianTravelTime",
                        "86400",
                        "medianTravelTime=86400.0 s is not below 86400"),
                arguments(TRAFFIC, "occupancy", "1.5", "occupancy=1.5 is above 1"),
                arguments(
                        TRAFFIC,
                        "laneId",
                        "3000000000",
                        "laneId=3000000000 does not fit a 32-bit integer"),
                arguments(
                        TRAFFIC,
                        "dateObservedTo",
                        "\"2024-03-12T07:55:00Z\"",
                        "observation interval dateObserved=2024-03-12T08:00:00Z to dateObservedTo=2024-03-12T07:55:00Z does not end after it starts"),
                arguments(AIR_QUALITY_OBSERVED, "pm25", "-4", "pm25=-4.0 µg/m³ is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED, "pm10", "5000.5", "pm10=5000.5 µg/m³ is above 5000"),
                arguments(AIR_QUALITY_OBSERVED, "no2", "-0.1", "no2=-0.1 µg/m³ is below 0"),
                arguments(AIR_QUALITY_OBSERVED, "o3", "6000", "o3=6000.0 µg/m³ is above 5000"),
                arguments(AIR_QUALITY_OBSERVED, "so2", "-1", "so2=-1.0 µg/m³ is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED, "co", "100001", "co=100001.0 µg/m³ is above 100000"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "temperature",
                        "-81",
                        "temperature=-81.0 °C is below -80"),
                arguments(AIR_QUALITY_OBSERVED, "dewPoint", "71", "dewPoint=71.0 °C is above 70"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "relativeHumidity",
                        "140",
                        "relativeHumidity=140.0 % = 1.4 is above 1"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "relativeHumidity",
                        "-0.1",
                        "relativeHumidity=-0.1 is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "atmosphericPressure",
                        "700",
                        "atmosphericPressure=700.0 hPa is below 800"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "windSpeed",
                        "130",
                        "windSpeed=130.0 m/s is above 120"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "windDirection",
                        "361",
                        "windDirection=361.0 ° is above 360"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "precipitation",
                        "-1",
                        "precipitation=-1.0 mm is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "cumulatedWindSpeed",
                        "-1",
                        "cumulatedWindSpeed=-1.0 m/s is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "cumulatedSnowHours",
                        "-1",
                        "cumulatedSnowHours=-1.0 h is below 0"),
                arguments(
                        AIR_QUALITY_OBSERVED,
                        "cumulatedRainHours",
                        "-2",
                        "cumulatedRainHours=-2.0 h is below 0"),
                arguments(
                        STREETLIGHT, "illuminanceLevel", "1.1", "illuminanceLevel=1.1 is above 1"),
                arguments(
                        STREETLIGHT,
                        "powerConsumption",
                        "-1",
                        "powerConsumption=-1.0 W is below 0"),
                arguments(
                        STREETLIGHT,
                        "lifetimePowerConsumption",
                        "-1",
                        "lifetimePowerConsumption=-1.0 kWh is below 0"),
                arguments(
                        STREETLIGHT,
                        "powerState",
                        "\"dimmed\"",
                        "powerState='dimmed' is not one of [on, off, low, bootingUp]"),
                arguments(
                        STREETLIGHT,
                        "status",
                        "\"OK\"",
                        "status='OK' is not one of [ok, defectiveLamp, columnIssue, brokenLantern]"),
                arguments(
                        STREETLIGHT_CONTROL_CABINET,
                        "energyConsumed",
                        "-1",
                        "energyConsumed=-1.0 kWh is below 0"),
                arguments(
                        STREETLIGHT_CONTROL_CABINET,
                        "lastMeterReading",
                        "-1",
                        "lastMeterReading=-1.0 kWh is below 0"),
                arguments(
                        STREETLIGHT_CONTROL_CABINET,
                        "totalActivePower",
                        "-0.5",
                        "totalActivePower=-0.5 kW is below 0"),
                arguments(
                        STREETLIGHT_CONTROL_CABINET,
                        "workingMode",
                        "\"remote\"",
                        "workingMode='remote' is not one of [automatic, manual, semiautomatic]"),
                arguments(WASTE_CONTAINER, "fillingLevel", "1.3", "fillingLevel=1.3 is above 1.2"),
                arguments(WASTE_CONTAINER, "fillingLevel", "-0.1", "fillingLevel=-0.1 is below 0"),
                arguments(WASTE_CONTAINER, "cargoWeight", "-5", "cargoWeight=-5.0 kg is below 0"),
                arguments(
                        WASTE_COLLECTION,
                        "fillingLevelBefore",
                        "1.5",
                        "fillingLevelBefore=1.5 is above 1.2"),
                arguments(
                        WASTE_COLLECTION,
                        "fillingLevelAfter",
                        "-0.1",
                        "fillingLevelAfter=-0.1 is below 0"),
                arguments(WASTE_COLLECTION, "volume", "-1", "volume=-1.0 l is below 0"),
                arguments(WASTE_COLLECTION, "weight", "-1", "weight=-1.0 kg is below 0"),
                arguments(
                        OFF_STREET_PARKING,
                        "totalSpotNumber",
                        "-1",
                        "totalSpotNumber=-1 spots is below 0"),
                arguments(
                        OFF_STREET_PARKING,
                        "availableSpotNumber",
                        "401",
                        "availableSpotNumber=401 spots is above totalSpotNumber=400"),
                arguments(
                        OFF_STREET_PARKING,
                        "occupiedSpotNumber",
                        "500",
                        "occupiedSpotNumber=500 spots is above totalSpotNumber=400"),
                arguments(
                        OFF_STREET_PARKING,
                        "availableSpotNumber",
                        "-2",
                        "availableSpotNumber=-2 spots is below 0"),
                arguments(OFF_STREET_PARKING, "occupancy", "1.01", "occupancy=1.01 is above 1"));
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    void outOfRange(EntityType type, String attribute, String value, String what) {
        ParseOutcome.Rejected rejected =
                rejectedAs(RejectReason.OUT_OF_RANGE, type, with(type, attribute, value));

        assertThat(rejected.detail()).isEqualTo("sensor " + sensor(type) + " reading: " + what);
        assertThat(rejected.entityType()).isEqualTo(type.ngsiType());
        assertThat(rejected.entityId()).isEqualTo(entityId(type));
        assertThat(rejected.observedAt()).isEqualTo(OBSERVED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-13-45T00:00:00Z",
                "yesterday",
                "2024-03-12 08:00:00",
                "2024-03-12T08:00:00+25:00"
            })
    void badTimestamp(String text) {
        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.BAD_TIMESTAMP,
                        STREETLIGHT,
                        with(STREETLIGHT, "dateObserved", "\"" + text + "\""));

        assertThat(rejected.detail())
                .isEqualTo(
                        "sensor lamp-42 reading: dateObserved='"
                                + text
                                + "' is not an ISO-8601 timestamp (with an offset, or local time"
                                + " in Europe/Madrid)");
        assertThat(rejected.observedAt()).isNull();
    }

    @Test
    void badTimestampInATrafficInterval() {
        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.BAD_TIMESTAMP,
                        TRAFFIC,
                        with(TRAFFIC, "dateObserved", "\"2024-03-12T08:00:00Z/soon\""));

        assertThat(rejected.detail())
                .isEqualTo(
                        "sensor 158324 reading: dateObserved='2024-03-12T08:00:00Z/soon' is not an"
                                + " ISO-8601 timestamp or interval (with an offset, or local time"
                                + " in Europe/Madrid)");
    }

    @Test
    void badTimestampOfANonObservationDate() {
        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.BAD_TIMESTAMP,
                        WASTE_CONTAINER,
                        with(WASTE_CONTAINER, "dateLastEmptying", "\"last tuesday\""));

        assertThat(rejected.detail()).contains("dateLastEmptying='last tuesday'");
        assertThat(rejected.observedAt()).isEqualTo(OBSERVED);
    }

    @Test
    void futureTimestamp() {
        String later = NOW.plus(Duration.ofMinutes(6)).toString();

        ParseOutcome.Rejected rejected =
                rejectedAs(
                        RejectReason.FUTURE_TIMESTAMP,
                        AIR_QUALITY_OBSERVED,
                        with(AIR_QUALITY_OBSERVED, "dateObserved", "\"" + later + "\""));

        assertThat(rejected.detail())
                .isEqualTo(
                        "sensor station-7 reading: dateObserved=2025-01-01T00:06:00Z is more than"
                                + " PT5M after the time of parsing 2025-01-01T00:00:00Z");
        assertThat(rejected.observedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
    }

    @Test
    void timestampWithinTheFutureToleranceIsAccepted() {
        String later = NOW.plus(Duration.ofMinutes(5)).toString();

        assertThat(
                        accepted(
                                        Feed.AIR,
                                        with(
                                                AIR_QUALITY_OBSERVED,
                                                "dateObserved",
                                                "\"" + later + "\""))
                                .observedAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }
}
